package dev.softdelete.jdbc.rewrite.recognise;

import static org.assertj.core.api.Assertions.assertThat;

import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import org.junit.jupiter.api.Test;

/** What takes a referential-integrity guard away, and what looks alike and does not. */
class GuardTriggerDdlTest {
    @Test
    void droppingOrDisablingAGuardIsFound() {
        String[][] cases = {
            {"POSTGRESQL", "ALTER TABLE order_lines DISABLE TRIGGER USER"},
            {"POSTGRESQL", "alter table if exists only public.order_lines disable trigger softdelete_guard"},
            {"POSTGRESQL", "ALTER TABLE order_lines ENABLE REPLICA TRIGGER \"softdelete_guard\""},
            {"POSTGRESQL", "DROP TRIGGER IF EXISTS softdelete_guard ON order_lines"},
            {"POSTGRESQL", "DROP FUNCTION softdelete_guard_order_lines() CASCADE"},
            {"POSTGRESQL", "SELECT 1; /* load */ ALTER TABLE order_lines DISABLE TRIGGER USER"},
            {"MARIADB", "DROP TRIGGER shop.softdelete_guard_ins_order_lines"},
            {"MARIADB", "/*!50003 DROP TRIGGER softdelete_guard_upd_order_lines */"},
            {"MYSQL", "-- cleanup\nDROP TRIGGER IF EXISTS `softdelete_guard_ins_order_lines`"},
            // comments read as each database reads them: PostgreSQL nests block comments, and ends -- at \r
            {"POSTGRESQL", "/* a /* b */ c */ DROP TRIGGER softdelete_guard ON order_lines"},
            {"POSTGRESQL", "--x\rDROP TRIGGER softdelete_guard ON order_lines"},
            {"MARIADB", "/* a /* b */ DROP TRIGGER softdelete_guard_ins_order_lines"},
            {"MARIADB", "# x\nDROP TRIGGER softdelete_guard_ins_order_lines"},
            // a probe: renamed first, a guard is dropped under a name that is not a guard's; or written U&"..."
            {"POSTGRESQL", "ALTER TRIGGER softdelete_guard ON order_lines RENAME TO audit_tr"},
            {"POSTGRESQL", "ALTER FUNCTION public.softdelete_guard_order_lines() RENAME TO f_audit"},
            {"POSTGRESQL", "ALTER TABLE order_lines DISABLE TRIGGER U&\"softdelete_guar\\0064\""},
            {"POSTGRESQL", "DROP TRIGGER U&\"softdelete_guar\\0064\" ON order_lines"},
            {"POSTGRESQL", "CREATE OR REPLACE FUNCTION public.softdelete_guard_notes() RETURNS trigger LANGUAGE plpgsql"
                + " AS 'BEGIN RETURN NEW; END'"},
            {"POSTGRESQL", "CREATE OR REPLACE TRIGGER softdelete_guard AFTER INSERT ON notes FOR EACH ROW EXECUTE"
                + " FUNCTION noop()"},
            {"MARIADB", "CREATE OR REPLACE TRIGGER softdelete_guard_ins_notes AFTER INSERT ON notes FOR EACH ROW SET @x = 1"},
            {"MARIADB", "CREATE OR REPLACE DEFINER = root@localhost TRIGGER softdelete_guard_ins_notes AFTER INSERT ON"
                + " notes FOR EACH ROW SET @x = 1"},
            // probes: other kinds of routine, the language the guards are written in, DEFINER = CURRENT_USER(), and
            // DDL further in a statement (MariaDB's SET STATEMENT ... FOR, a compound statement)
            {"POSTGRESQL", "DROP ROUTINE public.softdelete_guard_refs() CASCADE"},
            {"POSTGRESQL", "DROP PROCEDURE softdelete_guard_refs()"},
            {"POSTGRESQL", "DROP EXTENSION plpgsql CASCADE"},
            {"POSTGRESQL", "DROP LANGUAGE IF EXISTS \"plpgsql\" CASCADE"},
            {"MARIADB", "CREATE OR REPLACE DEFINER = CURRENT_USER() TRIGGER softdelete_guard_ins_refs AFTER INSERT ON"
                + " refs FOR EACH ROW SET @x = 1"},
            {"MARIADB", "SET STATEMENT max_statement_time=0 FOR DROP TRIGGER softdelete_guard_ins_refs"},
            {"MARIADB", "BEGIN NOT ATOMIC DROP TRIGGER softdelete_guard_ins_refs; END"}};
        for (String[] c : cases) {
            assertThat(GuardTriggerDdl.disabling(c[1], Dialect.valueOf(c[0]))).as(c[1]).isNotNull();
        }
    }

    @Test
    void otherTriggerDdlAndStatementsPass() {
        String[][] cases = {
            {"POSTGRESQL", "ALTER TABLE order_lines DISABLE TRIGGER ALL"},
            {"POSTGRESQL", "ALTER TABLE order_lines DISABLE TRIGGER audit_lines"},
            {"POSTGRESQL", "ALTER TABLE order_lines ENABLE ALWAYS TRIGGER softdelete_guard"},
            {"POSTGRESQL", "DROP TRIGGER audit ON order_lines"},
            {"POSTGRESQL", "SELECT 'DROP TRIGGER softdelete_guard ON t' FROM dual"},
            {"MARIADB", "DROP TABLE softdelete_guarded_history"},
            {"POSTGRESQL", "ALTER TRIGGER audit ON order_lines RENAME TO audit2"},
            {"POSTGRESQL", "CREATE OR REPLACE FUNCTION audit_notes() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN END'"},
            {"POSTGRESQL", "CREATE TABLE softdelete_guard_log (id INT)"},
            {"POSTGRESQL", "ALTER TABLE U&\"order_line\\0073\" ADD COLUMN note TEXT"},
            {"MARIADB", "DELETE FROM order_lines WHERE note = 'disable trigger user'"},
            {"POSTGRESQL", "DROP EXTENSION pg_trgm CASCADE"},
            {"MARIADB", "SET STATEMENT max_statement_time=0 FOR DROP TRIGGER audit_ins"}};
        for (String[] c : cases) {
            assertThat(GuardTriggerDdl.disabling(c[1], Dialect.valueOf(c[0]))).as(c[1]).isNull();
        }
    }
}
