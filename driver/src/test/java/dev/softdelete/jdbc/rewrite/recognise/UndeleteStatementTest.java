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
        // the first-character shortcut must never say "no" where the full check finds the keyword: every first
        // character, before the keyword's remaining letters, the whole keyword, and a statement
        String[] rests = {"NDELETE FROM t", "ndelete from t", "UNDELETE FROM t", " UNDELETE FROM t", "SELECT 1", ""};
        for (char c = 0; c < 0x3000; c++) {
            for (String rest : rests) {
                String sql = c + rest;
                assertEquals(fullCheck(sql), UndeleteStatement.keywordAt(sql), "U+" + Integer.toHexString(c) + rest);
            }
        }
    }

    /** The check without the shortcut: past leading blanks and comments, the keyword ignoring case, then no word. */
    private static int fullCheck(String sql) {
        int at = LeadingComments.end(sql);
        String keyword = "UNDELETE";
        boolean found = sql.regionMatches(true, at, keyword, 0, keyword.length())
                && (at + keyword.length() == sql.length()
                || !Character.isJavaIdentifierPart(sql.charAt(at + keyword.length())));
        return found ? at : -1;
    }
}
