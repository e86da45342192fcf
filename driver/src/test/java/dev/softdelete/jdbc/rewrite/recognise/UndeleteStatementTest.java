package dev.softdelete.jdbc.rewrite.recognise;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class UndeleteStatementTest {
    @Test
    void findsTheKeywordAfterSpacesAndCommentsInAnyCase() {
        assertEquals(0, UndeleteStatement.keywordAt("UNDELETE FROM t WHERE id = 1"));
        assertEquals(0, UndeleteStatement.keywordAt("undelete from t"));
        assertEquals(0, UndeleteStatement.keywordAt("UnDelete\nFROM t"));
        assertEquals(0, UndeleteStatement.keywordAt("UNDELETE"));
        assertEquals(2, UndeleteStatement.keywordAt("  UNDELETE FROM t"));
        assertEquals(8, UndeleteStatement.keywordAt("/* a */ UNDELETE FROM t"));
        assertEquals(5, UndeleteStatement.keywordAt("-- a\nundelete FROM t"));
        assertEquals(1, UndeleteStatement.keywordAt("\tUNDELETE FROM t"));
    }

    @Test
    void isNotFoundInOtherStatements() {
        for (String sql : new String[] {"", " ", "DELETE FROM t", "SELECT 'UNDELETE'", "UPDATE t SET a = 1",
            "update t set a = 1", "UNDELETED_ROWS", "undelete_log", "UNDELETE1", "Zundelete", "_UNDELETE FROM t",
            "(UNDELETE FROM t)", "\u00dcNDELETE FROM t", "/* UNDELETE */ DELETE FROM t", "-- UNDELETE\nSELECT 1",
            "with x as (select 1) select 1", "INSERT INTO t VALUES (1)"}) {
            assertEquals(-1, UndeleteStatement.keywordAt(sql), sql);
        }
    }

    @Test
    void agreesWithTheFullCheckForEveryFirstCharacter() {
        // the first-character shortcut must never say "no" where the keyword stands: every first character,
        // followed by the keyword's remaining letters, in both cases
        for (char c = 0; c < 0x3000; c++) {
            for (String rest : new String[] {"NDELETE FROM t", "ndelete from t"}) {
                String sql = c + rest;
                int expected = Character.toUpperCase(c) == 'U' || Character.toLowerCase(c) == 'u' ? 0 : -1;
                assertEquals(expected, UndeleteStatement.keywordAt(sql), "first character U+" + Integer.toHexString(c));
            }
        }
    }
}
