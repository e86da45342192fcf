package dev.softdelete.jdbc.rewrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.softdelete.config.Cascade;
import dev.softdelete.config.FlagType;
import dev.softdelete.config.OnUnparseable;
import dev.softdelete.config.Options;
import dev.softdelete.config.SoftDeleteConfig;
import dev.softdelete.config.TableConfig;
import dev.softdelete.config.TableName;
import dev.softdelete.config.TruncatePolicy;
import dev.softdelete.jdbc.Visibility;
import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import dev.softdelete.jdbc.rewrite.catalog.Catalog;
import dev.softdelete.jdbc.rewrite.catalog.ForeignKey;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Engine behaviour beyond single rewrites: visibility, options, budgets, threads, caching. */
class RewriteEngineTest {
    private final RewriteEngine engine = Engines.engine(Dialect.POSTGRESQL);

    /** A configuration of {@code tables}, each with the flag is_deleted and the timestamp deleted_at. */
    private static SoftDeleteConfig flagged(String... tables) {
        List<TableConfig> configs = new java.util.ArrayList<>();
        for (String t : tables) {
            configs.add(new TableConfig(TableName.parse(t), "is_deleted", FlagType.BOOLEAN, "deleted_at", List.of()));
        }
        return new SoftDeleteConfig("test", configs, Options.DEFAULTS);
    }

    /** The text the engine sends for {@code sql}. */
    /** Both ways a text reaches the engine: as one it may have met, and as a connection's new text. */
    private static List<ThrowingCallable> bothWays(RewriteEngine engine, String sql) {
        return List.of(() -> engine.rewrite(sql, Visibility.ACTIVE), () -> engine.rewriteNew(sql, Visibility.ACTIVE));
    }

    private static String sent(RewriteEngine engine, String sql, Visibility visibility) throws Exception {
        return engine.rewrite(sql, visibility).sqlFor(sql);
    }

    /**
     * An UNDELETE's condition is read by several statements of the restore, which must find the same rows: columns,
     * literals and operators only; a function, time keyword, variable or subquery is refused, naming what it holds.
     */
    @Test
    void undeleteConditionsHoldOnlyWhatReadsAlikeInEveryStatement() throws Exception {
        RewriteEngine mysql = Engines.engine(Dialect.MYSQL);
        for (String condition : List.of("id = 42", "id IN (1, 2, -3)", "id BETWEEN 1 AND 3 AND NOT (id = 2)",
                "deleted_at >= TIMESTAMP '2026-01-31 10:00:00'", "deleted_at > '2026-01-01' OR deleted_at IS NULL",
                "CAST(id AS CHAR(10)) LIKE '4%'", "(id + 1) * 2 = 8", "c.id = 1 AND c.deleted_at IS NOT NULL")) {
            String sql = "UNDELETE FROM customers c WHERE " + condition;
            assertThat(engine.rewrite(sql, Visibility.ACTIVE).restore()).as(condition).isTrue();
            assertThat(mysql.rewrite(sql, Visibility.ACTIVE).restore()).as(condition).isTrue();
        }
        for (String[] refused : new String[][] {{"random() < 0.5", "random()"},
                {"deleted_at > now() - INTERVAL '5 minutes'", "now()"},
                {"deleted_at > CURRENT_TIMESTAMP - INTERVAL '5' MINUTE", "CURRENT_TIMESTAMP"},
                {"deleted_at > LOCALTIMESTAMP", "LOCALTIMESTAMP"},
                {"id IN (SELECT customer_id FROM plain_log)", "(SELECT customer_id FROM plain_log)"},
                {"EXISTS (SELECT 1 FROM plain_log l WHERE l.id = c.id)", "EXISTS"},
                {"id = @last_id", "@last_id"},
                // the row version: the capture's row lock sets xmax (a probe restored a child of a row it did not)
                {"id = 1 AND xmax = 0", "xmax"}, {"c.ctid = '(0,1)'", "ctid"}}) {
            assertThatThrownBy(() -> mysql.rewrite("UNDELETE FROM customers c WHERE " + refused[0], Visibility.ACTIVE))
                    .as(refused[0]).isInstanceOf(StatementRefusedException.class)
                    .hasMessageContaining("UNDELETE of soft-delete table customers with " + refused[1]);
        }
    }

    /**
     * A timestamp column of less than microseconds no longer equals the event's timestamp once stored: a cascade or
     * restore that finds rows by it would find none (found on MariaDB's plain DATETIME: the children stayed live).
     * Refused where it would; a delete with nothing around it does not find rows by it.
     */
    @Test
    void stepsThatFindRowsByACoarseTimestampAreRefused() throws Exception {
        for (String coarse : List.of("customers", "orders")) {
            RewriteEngine mariaDb = new RewriteEngine(Engines.config(Options.DEFAULTS), Dialect.MARIADB,
                    Catalog.EMPTY.withCoarseTimestamps(java.util.Set.of(TableName.parse(coarse))));
            assertThatThrownBy(() -> mariaDb.rewrite("DELETE FROM customers WHERE id = 1", Visibility.ACTIVE))
                    .as(coarse).isInstanceOf(StatementRefusedException.class)
                    .hasMessageContaining("the timestamp column of " + coarse + " holds less than microseconds");
            assertThatThrownBy(() -> mariaDb.rewrite("UNDELETE FROM customers WHERE id = 1", Visibility.ACTIVE))
                    .as(coarse).isInstanceOf(StatementRefusedException.class)
                    .hasMessageContaining("holds less than microseconds");
            assertThat(mariaDb.rewrite("DELETE FROM orders WHERE id = 1", Visibility.ACTIVE).after()).isEmpty();
            assertThat(mariaDb.rewrite("UNDELETE FROM orders WHERE id = 1", Visibility.ACTIVE).restore()).isTrue();
        }
        // a partition of a coarse table is as coarse (PostgreSQL; a probe deleted through one, children left live)
        RewriteEngine postgres = new RewriteEngine(Engines.config(Options.DEFAULTS), Dialect.POSTGRESQL,
                new Catalog(Map.of(TableName.parse("customers_a"), TableName.parse("customers")), Map.of(), List.of(),
                        List.of()).withCoarseTimestamps(java.util.Set.of(TableName.parse("customers"))));
        assertThatThrownBy(() -> postgres.rewrite("DELETE FROM customers_a WHERE id = 1", Visibility.ACTIVE))
                .isInstanceOf(StatementRefusedException.class).hasMessageContaining("holds less than microseconds");
        // with batch columns, the steps and the restore find the rows by batch, not by timestamp
        Cascade toOrders = new Cascade(TableName.parse("orders"), List.of("customer_id"), List.of("id"));
        SoftDeleteConfig batched = new SoftDeleteConfig("test", List.of(
                new TableConfig(TableName.parse("customers"), "is_deleted", FlagType.BOOLEAN, "deleted_at", "batch_id",
                        null, List.of(toOrders)),
                new TableConfig(TableName.parse("orders"), "is_deleted", FlagType.BOOLEAN, "deleted_at", "batch_id",
                        null, List.of())), Options.DEFAULTS);
        RewriteEngine byBatch = new RewriteEngine(batched, Dialect.MARIADB, Catalog.EMPTY.withCoarseTimestamps(
                java.util.Set.of(TableName.parse("customers"), TableName.parse("orders"))));
        assertThat(byBatch.rewrite("DELETE FROM customers WHERE id = 1", Visibility.ACTIVE).after()).isNotEmpty();
        assertThat(byBatch.rewrite("UNDELETE FROM customers WHERE id = 1", Visibility.ACTIVE).restore()).isTrue();
    }

    @Test
    void includeDeletedVisibilityLeavesReadsAlone() throws Exception {
        String sql = "SELECT * FROM orders o JOIN customers c ON c.id = o.customer_id";
        assertThat(engine.rewrite(sql, Visibility.INCLUDE_DELETED).unchanged()).isTrue();
    }

    @Test
    void onlyDeletedVisibilityInvertsThePredicates() throws Exception {
        assertThat(sent(engine, "SELECT * FROM orders, reviews", Visibility.ONLY_DELETED))
                .isEqualTo("SELECT * FROM orders, reviews WHERE orders.is_deleted = TRUE"
                        + " AND reviews.removed_at IS NOT NULL");
    }

    @Test
    void deleteSkipsAlreadyDeletedRowsWhateverTheVisibility() throws Exception {
        String expected = "UPDATE orders SET is_deleted = TRUE, deleted_at = CAST(statement_timestamp() AS TIMESTAMP(5))"
                + " WHERE (id = 1)"
                + " AND orders.is_deleted = FALSE";
        for (Visibility v : Visibility.values()) {
            assertThat(sent(engine, "DELETE FROM orders WHERE id = 1", v)).as(v.label()).isEqualTo(expected);
        }
    }

    /**
     * A soft delete's cascades and checks run after the whole string it is sent in: one followed by another statement
     * of the string is refused, one at the end is not; the tables its steps touch come with the rewrite (a batch
     * refuses an entry that names one of them after it).
     */
    @Test
    void aSoftDeleteWithStepsMustBeTheLastStatementOfItsString() throws Exception {
        assertThatThrownBy(() -> engine.rewrite("DELETE FROM customers WHERE id = 1; SELECT * FROM orders",
                Visibility.ACTIVE)).isInstanceOfSatisfying(StatementRefusedException.class, e -> assertThat(
                        e.sqlState()).isEqualTo(StatementRefusedException.UNREWRITABLE))
                .hasMessageContaining("last statement");
        Rewrite last = engine.rewrite("SELECT * FROM orders; DELETE FROM customers WHERE id = 1", Visibility.ACTIVE);
        assertThat(last.after()).isNotEmpty();
        assertThat(last.stepTables()).containsExactly("orders");
        // orders has no cascades: nothing runs after the string
        Rewrite plain = engine.rewrite("DELETE FROM orders WHERE id = 1; SELECT * FROM customers", Visibility.ACTIVE);
        assertThat(plain.stepTables()).isEmpty();
        assertThat(plain.after()).isEmpty();
    }

    /**
     * Which tables a delete event's steps name. A foreign key's step names the tables the catalog gives for it,
     * schema included: unqualified, its key query read whatever table the session's search path found first (a
     * same-named table of another schema, or a temporary one), and left the children live. A step of the cascade
     * map takes the schema the DELETE named its table in. A DELETE in a schema the catalog was not read for is
     * refused: its foreign keys are unknown.
     */
    @Test
    void stepsNameTheTablesOfTheForeignKeyAndTheSchemaTheDeleteNamed() throws Exception {
        Catalog catalog = new Catalog(Map.of(), Map.of(), List.of(new ForeignKey("payments_order",
                new TableName("public", "payments"), List.of("order_id"), new TableName("public", "orders"),
                List.of("id"), ForeignKey.OnDelete.RESTRICT).configured(null, TableName.parse("orders"))), List.of())
                .readIn(java.util.Set.of("public", "sales"));
        RewriteEngine postgres = new RewriteEngine(Engines.config(Options.DEFAULTS), Dialect.POSTGRESQL, catalog);

        Rewrite qualified = postgres.rewrite("DELETE FROM public.customers WHERE id = 1", Visibility.ACTIVE);
        assertThat(qualified.after()).extracting(CascadeStep::statement).containsExactly("UPDATE public.orders SET"
                + " is_deleted = TRUE, deleted_at = CAST(current_setting('softdelete.event_at') AS TIMESTAMP) WHERE"
                + " is_deleted = FALSE AND customer_id IN (SELECT id FROM public.customers WHERE"
                + " public.customers.deleted_at = CAST(current_setting('softdelete.event_at') AS TIMESTAMP))");
        assertThat(qualified.checks()).extracting(g -> g.query).containsExactly("SELECT order_id FROM"
                + " public.payments WHERE order_id IN (SELECT id FROM public.orders WHERE public.orders.deleted_at ="
                + " CAST(current_setting('softdelete.event_at') AS TIMESTAMP)) LIMIT 1 FOR KEY SHARE");
        assertThat(postgres.rewrite("DELETE FROM customers WHERE id = 1", Visibility.ACTIVE).after())
                .extracting(CascadeStep::statement).first().asString().startsWith("UPDATE orders SET")
                .contains("FROM customers WHERE customers.deleted_at");

        assertThatThrownBy(() -> postgres.rewrite("DELETE FROM archive.customers WHERE id = 1", Visibility.ACTIVE))
                .isInstanceOf(StatementRefusedException.class)
                .hasMessageContaining("in schema archive, whose foreign keys and partitions the driver did not read");
        assertThatThrownBy(() -> postgres.rewrite("UNDELETE FROM archive.customers WHERE id = 1", Visibility.ACTIVE))
                .isInstanceOf(StatementRefusedException.class)
                .hasMessageContaining("UNDELETE in schema archive, whose foreign keys the driver did not read");
        assertThat(postgres.rewrite("DELETE FROM \"sales\".orders WHERE id = 1", Visibility.ACTIVE).unchanged())
                .isFalse();
        assertThat(new RewriteEngine(Engines.config(Options.DEFAULTS), Dialect.POSTGRESQL)
                .rewrite("DELETE FROM archive.customers WHERE id = 1", Visibility.ACTIVE).unchanged()).isFalse();
    }

    /**
     * A cascade edge of the map that a foreign key of another schema also follows: a DELETE that names its schema
     * takes the edge in that schema (the other schema's key finds none of its rows); unqualified, the key's step
     * names the key's tables.
     */
    @Test
    void aDeleteNamingItsSchemaFollowsOnlyThatSchemasKeys() throws Exception {
        Catalog catalog = new Catalog(Map.of(), Map.of(), List.of(new ForeignKey("orders_customer",
                new TableName("app", "orders"), List.of("customer_id"), new TableName("app", "customers"),
                List.of("id"), ForeignKey.OnDelete.CASCADE).configured(TableName.parse("orders"),
                TableName.parse("customers"))), List.of()).readIn(java.util.Set.of("public", "app"));
        RewriteEngine postgres = new RewriteEngine(Engines.config(Options.DEFAULTS), Dialect.POSTGRESQL, catalog);

        assertThat(postgres.rewrite("DELETE FROM public.customers WHERE id = 1", Visibility.ACTIVE).after())
                .extracting(CascadeStep::statement).singleElement().asString().startsWith("UPDATE public.orders SET")
                .contains("FROM public.customers WHERE");
        assertThat(postgres.rewrite("DELETE FROM customers WHERE id = 1", Visibility.ACTIVE).after())
                .extracting(CascadeStep::statement).singleElement().asString().startsWith("UPDATE app.orders SET")
                .contains("FROM app.customers WHERE");
    }

    /**
     * MySQL sets a self-referencing key's column to NULL while its DELETE is still reading: a row pointing at a row
     * deleted earlier in the statement no longer matches WHERE ref = 1, and survives. The driver's SET NULL runs after
     * its UPDATE, which had soft-deleted that row. A DELETE that reads such a column is refused there.
     */
    /**
     * A partition (or inheriting table) of a table named like a configured one, in a schema whose catalog the driver
     * did not read: the catalog gives its name, which the pre-filter would otherwise not know, and a statement naming
     * it with its schema is refused (a probe read deleted rows through {@code s2.evp1}, and deleted rows physically
     * with {@code DELETE FROM s2.evp1}). Without the schema the name is another table, unless it is in a read schema.
     */
    @Test
    void aPartitionInASchemaNotReadIsRefusedByItsQualifiedName() throws Exception {
        Catalog catalog = Catalog.EMPTY.withUnreadInheritance(java.util.Set.of(new TableName("s2", "evp1"),
                new TableName(null, "evp9"))).readIn(java.util.Set.of("public"));
        RewriteEngine postgres = new RewriteEngine(Engines.config(Options.DEFAULTS), Dialect.POSTGRESQL, catalog);
        for (String sql : List.of("SELECT count(*) FROM s2.evp1", "DELETE FROM s2.evp1 WHERE id = 1",
                "UPDATE \"s2\".\"evp1\" SET kind = 'x'", "TRUNCATE s2.evp1", "SELECT * FROM ONLY s2.evp1",
                "SELECT 1 FROM customers c WHERE EXISTS (SELECT 1 FROM S2.EVP1 e WHERE e.customer_id = c.id)",
                "SELECT * FROM evp9", "DELETE FROM public.evp9")) {
            assertThatThrownBy(() -> postgres.rewrite(sql, Visibility.ACTIVE)).as(sql)
                    .isInstanceOf(StatementRefusedException.class).hasMessageContaining("did not read");
        }
        assertThat(postgres.rewrite("SELECT count(*) FROM evp1", Visibility.ACTIVE).unchanged()).isTrue();
        assertThat(postgres.rewrite("SELECT count(*) FROM s3.evp1", Visibility.ACTIVE).unchanged()).isTrue();
    }

    /**
     * A database ON DELETE CASCADE key between configured tables that share no event column (a flag-only child of a
     * timestamped parent, or the other way round): a probe saw the soft delete succeed and its restore leave the
     * child deleted (nothing to match the event by), or fail with the database's "column null". Refused.
     */
    @Test
    void aDatabaseCascadeBetweenTablesWithoutACommonEventColumnIsRefused() throws Exception {
        TableConfig cust = new TableConfig(TableName.parse("cust"), "is_deleted", FlagType.BOOLEAN, "deleted_at", null,
                null, List.of());
        TableConfig ord = new TableConfig(TableName.parse("ord"), "is_deleted", FlagType.BOOLEAN, null, null, null,
                List.of());
        SoftDeleteConfig config = new SoftDeleteConfig("test", List.of(cust, ord), Options.DEFAULTS);
        Catalog catalog = new Catalog(Map.of(), Map.of(), List.of(new ForeignKey("ord_cust", TableName.parse("ord"),
                List.of("cust_id"), TableName.parse("cust"), List.of("id"), ForeignKey.OnDelete.CASCADE)
                .configured(TableName.parse("ord"), TableName.parse("cust"))), List.of());
        for (Dialect dialect : List.of(Dialect.POSTGRESQL, Dialect.MARIADB)) {
            RewriteEngine engine = new RewriteEngine(config, dialect, catalog);
            assertThatThrownBy(() -> engine.rewrite("DELETE FROM cust WHERE id = 1", Visibility.ACTIVE))
                    .as(dialect.toString()).isInstanceOf(StatementRefusedException.class)
                    .hasMessageContaining("needs a timestamp column in both");
        }
    }

    @Test
    void aMySqlDeleteReadingAColumnItsOwnKeySetsToNullIsRefused() throws Exception {
        Catalog selfSetNull = new Catalog(Map.of(), Map.of(), List.of(new ForeignKey("orders_ref",
                TableName.parse("orders"), List.of("ref"), TableName.parse("orders"), List.of("id"),
                ForeignKey.OnDelete.SET_NULL).configured(TableName.parse("orders"), TableName.parse("orders"))),
                List.of());
        RewriteEngine mariaDb = new RewriteEngine(Engines.config(Options.DEFAULTS), Dialect.MARIADB, selfSetNull);
        assertThatThrownBy(() -> mariaDb.rewrite("DELETE FROM orders WHERE id = 1 OR ref = 1", Visibility.ACTIVE))
                .isInstanceOf(StatementRefusedException.class).hasMessageContaining("reads its column ref");
        assertThat(mariaDb.rewrite("DELETE FROM orders WHERE id = 1", Visibility.ACTIVE).after()).isNotEmpty();
        assertThat(new RewriteEngine(Engines.config(Options.DEFAULTS), Dialect.POSTGRESQL, selfSetNull)
                .rewrite("DELETE FROM orders WHERE id = 1 OR ref = 1", Visibility.ACTIVE).after()).isNotEmpty();
    }

    /** H2's MSSQLServer, Oracle and Derby modes reject LIMIT: the checks read one row the standard way there. */
    @Test
    void h2ChecksReadOneRowWithFetchFirst() throws Exception {
        Catalog paymentsReferenceOrders = new Catalog(Map.of(), Map.of(), List.of(new ForeignKey("payments_order",
                TableName.parse("payments"), List.of("order_id"), TableName.parse("orders"), List.of("id"),
                ForeignKey.OnDelete.RESTRICT).configured(null, TableName.parse("orders"))), List.of());
        assertThat(new RewriteEngine(Engines.config(Options.DEFAULTS), Dialect.H2, paymentsReferenceOrders)
                .rewrite("DELETE FROM orders WHERE id = 1", Visibility.ACTIVE).checks())
                .extracting(g -> g.query).singleElement().asString().endsWith(") FETCH FIRST 1 ROWS ONLY");
    }

    /**
     * MySQL's DELETE IGNORE skips the rows a RESTRICT key protects; the driver checks the key after its UPDATE and can
     * only fail the whole statement: refused where the table has such a key, rewritten where it has none.
     */
    @Test
    void deleteIgnoreOfATableThatForeignKeysProtectIsRefused() throws Exception {
        Catalog paymentsReferenceOrders = new Catalog(Map.of(), Map.of(), List.of(new ForeignKey("payments_order",
                TableName.parse("payments"), List.of("order_id"), TableName.parse("orders"), List.of("id"),
                ForeignKey.OnDelete.RESTRICT).configured(null, TableName.parse("orders"))), List.of());
        RewriteEngine mariaDb = new RewriteEngine(Engines.config(Options.DEFAULTS), Dialect.MARIADB,
                paymentsReferenceOrders);
        assertThatThrownBy(() -> mariaDb.rewrite("DELETE IGNORE FROM orders WHERE id > 15", Visibility.ACTIVE))
                .isInstanceOf(StatementRefusedException.class).hasMessageContaining("DELETE IGNORE");
        assertThat(mariaDb.rewrite("DELETE FROM orders WHERE id > 15", Visibility.ACTIVE).checks()).isNotEmpty();
        assertThat(mariaDb.rewrite("DELETE IGNORE FROM reviews WHERE id > 15", Visibility.ACTIVE).unchanged())
                .isFalse();
    }

    /**
     * MySQL's DELETE ... LIMIT counts only the rows it finds still there: where a row's cascade removes rows of the
     * same table, the hard delete goes on to the next ones, while the driver's UPDATE would spend the LIMIT on rows
     * its cascade takes later (found leaving a row live on MariaDB). Refused where the cascade reaches the table.
     */
    @Test
    void deleteWithLimitOfATableWhoseCascadeReachesItselfIsRefused() throws Exception {
        SoftDeleteConfig tree = new SoftDeleteConfig("test", List.of(new TableConfig(TableName.parse("categories"),
                "is_deleted", FlagType.BOOLEAN, "deleted_at", List.of(new Cascade(TableName.parse("categories"),
                        List.of("parent_id"), List.of("id"))))), Options.DEFAULTS);
        RewriteEngine mariaDb = new RewriteEngine(tree, Dialect.MARIADB);
        assertThatThrownBy(() -> mariaDb.rewrite("DELETE FROM categories WHERE id IN (5, 6, 8) ORDER BY id LIMIT 2",
                Visibility.ACTIVE)).isInstanceOf(StatementRefusedException.class).hasMessageContaining("LIMIT");
        assertThat(mariaDb.rewrite("DELETE FROM categories WHERE id IN (5, 6, 8)", Visibility.ACTIVE).after())
                .isNotEmpty();
        // customers cascades to orders only: its LIMIT counts as the hard delete's
        assertThat(Engines.engine(Dialect.MARIADB).rewrite("DELETE FROM customers ORDER BY id LIMIT 2",
                Visibility.ACTIVE).after()).isNotEmpty();
        // a RESTRICT key of the table into itself removes no row while the hard delete runs: its check reads the
        // table, and the LIMIT counts the same rows (a probe found this refused)
        SoftDeleteConfig staff = new SoftDeleteConfig("test", List.of(new TableConfig(TableName.parse("staff"),
                "is_deleted", FlagType.BOOLEAN, "deleted_at", List.of())), Options.DEFAULTS);
        Catalog restrictItself = new Catalog(Map.of(), Map.of(), List.of(new ForeignKey("staff_manager",
                TableName.parse("staff"), List.of("manager_id"), TableName.parse("staff"), List.of("id"),
                ForeignKey.OnDelete.RESTRICT).configured(TableName.parse("staff"), TableName.parse("staff"))),
                List.of());
        assertThat(new RewriteEngine(staff, Dialect.MARIADB, restrictItself).rewrite(
                "DELETE FROM staff WHERE manager_id = 2 ORDER BY id LIMIT 1", Visibility.ACTIVE).checks()).isNotEmpty();
    }

    /**
     * On MySQL/MariaDB a cascading DELETE that reads a table its cascade changes: InnoDB cascades while the DELETE
     * still reads, so a correlated subquery sees the children of parents deleted before it (found by a differential
     * fuzzer: hard 1 row, soft 2). Refused there; PostgreSQL cascades after the statement, as the driver does.
     */
    @Test
    void aCascadingDeleteReadingATableItsCascadeChangesIsRefusedOnMySql() throws Exception {
        for (String sql : new String[] {
            "DELETE FROM customers WHERE EXISTS (SELECT 1 FROM orders WHERE orders.total > customers.id)",
            "DELETE FROM customers WHERE customers.id <> ANY (SELECT o.total FROM orders o)",
            "DELETE c FROM customers c JOIN orders o ON o.customer_id = c.id WHERE o.total > 5",
            // correlated otherwise than on the cascade's key, or not only: other parents' children
            "delete c1_0 from customers c1_0 where exists(select 1 from orders o1_0 where o1_0.customer_id=c1_0.id"
                + " or o1_0.total>5)",
            "DELETE FROM customers c WHERE EXISTS (SELECT 1 FROM orders o WHERE o.id = c.id)",
            "DELETE FROM customers c WHERE EXISTS (SELECT 1 FROM orders c WHERE c.customer_id = c.id)",
            "DELETE FROM customers c WHERE EXISTS (SELECT 1 FROM orders o JOIN orders p ON p.id = o.id"
                + " WHERE o.customer_id = c.id)",
            // the table quoted, in another case, or behind a derived table
            "DELETE FROM customers WHERE id IN (SELECT customer_id FROM `ORDERS` WHERE total > 5)",
            "DELETE FROM customers WHERE id IN (SELECT x.customer_id FROM (SELECT * FROM orders) x)"}) {
            // MariaDB takes no alias in the single-table DELETE (refused as such): its multi-table form
            String mysql = sql.replace("DELETE FROM customers c ", "DELETE c FROM customers c ");
            assertThatThrownBy(() -> Engines.engine(Dialect.MARIADB).rewrite(mysql, Visibility.ACTIVE))
                    .as(mysql).isInstanceOfSatisfying(StatementRefusedException.class,
                            e -> assertThat(e.sqlState()).isEqualTo("SD001"))
                    .hasMessageContaining("reads orders, whose rows its cascade changes");
            if (!sql.toUpperCase(java.util.Locale.ROOT).startsWith("DELETE C") && !sql.contains("`")) {
                assertThat(Engines.engine(Dialect.POSTGRESQL).rewrite(sql, Visibility.ACTIVE).after()).as(sql)
                        .isNotEmpty();
            }
        }
        // a subquery that reads only the children of the row at hand, by the key the cascade follows, as Hibernate
        // writes "where [not] exists (select 1 from Order o where o.customer = c)": InnoDB's cascade changes the
        // children of the rows deleted before, never those (the Spring Data probe found it refused)
        for (String sql : new String[] {"delete c1_0 from customers c1_0 where not exists(select 1 from orders o1_0"
                + " where o1_0.customer_id=c1_0.id)", "delete c1_0 from customers c1_0 where exists(select 1 from"
                + " orders o1_0 where o1_0.customer_id=c1_0.id and o1_0.total>5)",
            "DELETE FROM customers WHERE NOT EXISTS (SELECT 1 FROM orders WHERE customers.id = orders.customer_id)"}) {
            assertThat(Engines.engine(Dialect.MARIADB).rewrite(sql, Visibility.ACTIVE).after()).as(sql).isNotEmpty();
        }
        // orders has no cascade: reading customers from its DELETE is fine; a parent and child both targets too
        assertThat(Engines.engine(Dialect.MARIADB).rewrite("DELETE FROM orders WHERE customer_id IN (SELECT id FROM"
                + " customers)", Visibility.ACTIVE).unchanged()).isFalse();
        assertThat(Engines.engine(Dialect.MARIADB).rewrite("DELETE c, o FROM customers c JOIN orders o ON"
                + " o.customer_id = c.id WHERE c.id = 7", Visibility.ACTIVE).after()).isNotEmpty();
    }

    /**
     * A locking read whose configured table goes into a filtered derived table (the nullable side of a RIGHT JOIN,
     * a parenthesised join): MySQL, MariaDB and H2 lock no rows through a derived table, so another transaction
     * could change or delete the rows the application believes it holds. Refused there; PostgreSQL locks the rows
     * of the tables inside it.
     */
    @Test
    void aLockingReadThroughAFilteredDerivedTableIsRefusedWhereItLocksNoRows() throws Exception {
        String rightJoin = "SELECT o.id, c.name FROM orders o RIGHT JOIN customers c ON c.id = o.customer_id"
                + " WHERE c.id = 1";
        String nested = "SELECT o.id FROM (orders o JOIN customers c ON c.id = o.customer_id) WHERE c.id = 1";
        for (Dialect dialect : new Dialect[] {Dialect.MARIADB, Dialect.MYSQL, Dialect.H2}) {
            for (String sql : new String[] {rightJoin + " FOR UPDATE", nested + " FOR UPDATE",
                rightJoin + " FOR SHARE", "SELECT * FROM (" + rightJoin + " FOR UPDATE) x",
                "SELECT * FROM (" + rightJoin + ") x FOR UPDATE"}) {
                assertThatThrownBy(() -> Engines.engine(dialect).rewrite(sql, Visibility.ACTIVE))
                        .as(dialect + ": " + sql).isInstanceOfSatisfying(StatementRefusedException.class,
                                e -> assertThat(e.sqlState()).isEqualTo("SD001"))
                        .hasMessageContaining("locking read");
            }
            assertThat(Engines.engine(dialect).rewrite(rightJoin, Visibility.ACTIVE).sqlFor(rightJoin)).as(dialect + ": no lock")
                    .contains("(SELECT * FROM ");
        }
        assertThatThrownBy(() -> Engines.engine(Dialect.MARIADB).rewrite(rightJoin + " LOCK IN SHARE MODE",
                Visibility.ACTIVE)).hasMessageContaining("locking read");
        // with MariaDB's lock options (jOOQ's forShare().skipLocked() / noWait()): still a locking read; a plain
        // one is filtered, with the option kept as written
        for (String option : new String[] {" SKIP LOCKED", " NOWAIT", " WAIT 5"}) {
            assertThatThrownBy(() -> Engines.engine(Dialect.MARIADB).rewrite(rightJoin + " LOCK IN SHARE MODE"
                    + option, Visibility.ACTIVE)).as(option).hasMessageContaining("locking read");
            String plain = "SELECT * FROM orders WHERE id < 4 ORDER BY id LOCK IN SHARE MODE" + option;
            assertThat(Engines.engine(Dialect.MARIADB).rewrite(plain, Visibility.ACTIVE).sqlFor(plain)).as(option)
                    .isEqualTo("SELECT * FROM orders WHERE (id < 4) AND orders.is_deleted = FALSE ORDER BY id"
                            + " LOCK IN SHARE MODE" + option);
        }
        // the clause split by a comment, after a UNION whose first branch needs the derived table (a probe: H2 locked
        // every branch's rows without the driver, none of the first branch's with it)
        for (String split : new String[] {"FOR/**/UPDATE", "FOR -- c\nUPDATE", "FOR\n UPDATE"}) {
            String union = nested + " UNION SELECT o.id FROM orders o WHERE o.id = 11 " + split;
            assertThatThrownBy(() -> Engines.engine(Dialect.H2).rewrite(union, Visibility.ACTIVE)).as(union)
                    .hasMessageContaining("locking read");
        }
        assertThat(Engines.engine(Dialect.MARIADB).rewrite("SELECT o.id FROM orders o JOIN customers c"
                + " ON c.id = o.customer_id WHERE c.id = 1 FOR UPDATE", Visibility.ACTIVE).sqlFor(""))
                .as("inner joins filter in ON and WHERE, and lock").doesNotContain("(SELECT * FROM ");
        assertThat(Engines.engine(Dialect.POSTGRESQL).rewrite(rightJoin + " FOR UPDATE", Visibility.ACTIVE).sqlFor(""))
                .contains("(SELECT * FROM ").endsWith("FOR UPDATE");
    }

    /**
     * MySQL's multi-table UPDATE of a table that goes into a filtered derived table (the nullable side of an outer
     * join, a parenthesised join): the database refused it with its own error 1288 ("not updatable"). Refused by the
     * driver now; PostgreSQL's UPDATE ... FROM sets only its target, which stays a table.
     */
    @Test
    void anUpdateOfATableThatNeedsAFilteredDerivedTableIsRefused() throws Exception {
        for (String sql : new String[] {
            "UPDATE notes n RIGHT JOIN orders o ON o.customer_id = n.customer_id SET o.total = 1 WHERE o.id = 10",
            "UPDATE notes n JOIN (orders o JOIN customers c ON c.id = o.customer_id) ON o.customer_id = n.customer_id"
                + " SET o.total = 1 WHERE o.id = 10",
            "UPDATE notes n RIGHT JOIN orders o ON o.customer_id = n.customer_id SET total = 1"}) {
            assertThatThrownBy(() -> Engines.engine(Dialect.MARIADB).rewrite(sql, Visibility.ACTIVE)).as(sql)
                    .isInstanceOfSatisfying(StatementRefusedException.class,
                            e -> assertThat(e.sqlState()).isEqualTo("SD001"))
                    .hasMessageContaining("an UPDATE that sets columns of a table");
        }
        assertThat(Engines.engine(Dialect.MARIADB).rewrite("UPDATE notes n RIGHT JOIN orders o ON o.customer_id"
                + " = n.customer_id SET n.body = 'x' WHERE o.id = 10", Visibility.ACTIVE).sqlFor(""))
                .contains("(SELECT * FROM orders");
        assertThat(Engines.engine(Dialect.POSTGRESQL).rewrite("UPDATE notes SET body = 'x' FROM customers c RIGHT JOIN"
                + " orders o ON o.customer_id = c.id WHERE notes.customer_id = c.id", Visibility.ACTIVE).sqlFor(""))
                .contains("(SELECT * FROM ");
    }

    /** A hint applies to the statement it leads; before several statements in one string it is refused. */
    @Test
    void aHintBeforeSeveralStatementsIsRefused() throws Exception {
        for (String sql : new String[] {"/* softdelete:hard-delete */ SELECT 1; DELETE FROM orders WHERE id = 1",
            "/* softdelete:include-deleted */ SELECT 1; UPDATE customers SET name = 'z'"}) {
            assertThatThrownBy(() -> engine.rewrite(sql, Visibility.ACTIVE)).as(sql)
                    .isInstanceOf(StatementRefusedException.class).hasMessageContaining("hint");
        }
        assertThat(engine.rewrite("/* softdelete:hard-delete */ DELETE FROM orders WHERE id = 1", Visibility.ACTIVE)
                .unchanged()).isTrue();
    }

    @Test
    void updateUnderIncludeDeletedReachesDeletedRows() throws Exception {
        String sql = "UPDATE orders SET total = 0 WHERE id = 1";
        assertThat(engine.rewrite(sql, Visibility.INCLUDE_DELETED).unchanged()).isTrue();
    }

    @Test
    void hintOverridesConnectionVisibility() throws Exception {
        String sql = "/* softdelete:only-deleted */ SELECT id FROM orders";
        assertThat(sent(engine, sql, Visibility.INCLUDE_DELETED))
                .isEqualTo(sql + " WHERE orders.is_deleted = TRUE");
    }

    @Test
    void refusalNamesTableConstructAndTheOption() {
        assertThatThrownBy(() -> engine.rewrite("MERGE INTO orders o USING products p ON o.id = p.id"
                + " WHEN MATCHED THEN DELETE", Visibility.ACTIVE))
                .isInstanceOf(StatementRefusedException.class)
                .hasMessageContaining("orders")
                .hasMessageContaining("a MERGE statement")
                .hasMessageContaining("options.on-unparseable: passthrough");
    }

    @Test
    void mysqlPartitionSelectionIsRefusedUnderItsOwnName() {
        RewriteEngine mysql = Engines.engine(Dialect.MYSQL);
        for (String sql : new String[] {"DELETE FROM orders PARTITION (p0) WHERE id = 1",
            "SELECT * FROM orders PARTITION (p0, p1) WHERE id = 1",
            "SELECT * FROM customers c JOIN orders partition (p1) ON orders.customer_id = c.id"}) {
            assertThatThrownBy(() -> mysql.rewrite(sql, Visibility.ACTIVE)).as(sql)
                    .isInstanceOfSatisfying(StatementRefusedException.class, e -> assertThat(e.sqlState())
                            .isEqualTo(StatementRefusedException.UNREWRITABLE))
                    .hasMessageContaining("soft-delete table orders appears in a partition selection")
                    .hasMessageNotContaining("alias");
        }
        // elsewhere an alias with a column list is what it says
        assertThatThrownBy(() -> engine.rewrite("SELECT * FROM orders AS o (a, b)", Visibility.ACTIVE))
                .isInstanceOf(StatementRefusedException.class)
                .hasMessageContaining("an alias with a column list");
    }

    @Test
    void aDeleteTargetInDoubtIsCalledASoftDeleteTableOnlyWhenItIsOne() {
        RewriteEngine mysql = Engines.engine(Dialect.MYSQL);
        // HIGH_PRIORITY is no DELETE modifier in MySQL: it parses as a target that names nothing in FROM
        assertThatThrownBy(() -> mysql.rewrite("DELETE HIGH_PRIORITY FROM orders WHERE id = 1", Visibility.ACTIVE))
                .isInstanceOf(StatementRefusedException.class)
                .hasMessageContaining("a DELETE target that names no table of its FROM/USING list (HIGH_PRIORITY)")
                .hasMessageNotContaining("soft-delete table HIGH_PRIORITY");
        // a configured name in doubt is still named as the soft-delete table it is
        assertThatThrownBy(() -> mysql.rewrite("DELETE orders FROM orders o JOIN orders ON orders.id = o.id",
                Visibility.ACTIVE))
                .isInstanceOf(StatementRefusedException.class)
                .hasMessageContaining("soft-delete table orders appears in a DELETE target that may name several");
    }

    @Test
    void mySqlDeleteFormsTheServerRejectsAreRefused() throws Exception {
        // MariaDB (before 11.6) rejects an alias in the single-table DELETE (1064), and MySQL and MariaDB reject a
        // target that names an aliased table by its table name (1109); the UPDATE each would become runs (a probe
        // soft-deleted, with cascades, where the DELETE failed)
        for (Dialect d : new Dialect[] {Dialect.MYSQL, Dialect.MARIADB}) {
            RewriteEngine engine = Engines.engine(d);
            for (String sql : new String[] {"DELETE FROM orders o WHERE o.id = 10", "DELETE FROM orders AS o WHERE"
                    + " id = 10", "DELETE FROM orders o WHERE id = 10 ORDER BY o.id LIMIT 1",
                    "DELETE FROM orders o USING orders o WHERE o.id = 10", "DELETE orders FROM orders o WHERE o.id = 10",
                    "DELETE `orders` FROM `orders` `o` WHERE o.id = 10", "DELETE FROM orders USING orders o WHERE"
                    + " o.id = 10", "DELETE orders, c FROM orders o JOIN customers c ON c.id = o.customer_id"}) {
                assertThatThrownBy(() -> engine.rewrite(sql, Visibility.ACTIVE)).as(d + ": " + sql)
                        .isInstanceOfSatisfying(StatementRefusedException.class, e -> assertThat(e.sqlState())
                                .isEqualTo(StatementRefusedException.UNREWRITABLE));
            }
            // the forms both accept still soft-delete
            for (String sql : new String[] {"DELETE FROM orders WHERE id = 10", "DELETE o FROM orders o WHERE o.id = 10",
                    "DELETE FROM o USING orders o WHERE o.id = 10", "DELETE orders FROM orders JOIN customers c ON"
                    + " c.id = orders.customer_id WHERE c.name = 'x'"}) {
                assertThat(engine.rewrite(sql, Visibility.ACTIVE).sqlFor(sql)).as(d + ": " + sql)
                        .startsWith("UPDATE");
            }
        }
    }

    @Test
    void aMoveThatReadsATableOrHidesAStatementIsNoMove() throws Exception {
        // sent as written, these read a soft-deleted row (H2 evaluates SET SCHEMA's expression), created a view over
        // the deleted rows, or ran a DELETE the server reads after a skipped executable comment (probes)
        String[][] cases = {
            {"H2", "SET SCHEMA CASE WHEN EXISTS (SELECT 1 FROM orders WHERE id = 5) THEN 'PUBLIC' ELSE 'X' END"},
            {"POSTGRESQL", "CREATE SCHEMA s CREATE VIEW v AS SELECT id FROM orders"},
            {"MARIADB", "/*!999999 USE shop */ DELETE FROM orders WHERE id = 13"},
            {"MARIADB", "/*!999999 USE shop */ SELECT id FROM orders"}};
        for (String[] c : cases) {
            String sql = c[1];
            try {
                Rewrite r = Engines.engine(Dialect.valueOf(c[0])).rewrite(sql, Visibility.ACTIVE);
                assertThat(r.unchanged() || r.changesSessionSchemas()).as(c[0] + ": " + sql).isFalse();
            } catch (StatementRefusedException refused) {
                assertThat(refused.sqlState()).as(c[0] + ": " + sql).startsWith("SD");
            }
        }
        // a move of names still goes as written, named like a configured table or not
        assertThat(Engines.engine(Dialect.POSTGRESQL).rewrite("SET search_path TO orders, public", Visibility.ACTIVE)
                .changesSessionSchemas()).isTrue();
    }

    @Test
    void anUpdateThatMarksRowsDeletedIsRefused() throws Exception {
        // a delete behind the driver's back: no event, no cascade, no foreign-key check (a probe; Hibernate's
        // @SoftDelete and @SQLDelete("UPDATE ... SET is_deleted = true ...") send it)
        for (Dialect d : new Dialect[] {Dialect.POSTGRESQL, Dialect.MARIADB, Dialect.H2}) {
            RewriteEngine engine = Engines.engine(d);
            for (String sql : new String[] {"UPDATE customers SET is_deleted = TRUE WHERE id = 1",
                    "update customers set is_deleted = true, deleted_at = CURRENT_TIMESTAMP where id = ?",
                    "UPDATE customers c SET c.is_deleted = ? WHERE c.id = ?", "UPDATE customers SET is_deleted = 1"}) {
                assertThatThrownBy(() -> engine.rewrite(sql, Visibility.ACTIVE)).as(d + ": " + sql)
                        .isInstanceOfSatisfying(StatementRefusedException.class, e -> assertThat(e.sqlState())
                                .isEqualTo(StatementRefusedException.UNREWRITABLE))
                        .hasMessageContaining("sets its soft-delete column (is_deleted = ");
            }
            // the live value changes nothing on live rows; other columns as ever
            for (String sql : new String[] {"UPDATE customers SET is_deleted = FALSE, name = 'x' WHERE id = 1",
                    "UPDATE customers SET name = ? WHERE id = ?"}) {
                assertThat(engine.rewrite(sql, Visibility.ACTIVE).unchanged()).as(d + ": " + sql).isFalse();
            }
        }
        // on MySQL/MariaDB also a joined configured table's column, in parentheses too (a probe)
        for (String sql : new String[] {"UPDATE products p JOIN orders o ON o.product_id = p.id SET o.is_deleted = TRUE"
                + " WHERE p.id = 1", "UPDATE orders o JOIN (customers c) ON c.id = o.customer_id SET c.is_deleted = 1"
                + " WHERE o.id = 10", "UPDATE products p, (customers c) SET c.is_deleted = 1 WHERE p.id = c.id"}) {
            assertThatThrownBy(() -> Engines.engine(Dialect.MARIADB).rewrite(sql, Visibility.ACTIVE)).as(sql)
                    .isInstanceOf(StatementRefusedException.class).hasMessageContaining("soft-delete column");
        }
        // and an UPDATE IGNORE's key check the same way (the key's conflicts with soft-deleted rows)
        assertThatThrownBy(() -> Engines.engine(Dialect.MARIADB).rewrite("UPDATE IGNORE products p JOIN (customers c)"
                + " ON c.id = p.id SET c.id = 2 WHERE p.id = 1", Visibility.ACTIVE))
                .isInstanceOf(StatementRefusedException.class).hasMessageContaining("UPDATE IGNORE");
    }

    /** JSqlParser read no statement from a text starting with U+0001, which H2 runs (a probe deleted physically). */
    @Test
    void aControlCharacterBeforeAStatementIsRefused() {
        for (String sql : new String[] {"\u0001SELECT id FROM orders", "\u0001DELETE FROM orders WHERE id = 3",
                "\u0001TRUNCATE TABLE orders", "DELETE FROM orders WHERE id = 1;\u0001DELETE FROM orders WHERE id = 3",
                "\u0001SELECT id FROM orders WHERE id = 5"}) {
            assertThatThrownBy(() -> Engines.engine(Dialect.H2).rewrite(sql, Visibility.ACTIVE)).as(sql)
                    .isInstanceOf(StatementRefusedException.class);
        }
    }

    @Test
    void transactionControlBesideACascadingDeleteInOneStringIsRefused() throws Exception {
        for (Dialect d : new Dialect[] {Dialect.POSTGRESQL, Dialect.MARIADB}) {
            for (String sql : new String[] {"COMMIT; DELETE FROM customers WHERE id = 1",
                    "SAVEPOINT x; DELETE FROM customers WHERE id = 1", "ROLLBACK; DELETE FROM customers WHERE id = 1",
                    "SET autocommit = 0; DELETE FROM customers WHERE id = 1"}) {
                assertThatThrownBy(() -> Engines.engine(d).rewrite(sql, Visibility.ACTIVE))
                        .as(d + ": " + sql)
                        .isInstanceOfSatisfying(StatementRefusedException.class, e -> assertThat(e.sqlState())
                                .isEqualTo(StatementRefusedException.UNREWRITABLE))
                        .hasMessageContaining("with transaction control");
            }
            // a delete without cascades or checks runs as one statement, with no transaction of the driver's
            assertThat(Engines.engine(d).rewrite("COMMIT; DELETE FROM orders WHERE id = 1", Visibility.ACTIVE)
                    .unchanged()).as(d.name()).isFalse();
            // a procedure may commit on MariaDB; PostgreSQL refuses that inside a transaction block
            if (d == Dialect.MARIADB) {
                assertThatThrownBy(() -> Engines.engine(d).rewrite("CALL p(); DELETE FROM customers WHERE id = 1",
                        Visibility.ACTIVE)).isInstanceOf(StatementRefusedException.class)
                        .hasMessageContaining("with transaction control (CALL)");
            }
            // SET of something else is no transaction control
            String set = d == Dialect.POSTGRESQL ? "SET statement_timeout = 0" : "SET @x = 1";
            assertThat(Engines.engine(d).rewrite(set + "; DELETE FROM customers WHERE id = 1", Visibility.ACTIVE)
                    .after()).as(d.name()).isNotEmpty();
            // a move to other schemas is: the DELETE would be rewritten with the catalog of the schemas before
            String move = d == Dialect.POSTGRESQL ? "SET search_path = t2" : "USE t2";
            assertThatThrownBy(() -> Engines.engine(d).rewrite(move + "; DELETE FROM customers WHERE id = 1",
                    Visibility.ACTIVE)).isInstanceOf(StatementRefusedException.class)
                    .hasMessageContaining("moves the session to other schemas");
        }
    }

    @Test
    void aStatementJSqlParserKeepsUnparsedIsRefusedWhenItNamesAConfiguredTable() throws Exception {
        // CREATE LOCAL TEMP[ORARY] TABLE ... AS comes back as an UnsupportedStatement: no table reference in it
        for (Dialect d : new Dialect[] {Dialect.POSTGRESQL, Dialect.H2}) {
            for (String sql : new String[] {"CREATE LOCAL TEMP TABLE s AS SELECT id FROM orders",
                    "CREATE LOCAL TEMPORARY TABLE s AS SELECT id FROM OLD TABLE (DELETE FROM orders WHERE id = 1)"}) {
                assertThatThrownBy(() -> Engines.engine(d).rewrite(sql, Visibility.ACTIVE))
                        .as(d + ": " + sql)
                        .isInstanceOfSatisfying(StatementRefusedException.class, e -> assertThat(e.sqlState())
                                .isEqualTo(StatementRefusedException.UNREWRITABLE))
                        .satisfies(e -> assertThat(e.getMessage()).satisfiesAnyOf(
                                m -> assertThat(m).contains("soft-delete table orders")
                                        .contains("JSqlParser does not know this kind of statement"),
                                // H2's delta table is planned apart: a soft delete inside it is refused as such
                                m -> assertThat(m).contains("delta table").contains("soft-deletes rows")));
            }
            // naming no configured table, it is sent as it is
            assertThat(Engines.engine(d).rewrite("CREATE LOCAL TEMP TABLE s AS SELECT id FROM products",
                    Visibility.ACTIVE).unchanged()).as(d.name()).isTrue();
        }
    }

    @Test
    void theTableCommandInsideAQueryIsRefusedNotReadAsATableNamedTable() throws Exception {
        for (Dialect d : new Dialect[] {Dialect.POSTGRESQL, Dialect.MYSQL, Dialect.H2}) {
            assertThatThrownBy(() -> Engines.engine(d).rewrite("SELECT * FROM (TABLE orders) t", Visibility.ACTIVE))
                    .as(d.name())
                    .isInstanceOfSatisfying(StatementRefusedException.class, e -> assertThat(e.sqlState())
                            .isEqualTo(StatementRefusedException.UNREWRITABLE))
                    .hasMessageContaining("soft-delete table orders appears in a TABLE command inside a query")
                    .hasMessageContaining("write SELECT * FROM orders instead");
        }
        // a table really named TABLE is quoted, and is that table whatever its alias
        assertThat(engine.rewrite("SELECT * FROM (\"TABLE\" orders) t", Visibility.ACTIVE).unchanged()).isTrue();
    }

    @Test
    void sqlTextHandedToTheDatabaseIsRefusedWhenItsDecodedLiteralsMentionAConfiguredTable() throws Exception {
        // the server decodes backslash escapes, hexadecimal literals and adjacent literals before it runs the text
        String[][] cases = {
            {"MARIADB", "EXECUTE IMMEDIATE 'DELETE FROM ord\\ers WHERE id = 10'"},
            {"MARIADB", "EXECUTE IMMEDIATE 0x53454C4543542069642046524F4D206F7264657273"},
            {"MARIADB", "EXECUTE IMMEDIATE X'53454C4543542069642046524F4D206F7264657273'"},
            {"MARIADB", "PREPARE s FROM 'DELETE FROM ord' 'ers WHERE id = 12'"},
            {"MYSQL", "PREPARE s FROM _utf8mb4'SELECT id FROM ORD\\ERS'"},
            {"MYSQL", "EXECUTE IMMEDIATE \"SELECT id FROM ord\\ers\""},
            {"MARIADB", "EXECUTE IMMEDIATE 'EXECUTE IMMEDIATE ''DELETE FROM ord\\\\ers'''"},
            {"MARIADB", "/*!EXECUTE IMMEDIATE 'DELETE FROM ord\\ers' */"},
            {"MARIADB", "EXECUTE IMMEDIATE b'010011110101001001000100010001010101001001010011'"},
            // a charset introducer of two or four bytes a letter (probe: deleted physically)
            {"MARIADB", "EXECUTE IMMEDIATE _utf16 0x00440045004C004500540045002000460052004F004D0020006F0072006400650072"
                    + "0073"},
            {"MARIADB", "PREPARE s FROM _utf16le X'530045004C00450043005400200069006400200046005200'"
                    + " X'4F004D0020006F00720064006500720073002000'"},
            {"MARIADB", "EXECUTE IMMEDIATE _utf32 0x0000006F000000720000006400000065000000720000007300000020"},
            {"MARIADB", "EXECUTE IMMEDIATE _utf16 'DELETE FROM \\0o\\0r\\0d\\0e\\0r\\0s'"},
            {"MARIADB", "EXECUTE IMMEDIATE _utf16 '\0D\0E\0L\0E\0T\0E\0 \0F\0R\0O\0M\0 \0o\0r\0d\0e\0r\0s'"},
            {"POSTGRESQL", "DO E'BEGIN DELETE FROM ord\\x65rs; END'"},
            {"POSTGRESQL", "DO E'BEGIN DELETE FROM ord\\145rs; END'"},
            {"POSTGRESQL", "DO $$BEGIN EXECUTE E'DELETE FROM ord\\u0065rs'; END$$"},
            {"POSTGRESQL", "DO U&'BEGIN DELETE FROM ord\\0065rs; END'"},
            {"POSTGRESQL", "DO U&'BEGIN DELETE FROM ord!0065rs; END' UESCAPE '!'"},
            {"POSTGRESQL", "SELECT query_to_xml('SELECT * FROM ord'\n'ers', true, false, '')"},
            {"H2", "EXECUTE IMMEDIATE U&'DELETE FROM ORD\\0045RS'"},
            // the databases join adjacent literals across comments too (MySQL: also '...' with "...", and a literal
            // inside an executable comment)
            {"MARIADB", "PREPARE s FROM 'DELETE FROM ord' /* c */ 'ers WHERE id = 12'"},
            {"MARIADB", "PREPARE s FROM 'DELETE FROM ord' -- c\n'ers WHERE id = 12'"},
            {"MARIADB", "PREPARE s FROM 'DELETE FROM ord' # c\n'ers WHERE id = 12'"},
            {"MARIADB", "PREPARE s FROM 'SELECT id FROM ord' \"ers\""},
            {"MARIADB", "PREPARE s FROM \"SELECT id FROM ord\" 'ers'"},
            {"MARIADB", "PREPARE s FROM 'SELECT id FROM ord' /*!'ers'*/"},
            {"POSTGRESQL", "SELECT query_to_xml('SELECT * FROM ord'\n-- c\n'ers', true, false, '')"},
            {"POSTGRESQL", "DO 'BEGIN DELETE FROM ord' -- c\n'ers; END'"},
            {"H2", "EXECUTE IMMEDIATE 'DELETE FROM ord' /* c */ 'ers'"},
            // H2 joins them across its // line comment (also one a carriage return ends) and across nested block
            // comments (a probe: both deleted physically)
            {"H2", "EXECUTE IMMEDIATE 'DELETE FROM ORD' // c\n'ERS WHERE id = 30'"},
            {"H2", "EXECUTE IMMEDIATE 'DELETE FROM ORD' //c\r'ERS'"},
            {"H2", "EXECUTE IMMEDIATE 'DELETE FROM ORD' /* /* */ */ 'ERS WHERE id = 30'"},
            {"H2", "CALL CSVWRITE('o.csv', 'SELECT id FROM ORD' // c\n'ERS')"}};
        for (String[] c : cases) {
            RewriteEngine engine = Engines.engine(Dialect.valueOf(c[0]));
            for (ThrowingCallable call : bothWays(engine, c[1])) {
                assertThatThrownBy(call).as(c[0] + ": " + c[1])
                        .isInstanceOfSatisfying(StatementRefusedException.class, e -> assertThat(e.sqlState())
                                .isEqualTo(StatementRefusedException.UNREWRITABLE))
                        .satisfies(e -> assertThat(e.getMessage()).containsAnyOf(
                                "hands SQL text to the database to run", "executable comment", "dollar-quoted"));
            }
        }
        RewriteEngine mariadb = Engines.engine(Dialect.MARIADB);
        assertThat(mariadb.rewrite("EXECUTE IMMEDIATE 'SELECT id FROM pl\\ain'", Visibility.ACTIVE).unchanged())
                .isTrue();
        assertThat(mariadb.rewrite("PREPARE s FROM @q", Visibility.ACTIVE).unchanged()).isTrue();
        // a literal that spells a table's name is data where nothing runs it: parsed, and sent as written
        assertThat(mariadb.rewrite("SELECT 'ord' 'ers' FROM dual", Visibility.ACTIVE).unchanged()).isTrue();
        assertThat(mariadb.rewriteNew("SELECT 'ord\\ers', 0x6F7264657273", Visibility.ACTIVE).unchanged()).isTrue();
    }

    @Test
    void sqlTextHandedToTheDatabaseIsRefusedWhenItMentionsAConfiguredTable() throws Exception {
        String[][] cases = {
            {"MARIADB", "PREPARE s FROM 'DELETE FROM orders WHERE id = 1'"},
            {"MYSQL", "EXECUTE IMMEDIATE 'DELETE FROM orders'"},
            {"H2", "EXECUTE IMMEDIATE 'DELETE FROM orders'"},
            {"H2", "CALL CSVWRITE('out.csv', 'SELECT * FROM orders')"},
            {"POSTGRESQL", "SELECT query_to_xml('select * from orders', true, false, '')"},
            {"POSTGRESQL", "DO U&'BEGIN DELETE FROM orders; END'"},
            {"POSTGRESQL", "SELECT table_to_xml('orders', true, false, '')"}};
        for (String[] c : cases) {
            assertThatThrownBy(() -> Engines.engine(Dialect.valueOf(c[0])).rewrite(c[1], Visibility.ACTIVE))
                    .as(c[0] + ": " + c[1])
                    .isInstanceOfSatisfying(StatementRefusedException.class, e -> assertThat(e.sqlState())
                            .isEqualTo(StatementRefusedException.UNREWRITABLE))
                    .hasMessageContaining("hands SQL text to the database to run");
        }
        // naming no configured table, they are none of the driver's business
        assertThat(Engines.engine(Dialect.MARIADB).rewrite("PREPARE s FROM 'DELETE FROM products'",
                Visibility.ACTIVE).unchanged()).isTrue();
        assertThat(engine.rewrite("SELECT query_to_xml('select 1', true, false, '')", Visibility.ACTIVE).unchanged())
                .isTrue();
    }

    /**
     * JDBC's outer-join and LIKE escapes, which the vendor drivers unwrap ({@code {oj ...}} also MySQL's server):
     * filtered where they stand, the escapes kept for the vendor (they were refused as unparseable).
     */
    @Test
    void jdbcOuterJoinAndLikeEscapesAreFilteredInPlace() throws Exception {
        for (Dialect d : new Dialect[] {Dialect.POSTGRESQL, Dialect.MYSQL, Dialect.MARIADB, Dialect.H2}) {
            RewriteEngine e = Engines.engine(d);
            String join = "SELECT c.id FROM {oj customers c LEFT OUTER JOIN orders o ON o.customer_id = c.id}";
            String sent = sent(e, join, Visibility.ACTIVE);
            assertThat(sent).as(d + ": " + sent).startsWith("SELECT c.id FROM {oj ").endsWith("}")
                    .contains("o.is_deleted = FALSE").contains("customers.is_deleted = FALSE");
            String like = "SELECT id FROM orders WHERE item LIKE 'a!_%' {escape '!'}";
            assertThat(sent(e, like, Visibility.ACTIVE)).as(d.toString())
                    .contains("{escape '!'}").contains("orders.is_deleted = FALSE");
            if (!d.isMySqlFamily()) { // where '\' is a string
                String backslash = "SELECT id FROM orders WHERE item LIKE 'a\\_%' {escape '\\'}";
                assertThat(sent(e, backslash, Visibility.ACTIVE)).as(d.toString())
                        .isEqualTo("SELECT id FROM orders WHERE (item LIKE 'a\\_%' {escape '\\'})"
                                + " AND orders.is_deleted = FALSE");
            }
            assertThat(e.rewrite("DELETE FROM orders WHERE item LIKE 'a!_%' {escape '!'}", Visibility.ACTIVE)
                    .sqlFor("DELETE FROM orders WHERE item LIKE 'a!_%' {escape '!'}")).as(d.toString())
                    .startsWith("UPDATE orders SET").contains("{escape '!'}");
        }
    }

    /**
     * A configured table whose name JSqlParser reads as a keyword: {@code FROM value x} became a VALUES list and
     * {@code FROM only x} (MySQL/MariaDB, where {@code only} is a name) PostgreSQL's ONLY; the tree held no
     * reference to the table, and a probe read its deleted rows through both. Refused; the same tables written so
     * that the parser reads them as tables are filtered.
     */
    @Test
    void aConfiguredTableNameReadAsAKeywordIsRefused() throws Exception {
        SoftDeleteConfig config = flagged("value", "only");
        for (Dialect d : new Dialect[] {Dialect.POSTGRESQL, Dialect.MARIADB, Dialect.MYSQL}) {
            RewriteEngine e = new RewriteEngine(config, d);
            for (String sql : new String[] {"SELECT count(*) FROM value x", "SELECT x.id FROM value x, value y",
                "INSERT INTO plain SELECT id FROM value v", "DELETE FROM plain WHERE id IN (SELECT id FROM value v)"}) {
                assertThatThrownBy(() -> e.rewrite(sql, Visibility.ACTIVE)).as(d + ": " + sql)
                        .isInstanceOf(StatementRefusedException.class)
                        .hasMessageContaining("soft-delete table value is written where the parser reads the keyword");
            }
            assertThat(sent(e, "SELECT count(*) FROM value AS x", Visibility.ACTIVE)).as(d.toString())
                    .contains("x.is_deleted = FALSE");
            assertThat(sent(e, "SELECT * FROM (VALUES (1)) AS v (a)", Visibility.ACTIVE)).as(d.toString())
                    .isEqualTo("SELECT * FROM (VALUES (1)) AS v (a)");
            if (d.isMySqlFamily()) {
                assertThatThrownBy(() -> e.rewrite("SELECT count(*) FROM only x", Visibility.ACTIVE)).as(d.toString())
                        .isInstanceOf(StatementRefusedException.class)
                        .hasMessageContaining("soft-delete table only is written where the parser reads the keyword");
            }
        }
        // PostgreSQL's FROM values x, H2's FROM only x, UPDATE ignore x / low_priority x (PostgreSQL, H2): a probe read
        // and updated deleted rows through each
        SoftDeleteConfig more = flagged("values", "only", "ignore", "low_priority");
        RewriteEngine postgres = new RewriteEngine(more, Dialect.POSTGRESQL);
        RewriteEngine h2 = new RewriteEngine(more, Dialect.H2);
        for (String[] c : new String[][] {{"values", "SELECT id FROM values x"}, {"values", "SELECT 1 FROM t JOIN"
                + " values x ON x.id = t.id"}, {"ignore", "UPDATE ignore x SET n = n + 1"},
            {"low_priority", "UPDATE low_priority x SET n = 1 WHERE x.id > 0"}}) {
            assertThatThrownBy(() -> postgres.rewrite(c[1], Visibility.ACTIVE)).as(c[1])
                    .isInstanceOf(StatementRefusedException.class)
                    .hasMessageContaining("soft-delete table " + c[0] + " is written where the parser reads");
        }
        assertThatThrownBy(() -> h2.rewrite("SELECT id FROM only x", Visibility.ACTIVE))
                .isInstanceOf(StatementRefusedException.class).hasMessageContaining("soft-delete table only is");
        assertThatThrownBy(() -> h2.rewrite("UPDATE ignore x SET n = 1", Visibility.ACTIVE))
                .isInstanceOf(StatementRefusedException.class).hasMessageContaining("soft-delete table ignore is");
        assertThat(sent(postgres, "SELECT id FROM values AS x", Visibility.ACTIVE)).contains("x.is_deleted = FALSE");
        assertThat(sent(postgres, "INSERT INTO plain VALUES (1)", Visibility.ACTIVE))
                .isEqualTo("INSERT INTO plain VALUES (1)");
        assertThat(sent(postgres, "SELECT * FROM (VALUES (1), (2)) v (id)", Visibility.ACTIVE))
                .isEqualTo("SELECT * FROM (VALUES (1), (2)) v (id)");
    }

    /** PostgreSQL folds A to Z only: a CTE named with the Kelvin sign (U+212A) does not hide the table orders. */
    @Test
    void aCteHidesATableOnlyUnderTheDatabasesOwnFolding() throws Exception {
        String sql = "WITH \u212Aorders AS (SELECT 7 AS id) SELECT id FROM korders, orders";
        RewriteEngine e = new RewriteEngine(flagged("korders"), Dialect.POSTGRESQL);
        assertThat(sent(e, sql, Visibility.ACTIVE)).contains("korders.is_deleted = FALSE");
        assertThat(sent(e, "WITH KORDERS AS (SELECT 7 AS id) SELECT id FROM korders", Visibility.ACTIVE))
                .doesNotContain("is_deleted");
    }

    /**
     * H2 upper-cases names with toUpperCase(Locale.ENGLISH): {@code addreßes} is ADDRESSES, {@code staﬀ} is STAFF.
     * Compared letter by letter they named no configured table and went out as written (a probe read deleted rows
     * and deleted physically). Refused on H2; strings with such letters, and other databases, are unaffected.
     */
    @Test
    void h2NamesSpelledWithLettersThatUpperCaseToSeveralAreRefused() throws Exception {
        SoftDeleteConfig config = flagged("addresses", "staff");
        RewriteEngine h2 = new RewriteEngine(config, Dialect.H2);
        for (String sql : new String[] {"SELECT id FROM addre\u00DFes", "DELETE FROM sta\uFB00 WHERE id = 1",
            "SELECT * FROM addresses a JOIN PUBLIC.\"ADDRE\u00DFES\" b ON a.id = b.id"}) {
            assertThatThrownBy(() -> h2.rewrite(sql, Visibility.ACTIVE)).as(sql)
                    .isInstanceOf(StatementRefusedException.class).hasMessageContaining("upper-cases it to");
            assertThatThrownBy(() -> h2.rewriteNew(sql, Visibility.ACTIVE)).as(sql)
                    .isInstanceOf(StatementRefusedException.class);
        }
        assertThat(sent(h2, "SELECT id FROM addresses WHERE street = 'Hauptstra\u00DFe'", Visibility.ACTIVE))
                .contains("addresses.is_deleted = FALSE");
        // a name that only holds a configured one (the alias \uFB06affs, STAFFS) is another name (a probe)
        assertThat(sent(h2, "SELECT x FROM plain \uFB06affs", Visibility.ACTIVE))
                .isEqualTo("SELECT x FROM plain \uFB06affs");
        assertThat(sent(h2, "SELECT 'addre\u00DFes' FROM plain", Visibility.ACTIVE))
                .isEqualTo("SELECT 'addre\u00DFes' FROM plain");
        RewriteEngine postgres = new RewriteEngine(config, Dialect.POSTGRESQL); // folds A to Z only
        assertThat(sent(postgres, "SELECT id FROM addre\u00DFes", Visibility.ACTIVE))
                .isEqualTo("SELECT id FROM addre\u00DFes");
    }

    /**
     * PostgreSQL keeps the first 63 bytes of a longer name: a configured table with a 63-byte name is also reached
     * as {@code <name>_x} or {@code "<name>_suffix"} (a probe read its deleted rows and deleted physically that way).
     */
    @Test
    void postgresNamesLongerThan63BytesNameTheTableTheirFirst63Name() throws Exception {
        String name = "order_history_entries_kept_for_the_auditors_of_probe_number_two";
        assertThat(name).hasSize(63);
        RewriteEngine e = new RewriteEngine(flagged(name), Dialect.POSTGRESQL);
        assertThat(sent(e, "SELECT id FROM " + name + "_x", Visibility.ACTIVE)).contains(".is_deleted = FALSE");
        assertThat(sent(e, "SELECT id FROM public.\"" + name + "_suffix\" t", Visibility.ACTIVE))
                .contains("t.is_deleted = FALSE");
        assertThat(e.rewrite("DELETE FROM " + name + "zzz WHERE id = 1", Visibility.ACTIVE).sqlFor("")).as("soft")
                .startsWith("UPDATE ");
        // a CTE of such a name hides the table as PostgreSQL reads it
        assertThat(sent(e, "WITH " + name + "_cte AS (SELECT 1 AS id) SELECT id FROM " + name, Visibility.ACTIVE))
                .doesNotContain("is_deleted");
        // a configured name longer than 63 bytes is the table of its first 63 for PostgreSQL: the pre-filter looks for
        // those (a probe's statements on that table went out unparsed, unfiltered)
        RewriteEngine longer = new RewriteEngine(flagged(name + "_configured_suffix"), Dialect.POSTGRESQL);
        assertThat(sent(longer, "SELECT id FROM " + name, Visibility.ACTIVE)).contains(".is_deleted = FALSE");
        assertThat(sent(longer, "SELECT id FROM " + name + "_other", Visibility.ACTIVE)).contains(".is_deleted = FALSE");
        RewriteEngine mariaDb = new RewriteEngine(e.config(), Dialect.MARIADB); // 64 characters, no cutting
        assertThat(sent(mariaDb, "SELECT id FROM " + name + "_x", Visibility.ACTIVE))
                .isEqualTo("SELECT id FROM " + name + "_x");
    }

    /**
     * A temporary table hides the table of its name from the session (on MySQL/MariaDB also where the name is
     * qualified): the driver's own cascade, check and restore statements would read it. Refused when it is named like
     * a table they name; other temporary tables, and plain tables of such names elsewhere, pass as written.
     */
    @Test
    void aTemporaryTableNamedLikeATableOfTheDriversStepsIsRefused() throws Exception {
        for (Dialect d : Dialect.values()) {
            RewriteEngine e = Engines.engine(d);
            for (String sql : new String[] {"CREATE TEMPORARY TABLE customers (id INT)",
                "create /* c */ global temporary table if not exists test.Orders (id int)",
                "CREATE TEMPORARY TABLE orders AS SELECT * FROM orders WHERE id = 1"}) {
                assertThatThrownBy(() -> e.rewrite(sql, Visibility.ACTIVE)).as(d + ": " + sql)
                        .isInstanceOf(StatementRefusedException.class).hasMessageContaining("would hide the table");
                assertThatThrownBy(() -> e.rewriteNew(sql, Visibility.ACTIVE)).as(d + ": " + sql)
                        .isInstanceOf(StatementRefusedException.class);
            }
            // created around the first check (a probe): OR REPLACE, a temporary view or sequence, PostgreSQL's pg_temp
            // schema, a rename, a later statement of the string
            for (String sql : new String[] {"CREATE OR REPLACE TEMPORARY TABLE orders (id INT)",
                "CREATE TEMP VIEW orders AS SELECT * FROM decoy", "CREATE TEMPORARY SEQUENCE customers",
                "CREATE TABLE pg_temp.orders (id INT)", "CREATE VIEW \"PG_TEMP\".orders AS SELECT 1",
                "ALTER TABLE tmpx RENAME TO orders", "RENAME TABLE tmpy TO orders", "RENAME TABLE a TO b, tmpz TO orders",
                "SELECT 1; CREATE TEMPORARY TABLE orders (id INT)", "/* c */ ALTER TABLE IF EXISTS t RENAME TO Orders",
                "/*!CREATE TEMPORARY TABLE orders (id INT) */", "SET STATEMENT max_statement_time = 1 FOR CREATE"
                    + " TEMPORARY TABLE orders (id INT)"}) {
                if (!d.isMySqlFamily() && (sql.startsWith("/*!") || sql.startsWith("SET"))) {
                    continue;
                }
                assertThatThrownBy(() -> e.rewriteNew(sql, Visibility.ACTIVE)).as(d + ": " + sql)
                        .isInstanceOf(StatementRefusedException.class).hasMessageContaining(sql.startsWith("/*!")
                                ? "executable comment" : "would hide the table");
            }
            // a plain table whose key into a configured one the driver checks, in statements that name no configured
            // table: also through MySQL's executable comment and MariaDB's SET STATEMENT ... FOR
            RewriteEngine keyed = new RewriteEngine(Engines.config(Options.DEFAULTS), d, new Catalog(Map.of(),
                    Map.of(), List.of(new ForeignKey("chi_order", new TableName(null, "chi"), List.of("order_id"),
                            new TableName(null, "orders"), List.of("id"), ForeignKey.OnDelete.RESTRICT)
                            .configured(null, TableName.parse("orders"))), List.of()));
            for (String sql : new String[] {"CREATE TEMPORARY TABLE chi (id INT)", "/*!40000 CREATE TEMPORARY TABLE chi"
                    + " (id INT) */", "SET STATEMENT max_statement_time = 1 FOR CREATE TEMPORARY TABLE chi (id INT)"}) {
                if (!d.isMySqlFamily() && !sql.startsWith("CREATE")) {
                    continue;
                }
                assertThatThrownBy(() -> keyed.rewriteNew(sql, Visibility.ACTIVE)).as(d + ": " + sql)
                        .isInstanceOf(StatementRefusedException.class).hasMessageContaining("would hide the table chi");
            }
            for (String sql : new String[] {"ALTER TABLE plain RENAME orders TO orders_x",
                "ALTER TABLE plain RENAME COLUMN a TO orders", "CREATE VIEW orders_v AS SELECT 1"}) {
                assertThat(e.rewriteNew(sql, Visibility.ACTIVE)).as(d + ": " + sql).isNotNull();
            }
            for (String sql : new String[] {"CREATE TEMPORARY TABLE staging_customers (id INT)",
                "CREATE TABLE archive.customers_2020 (id INT)", "CREATE TEMPORARY TABLE t (customers INT)"}) {
                assertThat(sent(e, sql, Visibility.ACTIVE)).as(d + ": " + sql).isEqualTo(sql);
            }
        }
    }

    /**
     * Statements that tell about a configured table without reading its rows go as written (their output, counts and
     * the database's name, differs from a hard-deleted twin's, so the corpus does not run them); one with a query in
     * it is parsed.
     */
    @Test
    void inspectionsOfAConfiguredTableGoAsWritten() throws Exception {
        String[][] cases = {{"MARIADB", "SHOW KEYS FROM orders"}, {"MARIADB", "CHECK TABLE orders"},
            {"MYSQL", "LOCK TABLES orders WRITE, customers READ"}, {"MARIADB", "DESC orders total"},
            {"POSTGRESQL", "VACUUM (ANALYZE) orders"}, {"POSTGRESQL", "REINDEX TABLE orders"}};
        for (String[] c : cases) {
            assertThat(sent(Engines.engine(Dialect.valueOf(c[0])), c[1], Visibility.ACTIVE)).as(c[1]).isEqualTo(c[1]);
        }
        // what runs or reads a query is no inspection: MariaDB's ANALYZE <statement>, MySQL 8's TABLE statement
        // (a probe)
        for (String sql : new String[] {"ANALYZE DELETE FROM orders WHERE id = 1", "EXPLAIN ANALYZE TABLE orders",
            "DESCRIBE ANALYZE TABLE orders", "SHOW TABLES WHERE EXISTS (TABLE orders)"}) {
            assertThatThrownBy(() -> Engines.engine(Dialect.MYSQL).rewrite(sql, Visibility.ACTIVE)).as(sql)
                    .isInstanceOf(StatementRefusedException.class);
        }
    }

    /**
     * SQL text from a bind parameter cannot be read before the database runs it (probes: MariaDB's EXECUTE IMMEDIATE ?
     * deleted physically, PostgreSQL's query_to_xml(?, ...) read a deleted row): refused whatever the text names.
     */
    @Test
    void sqlTextHandedToTheDatabaseByABindParameterIsRefused() throws Exception {
        String[][] cases = {{"MARIADB", "EXECUTE IMMEDIATE ?"}, {"MYSQL", "EXECUTE IMMEDIATE ? USING 1"},
            {"POSTGRESQL", "SELECT query_to_xml(?, true, true, '')"},
            {"POSTGRESQL", "SELECT \"query_to_xml\"(?, true, true, '')"}, {"H2", "CALL CSVWRITE('o.csv', ?)"},
            {"POSTGRESQL", "SELECT 1; SELECT dblink_exec('db', ?)"},
            // the parameter before the construct, through a CTE or a variable (a probe)
            {"POSTGRESQL", "WITH p(q) AS (SELECT ?::text) SELECT query_to_xml(q, true, false, '') FROM p"},
            {"MARIADB", "SET @q = ?; EXECUTE IMMEDIATE @q"},
            {"MARIADB", "BEGIN NOT ATOMIC DECLARE v TEXT DEFAULT ?; EXECUTE IMMEDIATE v; END"},
            {"H2", "WITH p(q) AS (SELECT CAST(? AS VARCHAR)) SELECT CSVWRITE('o.csv', q) FROM p"}};
        for (String[] c : cases) {
            RewriteEngine e = Engines.engine(Dialect.valueOf(c[0]));
            for (ThrowingCallable call : bothWays(e, c[1])) {
                assertThatThrownBy(call).as(c[1]).isInstanceOf(StatementRefusedException.class).hasMessageContaining("bind parameter");
            }
        }
        // ts_rewrite with three arguments runs no SQL (a probe: refused at first)
        for (String[] c : new String[][] {{"MARIADB", "SELECT id FROM payments WHERE note = 'EXECUTE IMMEDIATE ?'"},
            {"POSTGRESQL", "SELECT ts_rewrite(to_tsquery('simple', ?), 'a'::tsquery, 'b'::tsquery)"}}) {
            assertThat(sent(Engines.engine(Dialect.valueOf(c[0])), c[1], Visibility.ACTIVE)).isEqualTo(c[1]);
        }
    }

    /**
     * The driver's own session variables hold the delete event: a probe cleared {@code @softdelete_event_at} inside
     * its DELETE, and the parent was soft-deleted with no timestamp, its cascade and RESTRICT check finding nothing.
     * A text that names one is refused, also when it names no configured table (a SET before the DELETE), and so is
     * one where the name is quoted, split by comments, or computed for {@code set_config} (probe).
     */
    @Test
    void aTextNamingTheDriversOwnSessionVariablesIsRefused() throws Exception {
        String[][] cases = {
            {"MARIADB", "DELETE FROM orders WHERE id = 1 AND (@softdelete_event_at := NULL) IS NULL"},
            {"MARIADB", "SET @softdelete_event_at = NULL"},
            {"MYSQL", "SELECT @SoftDelete_Event_Batch := 'x'"},
            {"H2", "SET @softdelete_event_at = NULL"},
            {"POSTGRESQL", "SELECT set_config('softdelete.event_at', '2000-01-01', false)"},
            {"POSTGRESQL", "SET softdelete.event_batch = 'x'"},
            // spelled so that the name is not in the text as such (probe)
            {"POSTGRESQL", "DELETE FROM orders WHERE id = 1 AND set_config('soft' || 'delete.event_at', '2001-01-01',"
                + " false) IS NOT NULL"},
            {"POSTGRESQL", "DELETE FROM orders WHERE \"SET_CONFIG\"(E'softdelete\\x2eevent_at', '2001', false) = ''"},
            {"POSTGRESQL", "SET \"softdelete\".\"event_at\" = '2001-01-01'; DELETE FROM orders WHERE id = 1"},
            {"POSTGRESQL", "SET softdelete /* a /* nested */ comment */ . event_at = '2001'; DELETE FROM orders"},
            {"POSTGRESQL", "SET softdelete -- a comment\n.event_at = '2001'; DELETE FROM orders"},
            {"POSTGRESQL", "SET U&\"soft\\0064elete\".event_at = '2001'; DELETE FROM orders"},
            {"POSTGRESQL", "UPDATE pg_settings SET setting = '2001' WHERE name = 'soft' || 'delete.event_at';"
                + " DELETE FROM orders"},
            {"MARIADB", "SET @'softdelete_ev\\ent_at' = NULL; DELETE FROM orders"},
            // in a literal, which the literal-shape path reads as '?' (a probe: an application's function setting it)
            {"POSTGRESQL", "DELETE FROM customers c WHERE c.id IN (3, 4) AND setit('softdelete.event_at', '2001')"
                + " IS NOT NULL"},
            {"POSTGRESQL", "SELECT id FROM orders WHERE current_setting('softdelete.event_batch', true) = 'x'"}};
        for (String[] c : cases) {
            RewriteEngine e = Engines.engine(Dialect.valueOf(c[0]));
            for (ThrowingCallable call : bothWays(e, c[1])) {
                assertThatThrownBy(call).as(c[1]).isInstanceOfSatisfying(StatementRefusedException.class,
                        r -> assertThat(r.sqlState()).isEqualTo("SD002"))
                        .hasMessageContaining("own session variable");
            }
        }
    }

    /**
     * DDL in SQL text handed to the database (probes): a guard dropped by EXECUTE IMMEDIATE, a temporary table named
     * like a step table created so, a schema holding a partition dropped in a DO block. The texts name no configured
     * table, and go to the database as written when what they hand over is harmless.
     */
    /**
     * A column written with a schema or database before the alias or bare name of a table that becomes a filtered
     * derived table named a relation the rewritten statement no longer has: the database rejected it (42P01, 1054;
     * a probe, jOOQ with schema mapping). Refused, with what to write; the table written with its schema is
     * rewritten as before.
     */
    @Test
    void aSchemaBeforeTheQualifierOfAWrappedTableIsRefused() throws Exception {
        String[][] refused = {
            {"POSTGRESQL", "SELECT public.orders.id, c.name FROM customers c RIGHT JOIN orders ON orders.customer_id"
                + " = c.id"},
            {"MARIADB", "SELECT shop.o.id FROM customers c RIGHT JOIN orders o ON o.customer_id = c.id"}};
        for (String[] c : refused) {
            for (ThrowingCallable call : bothWays(Engines.engine(Dialect.valueOf(c[0])), c[1])) {
                assertThatThrownBy(call).as(c[1]).isInstanceOfSatisfying(StatementRefusedException.class,
                        r -> assertThat(r.sqlState()).isEqualTo("SD001")).hasMessageContaining("which has no schema");
            }
        }
        assertThat(sent(Engines.engine(Dialect.POSTGRESQL), "SELECT public.orders.id FROM customers c RIGHT JOIN"
                + " public.orders ON public.orders.customer_id = c.id", Visibility.ACTIVE))
                .startsWith("SELECT orders.id FROM");
    }

    /**
     * A setting of the application's own, set by name beside a configured table, passes (RLS tenants), and so does a
     * name that only contains pg_settings.
     */
    @Test
    void setConfigOfAnotherSettingByItsNamePasses() throws Exception {
        RewriteEngine e = Engines.engine(Dialect.POSTGRESQL);
        for (String sql : new String[] {"SELECT set_config('app.tenant', '7', false), id FROM orders WHERE id = 1",
            "SELECT pg_settings_note FROM orders WHERE id = 1"}) {
            for (ThrowingCallable call : bothWays(e, sql)) {
                assertThatCode(call).as(sql).doesNotThrowAnyException();
            }
        }
    }

    /**
     * A soft delete that calls set_config, of any setting, is refused: a probe's {@code DELETE ... AND
     * set_config('search_path', 's2, public', false) IS NOT NULL} ran its own cascade on another schema's table, and
     * a time zone set row by row made its cascade miss children.
     */
    @Test
    void aSoftDeleteCallingSetConfigIsRefused() throws Exception {
        RewriteEngine e = Engines.engine(Dialect.POSTGRESQL);
        for (String sql : new String[] {"DELETE FROM orders WHERE id = 2 AND set_config('search_path', 's2, public',"
                + " false) IS NOT NULL", "DELETE FROM orders WHERE id = 2 AND U&\"set\\005fconfig\"('TimeZone', 'UTC',"
                + " false) IS NOT NULL", "WITH s AS (SELECT set_config('TimeZone', 'UTC', false)) DELETE FROM orders"
                + " WHERE id IN (SELECT 2 FROM s)"}) {
            for (ThrowingCallable call : bothWays(e, sql)) {
                assertThatThrownBy(call).as(sql).isInstanceOfSatisfying(StatementRefusedException.class,
                        r -> assertThat(r.getMessage()).contains("set_config"));
            }
        }
        assertThat(sent(e, "DELETE FROM orders WHERE note = 'set_config'", Visibility.ACTIVE)).startsWith("UPDATE");
        // a column named so is no call (a probe)
        assertThat(sent(e, "DELETE FROM orders WHERE set_config = 'x'", Visibility.ACTIVE)).startsWith("UPDATE");
        assertThat(sent(Engines.engine(Dialect.H2), "DELETE FROM orders WHERE \"set_config\" = 'x'",
                Visibility.ACTIVE)).startsWith("UPDATE");
    }

    /**
     * After a soft delete with cascades or checks a batch takes, besides soft deletes and INSERTs, an UPDATE of one
     * configured table that assigns no referenced key column: it changes no other table's rows behind the driver.
     */
    @Test
    void anUpdateOfOneConfiguredTablesNonKeyColumnsIsTold() throws Exception {
        RewriteEngine e = new RewriteEngine(Engines.config(Options.DEFAULTS), Dialect.MARIADB, new Catalog(Map.of(),
                Map.of(), List.of(new ForeignKey("lines_order", new TableName(null, "lines"), List.of("order_id"),
                        new TableName(null, "orders"), List.of("id"), ForeignKey.OnDelete.RESTRICT)
                        .configured(null, TableName.parse("orders"))), List.of()));
        assertThat(e.updatesConfiguredRowsOnly("UPDATE orders SET status = 'EMPTY' WHERE id = 3")).isTrue();
        assertThat(e.updatesConfiguredRowsOnly("UPDATE orders o SET o.total = o.total * 2; UPDATE customers SET"
                + " name = 'x'")).isTrue();
        for (String sql : new String[] {"UPDATE orders SET id = 4 WHERE id = 3", "UPDATE orders SET `ID` = 4",
            "UPDATE plain SET x = 1", "UPDATE orders o JOIN customers c ON c.id = o.customer_id SET c.name = 'x'",
            "UPDATE ORDERS SET status = 'x'",
            "UPDATE orders, plain SET plain.x = 1", "DELETE FROM orders", "UPDATE orders SET status = 'x'; DELETE FROM"
                + " plain", "WITH x AS (SELECT 1) UPDATE orders SET status = 'x'", "UPDATE orders SET"}) {
            assertThat(e.updatesConfiguredRowsOnly(sql)).as(sql).isFalse();
        }
    }

    /**
     * A multi-table DELETE that reads its own target in a subquery: MySQL and MariaDB reject it (1093) and run the
     * UPDATE it becomes, which a probe saw soft-delete other rows, or none, inside a transaction Hibernate then
     * committed. Refused on the MySQL family; a single-table DELETE, and other tables in subqueries, pass.
     */
    @Test
    void aMultiTableDeleteReadingItsOwnTargetInASubqueryIsRefusedOnMySql() throws Exception {
        for (Dialect dialect : new Dialect[] {Dialect.MYSQL, Dialect.MARIADB}) {
            RewriteEngine e = Engines.engine(dialect);
            for (String sql : new String[] {"DELETE x FROM orders x WHERE x.total < (SELECT avg(y.total) FROM orders y)",
                "DELETE o FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.id IN (SELECT id FROM orders"
                    + " WHERE total > 9)", "DELETE FROM o USING orders o WHERE o.id IN (SELECT max(id) FROM orders)"}) {
                for (ThrowingCallable call : bothWays(e, sql)) {
                    assertThatThrownBy(call).as(sql).isInstanceOfSatisfying(StatementRefusedException.class,
                            r -> assertThat(r.getMessage()).contains("1093"));
                }
            }
            assertThat(sent(e, "DELETE o FROM orders o WHERE o.customer_id IN (SELECT id FROM customers WHERE id > 3)",
                    Visibility.ACTIVE)).startsWith("UPDATE");
            assertThat(sent(e, "DELETE FROM orders WHERE id IN (SELECT id FROM (SELECT id FROM orders) x)",
                    Visibility.ACTIVE)).startsWith("UPDATE");
        }
    }

    /**
     * A foreign key into the soft-delete columns themselves with an ON UPDATE action: the soft delete's UPDATE fires it
     * on the children first (a probe's key over (id, is_deleted) ON UPDATE CASCADE flipped the children's flag, and
     * a RESTRICT check of another parent found no live child). Such a soft delete is refused.
     */
    @Test
    void aSoftDeleteWhoseColumnsAKeyReferencesOnUpdateIsRefused() throws Exception {
        ForeignKey intoFlag = new ForeignKey("lines_order_flag", new TableName(null, "lines"), List.of("order_id",
                "is_deleted"), new TableName(null, "orders"), List.of("id", "is_deleted"), ForeignKey.OnDelete.NO_ACTION)
                .configured(null, TableName.parse("orders"));
        RewriteEngine acting = new RewriteEngine(Engines.config(Options.DEFAULTS), Dialect.POSTGRESQL, new Catalog(
                Map.of(), Map.of(), List.of(intoFlag.actingOnUpdate(true)), List.of()));
        assertThatThrownBy(() -> acting.rewrite("DELETE FROM orders WHERE id = 1", Visibility.ACTIVE))
                .isInstanceOfSatisfying(StatementRefusedException.class,
                        r -> assertThat(r.getMessage()).contains("ON UPDATE"));
        RewriteEngine restricting = new RewriteEngine(Engines.config(Options.DEFAULTS), Dialect.POSTGRESQL,
                new Catalog(Map.of(), Map.of(), List.of(intoFlag), List.of()));
        assertThat(sent(restricting, "DELETE FROM orders WHERE id = 1", Visibility.ACTIVE)).startsWith("UPDATE");
    }

    /**
     * MySQL's DELETE modifiers on H2: its UPDATE takes none of them (UPDATE LOW_PRIORITY failed where H2's MySQL mode
     * ran the DELETE), and in Regular mode H2 rejects DELETE QUICK, which the rewrite, dropping QUICK, soft-deleted
     * (a probe). Refused on H2 and PostgreSQL (which rejects them in a DELETE, where UPDATE IGNORE t updated a table
     * named ignore aliased t); MariaDB keeps its own reading. A DELETE without FROM, or naming a target twice, which
     * the database rejects, is refused too (probes saw the UPDATE run).
     */
    @Test
    void mysqlDeleteModifiersAndFormsTheDatabaseRejectsAreRefused() throws Exception {
        for (Dialect dialect : new Dialect[] {Dialect.H2, Dialect.POSTGRESQL}) {
            for (String sql : new String[] {"DELETE QUICK FROM orders WHERE id = 1", "DELETE LOW_PRIORITY FROM orders",
                "DELETE IGNORE FROM orders WHERE id = 1"}) {
                for (ThrowingCallable call : bothWays(Engines.engine(dialect), sql)) {
                    assertThatThrownBy(call).as(sql).isInstanceOf(StatementRefusedException.class);
                }
            }
        }
        for (Dialect dialect : new Dialect[] {Dialect.POSTGRESQL, Dialect.MARIADB}) {
            for (ThrowingCallable call : bothWays(Engines.engine(dialect), "DELETE orders WHERE id = 10")) {
                assertThatThrownBy(call).isInstanceOf(StatementRefusedException.class).hasMessageContaining("FROM");
            }
        }
        assertThatThrownBy(() -> Engines.engine(Dialect.MARIADB).rewrite("DELETE o, o FROM orders o WHERE o.id = 1",
                Visibility.ACTIVE)).isInstanceOf(StatementRefusedException.class).hasMessageContaining("twice");
        assertThat(sent(Engines.engine(Dialect.MARIADB), "DELETE LOW_PRIORITY QUICK FROM orders WHERE id = 1",
                Visibility.ACTIVE)).startsWith("UPDATE LOW_PRIORITY orders");
    }

    @Test
    void ddlInSqlTextHandedToTheDatabaseIsReadAsDdl() throws Exception {
        RewriteEngine maria = new RewriteEngine(Engines.config(Options.DEFAULTS), Dialect.MARIADB, new Catalog(Map.of(),
                Map.of(), List.of(new ForeignKey("chi_order", new TableName(null, "chi"), List.of("order_id"),
                        new TableName(null, "orders"), List.of("id"), ForeignKey.OnDelete.RESTRICT)
                        .configured(null, TableName.parse("orders"))), List.of()));
        for (String sql : new String[] {"EXECUTE IMMEDIATE 'DROP TRIGGER softdelete_guard_upd_chi'",
            "PREPARE s FROM 'DROP TRIGGER softdelete_guard_upd_chi'",
            "EXECUTE IMMEDIATE 'CREATE TEMPORARY TABLE chi (id INT, order_id INT)'"}) {
            for (ThrowingCallable call : bothWays(maria, sql)) {
                assertThatThrownBy(call).as(sql).isInstanceOf(StatementRefusedException.class);
            }
        }
        assertThat(sent(maria, "EXECUTE IMMEDIATE 'DROP TABLE scratch'", Visibility.ACTIVE))
                .isEqualTo("EXECUTE IMMEDIATE 'DROP TABLE scratch'");
        RewriteEngine postgres = Engines.engine(Dialect.POSTGRESQL);
        for (String sql : new String[] {"DO $$ BEGIN DROP FUNCTION softdelete_guard_refs() CASCADE; END $$",
            "DO 'BEGIN ALTER TABLE refs DISABLE TRIGGER USER; END'",
            // and handed on again inside (a probe): EXECUTE of a literal, a variable's initial value, a doubled quote
            "DO $$ BEGIN EXECUTE 'DROP FUNCTION softdelete_guard_refs() CASCADE'; END $$",
            "DO $$ DECLARE s text := 'DROP FUNCTION softdelete_guard_refs() CASCADE'; BEGIN EXECUTE s; END $$",
            "DO 'BEGIN EXECUTE ''DROP FUNCTION softdelete_guard_refs() CASCADE''; END'",
            "DO $a$ BEGIN EXECUTE $b$DROP FUNCTION softdelete_guard_refs() CASCADE$b$; END $a$"}) {
            assertThatThrownBy(() -> postgres.rewriteNew(sql, Visibility.ACTIVE)).as(sql)
                    .isInstanceOf(StatementRefusedException.class);
        }
        String harmless = "DO $$ BEGIN ALTER TABLE refs ADD COLUMN note TEXT; EXCEPTION WHEN duplicate_column THEN"
                + " END $$";
        assertThat(sent(postgres, harmless, Visibility.ACTIVE)).isEqualTo(harmless);
    }

    /**
     * H2 reads {@code FROM (orders) x} as orders under the alias x (PostgreSQL and MariaDB reject the form): the
     * filter names x, where the derived table {@code ((SELECT ...) orders) x} was a syntax error on H2 (a probe).
     */
    @Test
    void aTableAloneInAliasedParenthesesIsFilteredUnderTheAlias() throws Exception {
        RewriteEngine h2 = Engines.engine(Dialect.H2);
        assertThat(sent(h2, "SELECT id FROM (orders) x", Visibility.ACTIVE))
                .isEqualTo("SELECT id FROM (orders) x WHERE x.is_deleted = FALSE");
        assertThat(sent(h2, "SELECT x.id FROM (orders) x JOIN customers c ON c.id = x.customer_id WHERE x.id > 1",
                Visibility.ACTIVE)).contains("x.is_deleted = FALSE").contains("c.is_deleted = FALSE")
                .doesNotContain("SELECT *");
    }

    @Test
    void aConfiguredTableWrittenWithUnicodeEscapesIsRefusedNotLetThrough() throws Exception {
        for (Dialect d : new Dialect[] {Dialect.POSTGRESQL, Dialect.H2}) {
            RewriteEngine e = Engines.engine(d);
            for (String sql : new String[] {"SELECT * FROM U&\"\\006Frders\"", "DELETE FROM u&\"o\\+000072ders\"",
                "SELECT * FROM customers c JOIN U&\"ord\\0065rs\" o ON o.customer_id = c.id"}) {
                assertThatThrownBy(() -> e.rewrite(sql, Visibility.ACTIVE)).as(d + ": " + sql)
                        .isInstanceOfSatisfying(StatementRefusedException.class, x -> assertThat(x.sqlState())
                                .isEqualTo(StatementRefusedException.UNREWRITABLE))
                        .hasMessageContaining("soft-delete table orders is written as a Unicode-escaped identifier");
            }
            // another name is none of the driver's business, nor is one in a string (read as data; a string with a
            // backslash outside MySQL is in doubt for the lexer, and is read through: such a text is refused)
            assertThat(e.rewrite("SELECT * FROM U&\"\\0070roducts\"", Visibility.ACTIVE).unchanged()).isTrue();
            assertThat(e.rewrite("SELECT * FROM products WHERE n = 'U&\"orders\"'", Visibility.ACTIVE).unchanged())
                    .isTrue();
        }
        // PostgreSQL compares quoted names with their case: U&"Orders" is another table
        assertThat(engine.rewrite("SELECT * FROM U&\"\\004Frders\"", Visibility.ACTIVE).unchanged()).isTrue();
    }

    @Test
    void passthroughOptionSendsUnrewritableStatementsUnchanged() throws Exception {
        RewriteEngine lenient = Engines.engine(Dialect.POSTGRESQL, OnUnparseable.PASSTHROUGH, TruncatePolicy.REJECT);
        String merge = "MERGE INTO orders o USING products p ON o.id = p.id WHEN MATCHED THEN DELETE";
        assertThat(lenient.rewrite(merge, Visibility.ACTIVE).unchanged()).isTrue();
        String broken = "FROBNICATE orders";
        assertThat(lenient.rewrite(broken, Visibility.ACTIVE).unchanged()).isTrue();
    }

    @Test
    void passthroughDoesNotOverrideTheTruncatePolicy() {
        RewriteEngine lenient = Engines.engine(Dialect.POSTGRESQL, OnUnparseable.PASSTHROUGH, TruncatePolicy.REJECT);
        assertThatThrownBy(() -> lenient.rewrite("TRUNCATE orders", Visibility.ACTIVE))
                .isInstanceOf(StatementRefusedException.class)
                .satisfies(e -> assertThat(((StatementRefusedException) e).sqlState())
                        .isEqualTo(StatementRefusedException.FORBIDDEN));
    }

    @Test
    void truncateSoftDeletePolicyRewritesToAnUpdate() throws Exception {
        RewriteEngine soft = Engines.engine(Dialect.MYSQL, OnUnparseable.REJECT, TruncatePolicy.SOFT_DELETE);
        assertThat(sent(soft, "TRUNCATE TABLE orders", Visibility.ACTIVE))
                .isEqualTo("UPDATE orders SET is_deleted = TRUE, deleted_at = NOW(5) WHERE orders.is_deleted = FALSE");
    }

    @Test
    void pathologicalNestingIsRefusedWithinTheBudget() {
        // JSqlParser 5.4 parses deep nesting quickly; a long IN list still takes it a second or more
        RewriteEngine impatient = new RewriteEngine(Engines.config(Options.DEFAULTS), Dialect.POSTGRESQL, true, 50);
        String huge = "SELECT * FROM orders WHERE x IN (" + "1, ".repeat(200_000) + "1)";
        assertThatThrownBy(() -> impatient.rewrite(huge, Visibility.ACTIVE))
                .isInstanceOf(StatementRefusedException.class)
                .hasMessageContaining("budget");
        String deeper = "SELECT * FROM orders WHERE x = " + "(".repeat(200) + "1" + ")".repeat(200);
        assertThatThrownBy(() -> engine.rewrite(deeper, Visibility.ACTIVE))
                .isInstanceOf(StatementRefusedException.class)
                .hasMessageContaining("nesting");
    }

    @Test
    void parsingStartsNoThreadPerStatement() throws Exception {
        engine.rewrite("SELECT * FROM orders WHERE id = -1", Visibility.ACTIVE); // starts the shared budget timer
        int before = Thread.activeCount();
        for (int i = 0; i < 300; i++) {
            engine.rewrite("SELECT * FROM orders WHERE id = " + i, Visibility.ACTIVE);
        }
        assertThat(Thread.activeCount()).isLessThanOrEqualTo(before + 1);
    }

    @Test
    void repeatedStatementsComeFromTheCache() throws Exception {
        String sql = "SELECT * FROM customers WHERE id = ?";
        Rewrite first = engine.rewrite(sql, Visibility.ACTIVE);
        assertThat(engine.rewrite(new String(sql), Visibility.ACTIVE)).isSameAs(first);
        assertThat(engine.rewrite(sql, Visibility.ONLY_DELETED)).isNotSameAs(first);
    }

    @Test
    void cachedRefusalsAreStillRefused() {
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> engine.rewrite("TRUNCATE orders", Visibility.ACTIVE))
                    .isInstanceOf(StatementRefusedException.class);
        }
    }

    @Test
    void parameterMarkersKeepTheirCountAndOrder() throws Exception {
        String sql = "SELECT * FROM orders o LEFT JOIN customers c ON c.id = o.customer_id AND c.name = ?"
                + " WHERE o.id = ? AND o.total > (SELECT avg(total) FROM orders WHERE customer_id = ?)";
        String out = sent(engine, sql, Visibility.ACTIVE);
        assertThat(markers(out)).hasSize(3).isEqualTo(markers(sql));
    }

    /** The few characters before each parameter marker, in order: the rewrite must not move or add markers. */
    private static java.util.List<String> markers(String sql) {
        java.util.List<String> found = new java.util.ArrayList<>();
        for (int at = sql.indexOf('?'); at >= 0; at = sql.indexOf('?', at + 1)) {
            found.add(sql.substring(Math.max(0, at - 4), at));
        }
        return found;
    }

    /**
     * A configured name with capitals is written unquoted in the driver's statements, where PostgreSQL folds it: it
     * is the table customers. A reference written "customers" in quotes went unfiltered, and its DELETE physical.
     */
    @Test
    void aQuotedLowerCaseReferenceIsTheTableOfAConfiguredNameWithCapitals() throws Exception {
        RewriteEngine postgres = new RewriteEngine(dev.softdelete.config.ConfigLoader.parse(
                "version: 1\ntables:\n  Customers: {}\n", "test"), Dialect.POSTGRESQL);
        assertThat(sent(postgres, "SELECT id FROM \"customers\"", Visibility.ACTIVE))
                .isEqualTo("SELECT id FROM \"customers\" WHERE \"customers\".is_deleted = FALSE");
        assertThat(postgres.rewrite("DELETE FROM public.\"customers\" WHERE id = 2", Visibility.ACTIVE).unchanged())
                .isFalse();
        // a name exactly as configured counts too (a partition's name comes from the catalog as it is)
        assertThat(postgres.rewrite("SELECT id FROM \"Customers\"", Visibility.ACTIVE).unchanged()).isFalse();
    }

    /** H2 rejects DELETE ... ORDER BY; the UPDATE it would become runs, and soft-deleted where the delete fails. */
    @Test
    void anH2DeleteWithOrderByIsRefused() {
        assertThatThrownBy(() -> Engines.engine(Dialect.H2).rewrite("DELETE FROM orders ORDER BY id LIMIT 1",
                Visibility.ACTIVE)).isInstanceOf(StatementRefusedException.class).hasMessageContaining("H2");
    }

    /**
     * H2 rejects DELETE ... USING in every mode (MODE=PostgreSQL too); the UPDATE ... FROM it would become runs, and
     * soft-deleted rows where the delete fails (a probe).
     */
    @Test
    void anH2DeleteWithUsingIsRefused() {
        assertThatThrownBy(() -> Engines.engine(Dialect.H2).rewrite(
                "DELETE FROM orders o USING customers c WHERE c.id = o.customer_id AND c.name = 'x'",
                Visibility.ACTIVE)).isInstanceOf(StatementRefusedException.class).hasMessageContaining("H2");
    }

    /**
     * MariaDB/MySQL: an unaliased select-list expression longer than an alias can be is refused only where its label
     * can be seen. In the select list of a subquery of an expression (IN, EXISTS, ANY/ALL, a comparison) nobody reads
     * it (a differential fuzzer found such statements refused); at the top, in a derived table and in a select-list
     * subquery the refusal stays.
     */
    @Test
    void aLongUnaliasedExpressionIsRefusedOnlyWhereItsLabelIsSeen() throws Exception {
        String longExpr = "(SELECT count(*) FROM orders i WHERE i.customer_id = c.id" + " AND i.total <> 7".repeat(20)
                + ")";
        for (String sql : new String[] {
            "SELECT count(*) FROM customers c WHERE EXISTS (SELECT " + longExpr + " FROM customers x)",
            "SELECT count(*) FROM customers c WHERE c.id IN (SELECT " + longExpr + " FROM customers x)",
            "SELECT count(*) FROM customers c WHERE c.id NOT IN ((SELECT " + longExpr + " FROM customers x))",
            "SELECT count(*) FROM customers c WHERE c.id >= ALL (SELECT " + longExpr + " FROM customers x)",
            "SELECT count(*) FROM customers c WHERE 3 < (SELECT " + longExpr + " FROM customers x LIMIT 1)"}) {
            String after = sent(Engines.engine(Dialect.MARIADB), sql, Visibility.ACTIVE);
            assertThat(after).as(sql).contains("is_deleted = FALSE").doesNotContain("AS `(SELECT");
        }
        for (String sql : new String[] {
            "SELECT " + longExpr + " FROM customers c",
            "SELECT count(*) FROM (SELECT " + longExpr + " FROM customers c) t",
            "SELECT c.id, (SELECT " + longExpr + ") FROM customers c"}) {
            assertThatThrownBy(() -> Engines.engine(Dialect.MARIADB).rewrite(sql, Visibility.ACTIVE)).as(sql)
                    .isInstanceOf(StatementRefusedException.class).hasMessageContaining("unaliased select-list");
        }
        // a short one keeps its label where it can be seen
        assertThat(sent(Engines.engine(Dialect.MARIADB), "SELECT (SELECT count(*) FROM orders o) FROM customers c",
                Visibility.ACTIVE)).contains("AS `(SELECT count(*) FROM orders o)`");
    }

    /**
     * A foreign table over a configured table (postgres_fdw, which may reach this database) is refused where the
     * text mentions one, in an option's string too: a probe's read soft-deleted rows and deleted rows physically.
     */
    @Test
    void aForeignTableOverAConfiguredTableIsRefused() throws Exception {
        for (String sql : new String[] {
            "CREATE FOREIGN TABLE ft_c (id int) SERVER loop OPTIONS (schema_name 'public', table_name 'customers')",
            "ALTER FOREIGN TABLE ft_c OPTIONS (SET table_name 'customers')",
            "IMPORT FOREIGN SCHEMA public LIMIT TO (customers) FROM SERVER loop INTO shadow"}) {
            assertThatThrownBy(() -> Engines.engine(Dialect.POSTGRESQL).rewrite(sql, Visibility.ACTIVE)).as(sql)
                    .isInstanceOfSatisfying(StatementRefusedException.class,
                            e -> assertThat(e.sqlState()).isEqualTo("SD001"))
                    .hasMessageContaining("FOREIGN TABLE");
        }
    }

    /**
     * H2 runs a subquery of a CHECK constraint or a DEFAULT at every write, unrewritten: a probe's check accepted a
     * row that referenced a soft-deleted order, and a default counted soft-deleted rows. Such a definition that names
     * a configured table is refused; a foreign key to one is no query.
     */
    @Test
    void aQueryOfAConfiguredTableInATablesDefinitionIsRefused() throws Exception {
        RewriteEngine h2 = Engines.engine(Dialect.H2);
        for (String sql : new String[] {
            "CREATE TABLE refs (order_id INT, CHECK (order_id IN (SELECT id FROM orders)))",
            "ALTER TABLE notes ADD CONSTRAINT live CHECK (order_id IN (SELECT id FROM orders))",
            "ALTER TABLE notes ADD COLUMN n INT DEFAULT (SELECT MAX(id) FROM orders)"}) {
            assertThatThrownBy(() -> h2.rewrite(sql, Visibility.ACTIVE)).as(sql)
                    .isInstanceOf(StatementRefusedException.class).hasMessageContaining("table's definition");
        }
        // a probe: H2's TABLE command in a CHECK or a DEFAULT, glued to its parenthesis or not, passed as row-free DDL
        for (String sql : new String[] {"CREATE TABLE refs (order_id INT CHECK (EXISTS (TABLE orders)))",
            "CREATE TABLE refs (order_id INT, b BOOLEAN DEFAULT (EXISTS ( TABLE orders)))",
            "CREATE TABLE refs (order_id INT CHECK (EXISTS (\nTABLE orders)))",
            "ALTER TABLE notes ADD CONSTRAINT live CHECK (EXISTS (/**/TABLE orders))",
            "ALTER TABLE notes ALTER COLUMN n SET DEFAULT (EXISTS ( TABLE orders))"}) {
            assertThatThrownBy(() -> h2.rewrite(sql, Visibility.ACTIVE)).as(sql)
                    .isInstanceOfSatisfying(StatementRefusedException.class,
                            e -> assertThat(e.sqlState()).isEqualTo("SD001"));
        }
        String fk = "CREATE TABLE refs (order_id INT REFERENCES orders (id))";
        assertThat(sent(h2, fk, Visibility.ACTIVE)).isEqualTo(fk);
    }

    /**
     * Texts the driver's lexer read otherwise than the server, let through whole by the DDL shortcut (probes deleted
     * rows physically): H2 takes {@code a¢$$} for one name, not a name and a dollar quote; under MariaDB's
     * ANSI_QUOTES {@code "a\"} is a name ending in a backslash. Each is refused now, never sent as it is.
     */
    @Test
    void ddlTheServerLexesOtherwiseIsNotPassedWhole() throws Exception {
        String[][] cases = {
            {"H2", "ALTER TABLE orders ADD COLUMN a\u00a2$$ INT; DELETE FROM orders; ALTER TABLE orders DROP COLUMN"
                + " a\u00a2$$"},
            {"H2", "ALTER TABLE orders ADD COLUMN a\uD835\uDC9C$$ INT; DELETE FROM orders; ALTER TABLE orders DROP"
                + " COLUMN a\uD835\uDC9C$$"},
            {"H2", "CREATE TABLE x\uD835\uDC9C$$ (id INT); CREATE TABLE leak AS SELECT * FROM orders; DROP TABLE"
                + " x\uD835\uDC9C$$"},
            {"MARIADB", "ALTER TABLE orders ADD COLUMN \"a\\\" INT; DELETE FROM orders; -- \""},
            {"MARIADB", "DESCRIBE orders \"a\\\"; DELETE FROM orders WHERE id = 1; -- \""}};
        for (String[] c : cases) {
            assertThatThrownBy(() -> Engines.engine(Dialect.valueOf(c[0])).rewrite(c[1], Visibility.ACTIVE))
                    .as(c[1]).isInstanceOf(StatementRefusedException.class);
        }
    }
}
