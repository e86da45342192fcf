package dev.softdelete.jdbc.rewrite.recognise;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import org.junit.jupiter.api.Test;

class UndeleteStatementTest {
    @Test
    void findsTheKeywordAfterSpacesAndCommentsInAnyCase() {
        assertEquals(0, UndeleteStatement.keywordAt("UNDELETE FROM t WHERE id = 1", Dialect.POSTGRESQL));
        assertEquals(0, UndeleteStatement.keywordAt("undelete from t", Dialect.POSTGRESQL));
        assertEquals(0, UndeleteStatement.keywordAt("UnDelete\nFROM t", Dialect.POSTGRESQL));
        assertEquals(0, UndeleteStatement.keywordAt("UNDELETE", Dialect.POSTGRESQL));
        assertEquals(2, UndeleteStatement.keywordAt("  UNDELETE FROM t", Dialect.POSTGRESQL));
        assertEquals(8, UndeleteStatement.keywordAt("/* a */ UNDELETE FROM t", Dialect.POSTGRESQL));
        assertEquals(5, UndeleteStatement.keywordAt("-- a\nundelete FROM t", Dialect.POSTGRESQL));
        assertEquals(1, UndeleteStatement.keywordAt("\tUNDELETE FROM t", Dialect.POSTGRESQL));
    }

    @Test
    void isNotFoundInOtherStatements() {
        for (String sql : new String[] {"", " ", "DELETE FROM t", "SELECT 'UNDELETE'", "UPDATE t SET a = 1",
            "update t set a = 1", "UNDELETED_ROWS", "undelete_log", "UNDELETE1", "Zundelete", "_UNDELETE FROM t",
            "(UNDELETE FROM t)", "\u00dcNDELETE FROM t", "/* UNDELETE */ DELETE FROM t", "-- UNDELETE\nSELECT 1",
            "with x as (select 1) select 1", "INSERT INTO t VALUES (1)"}) {
            assertEquals(-1, UndeleteStatement.keywordAt(sql, Dialect.POSTGRESQL), sql);
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
                assertEquals(fullCheck(sql), UndeleteStatement.keywordAt(sql, Dialect.POSTGRESQL), "U+" + Integer.toHexString(c) + rest);
            }
        }
    }

    /** The check without the shortcut: past leading blanks and comments, the keyword ignoring case, then no word. */
    private static int fullCheck(String sql) {
        int at = LeadingComments.end(sql, Dialect.POSTGRESQL);
        String keyword = "UNDELETE";
        boolean found = sql.regionMatches(true, at, keyword, 0, keyword.length())
                && (at + keyword.length() == sql.length()
                || !Character.isJavaIdentifierPart(sql.charAt(at + keyword.length())));
        return found ? at : -1;
    }

    @Test
    void readsLeadingCommentsAsTheDatabaseDoes() {
        // MySQL ends a line comment at a line feed only: the server runs the DELETE, not an UNDELETE (a probe: the
        // driver ran "UNDELETE FROM t WHERE id = 1\nDELETE ..." and the DELETE never happened)
        String crLine = "-- x\rUNDELETE FROM t WHERE id = 1\nDELETE FROM t WHERE id = 3";
        assertEquals(-1, UndeleteStatement.keywordAt(crLine, Dialect.MYSQL));
        assertEquals(-1, UndeleteStatement.keywordAt(crLine, Dialect.MARIADB));
        assertEquals(5, UndeleteStatement.keywordAt(crLine, Dialect.POSTGRESQL));
        // PostgreSQL and H2 nest block comments: the UNDELETE is inside the comment there
        String nested = "/* /* */ UNDELETE FROM t */ DELETE FROM t";
        assertEquals(-1, UndeleteStatement.keywordAt(nested, Dialect.POSTGRESQL));
        assertEquals(-1, UndeleteStatement.keywordAt(nested, Dialect.H2));
        assertEquals(9, UndeleteStatement.keywordAt(nested, Dialect.MARIADB));
        // observe mode, which knows no dialect, treats either reading as an UNDELETE
        assertEquals(true, UndeleteStatement.mayBe(crLine));
        assertEquals(true, UndeleteStatement.mayBe(nested));
        assertEquals(false, UndeleteStatement.mayBe("DELETE FROM t"));
    }
}
