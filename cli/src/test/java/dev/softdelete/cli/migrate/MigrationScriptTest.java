package dev.softdelete.cli.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How a written script splits into statements, as migration tools split it. */
class MigrationScriptTest {
    @Test
    void dollarQuotedBodiesAndDelimiterBlocksStayWhole() {
        String script = String.join("\n",
            "-- a comment",
            "ALTER TABLE t ADD COLUMN IF NOT EXISTS is_deleted BOOLEAN NOT NULL DEFAULT FALSE;",
            "",
            "-- a function",
            "CREATE OR REPLACE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $softdelete$",
            "BEGIN",
            "  RETURN NEW;",
            "END",
            "$softdelete$;",
            "DROP TRIGGER IF EXISTS `g`;",
            "DELIMITER //",
            "CREATE TRIGGER `g` BEFORE INSERT ON t FOR EACH ROW",
            "BEGIN",
            "  SET @a = 1;",
            "END",
            "//",
            "DELIMITER ;",
            "CREATE INDEX i ON t (a);",
            "");
        assertThat(MigrationScript.statements(script)).containsExactly(
            "ALTER TABLE t ADD COLUMN IF NOT EXISTS is_deleted BOOLEAN NOT NULL DEFAULT FALSE",
            "CREATE OR REPLACE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $softdelete$\nBEGIN\n  RETURN NEW;\nEND\n"
                + "$softdelete$",
            "DROP TRIGGER IF EXISTS `g`",
            "CREATE TRIGGER `g` BEFORE INSERT ON t FOR EACH ROW\nBEGIN\n  SET @a = 1;\nEND",
            "CREATE INDEX i ON t (a)");
    }

    @Test
    void longPurposesWrapIntoCommentLines() {
        String comment = MigrationScript.comment("word ".repeat(40).trim());
        assertThat(comment.split("\n")).allSatisfy(line -> assertThat(line).startsWith("-- ").hasSizeLessThan(116));
        assertThat(comment.split("\n")[1]).startsWith("--   word");
    }
}
