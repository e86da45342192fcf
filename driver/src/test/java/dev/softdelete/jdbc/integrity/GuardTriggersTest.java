package dev.softdelete.jdbc.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.softdelete.config.FlagType;
import dev.softdelete.config.Options;
import dev.softdelete.config.SoftDeleteConfig;
import dev.softdelete.config.TableConfig;
import dev.softdelete.config.TableName;
import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import dev.softdelete.jdbc.rewrite.catalog.Catalog;
import dev.softdelete.jdbc.rewrite.catalog.ForeignKey;
import dev.softdelete.jdbc.rewrite.catalog.UniqueKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The names of the guards migrate installs: one object per table or key, never one name for two of them. */
class GuardTriggersTest {
    private static TableConfig table(String name) {
        return new TableConfig(TableName.parse(name), "is_deleted", FlagType.BOOLEAN, "deleted_at", List.of());
    }

    private static ForeignKey key(String name, String child, String column, String parent, String parentColumn) {
        TableName p = TableName.parse(parent);
        return new ForeignKey(name, TableName.parse(child), List.of(column), p, List.of(parentColumn),
                ForeignKey.OnDelete.RESTRICT).configured(null, p);
    }

    private static List<GuardObject> guards(List<String> tables, List<ForeignKey> keys, Dialect dialect) {
        List<TableConfig> configured = new ArrayList<>();
        tables.forEach(t -> configured.add(table(t)));
        return new GuardTriggers(new SoftDeleteConfig("test", configured, Options.DEFAULTS),
                new Catalog(Map.of(), Map.of(), keys, List.of()), dialect).objects();
    }

    /**
     * customer_address(id) and customer(address_id) both made softdelete_lock_customer_address_id: one of them got
     * no lock index, and a probe's concurrent insert and soft delete then both committed, leaving an orphan. Two
     * tables of one name in two schemas the same.
     */
    @Test
    void everyReferencedKeyGetsALockIndexOfItsOwn() {
        List<GuardObject> guards = guards(List.of("lk.customer_address", "lk.customer", "lk2.customer_address"),
                List.of(key("shipment_addr", "lk.shipment", "addr", "lk.customer_address", "id"),
                        key("invoice_addr", "lk.invoice", "cust_addr", "lk.customer", "address_id"),
                        key("shipment_addr2", "lk2.shipment", "addr", "lk2.customer_address", "id")),
                Dialect.POSTGRESQL);
        List<String> locks = new ArrayList<>();
        List<TableName> lockedTables = new ArrayList<>();
        for (GuardObject g : guards) {
            if (g.kind == GuardObject.Kind.LOCK_INDEX) {
                locks.add(g.table.schema() + "." + g.name);
                lockedTables.add(g.table);
            }
        }
        assertThat(lockedTables).containsExactlyInAnyOrder(TableName.parse("lk.customer_address"),
                TableName.parse("lk.customer"), TableName.parse("lk2.customer_address"));
        assertThat(locks).doesNotHaveDuplicates();
    }

    /** film$log and film_log cleaned to one guard name, and the second guard replaced the first (a probe). */
    @Test
    void tablesWhoseNamesCleanAlikeGetGuardsOfTheirOwn() {
        for (Dialect d : new Dialect[] {Dialect.POSTGRESQL, Dialect.MARIADB}) {
            List<GuardObject> guards = guards(List.of("public.film"), List.of(
                    key("a", "public.film$log", "film_ref", "public.film", "id"),
                    key("b", "public.film_log", "film_id", "public.film", "id")), d);
            List<String> names = new ArrayList<>();
            for (GuardObject g : guards) {
                if (g.kind != GuardObject.Kind.LOCK_INDEX) {
                    names.add(g.name);
                }
            }
            assertThat(names).as(d.toString()).hasSizeGreaterThanOrEqualTo(2).doesNotHaveDuplicates();
        }
    }

    /**
     * A table whose name cleaning changes keeps the name it had when no other table cleans alike: an installed guard
     * of film$log is then replaced, not left beside a new one (a probe's upgrade kept the old BEFORE guard).
     */
    @Test
    void aNameCleaningChangesIsKeptWhenNoOtherTableCleansAlike() {
        for (Dialect d : new Dialect[] {Dialect.POSTGRESQL, Dialect.MARIADB}) {
            List<String> names = new ArrayList<>();
            for (GuardObject g : guards(List.of("public.film"), List.of(
                    key("a", "public.film$log", "film_ref", "public.film", "id")), d)) {
                if (g.kind != GuardObject.Kind.LOCK_INDEX) {
                    names.add(g.name);
                }
            }
            assertThat(names).as(d.toString()).allMatch(n -> n.endsWith("_film_log"));
        }
    }

    /** The PostgreSQL guard runs as its owner (a writer without UPDATE on the parent got 42501, a probe). */
    @Test
    void thePostgresGuardRunsAsItsOwner() {
        GuardObject trigger = guards(List.of("public.film"), List.of(key("a", "public.notes", "film_id",
                "public.film", "id")), Dialect.POSTGRESQL).stream().filter(g -> g.kind == GuardObject.Kind.TRIGGER)
                .findFirst().orElseThrow();
        assertThat(trigger.statements.get(0)).contains("LANGUAGE plpgsql SECURITY DEFINER AS")
                .contains("FROM public.film p");
    }

    private static List<GuardObject> lockIndexes(List<String> tables, List<ForeignKey> keys, List<UniqueKey> unique) {
        List<TableConfig> configured = new ArrayList<>();
        tables.forEach(t -> configured.add(table(t)));
        List<GuardObject> locks = new ArrayList<>();
        for (GuardObject g : new GuardTriggers(new SoftDeleteConfig("test", configured, Options.DEFAULTS),
                new Catalog(Map.of(), Map.of(), keys, unique), Dialect.POSTGRESQL).objects()) {
            if (g.kind == GuardObject.Kind.LOCK_INDEX) {
                locks.add(g);
            }
        }
        return locks;
    }

    /**
     * A referenced a(b_c) and the primary key of a_b(c) both made softdelete_lock_a_b_c: a_b got no lock index, and
     * migrate reported the same CREATE ... IF NOT EXISTS as applied on every run (a probe).
     */
    @Test
    void aReferencedKeyAndAPrimaryKeyThatNameAlikeGetIndexesOfTheirOwn() {
        // entries unqualified, as most configurations write them: the foreign key names the table with its schema
        ForeignKey intoA = new ForeignKey("k", TableName.parse("public.kid"), List.of("x"), TableName.parse("public.a"),
                List.of("b_c"), ForeignKey.OnDelete.RESTRICT).configured(null, TableName.parse("a"));
        List<GuardObject> locks = lockIndexes(List.of("a", "a_b"), List.of(intoA),
                List.of(new UniqueKey(TableName.parse("a_b"), "a_b_pkey", List.of("c"), true, false, null)));
        List<String> names = new ArrayList<>();
        List<TableName> tables = new ArrayList<>();
        locks.forEach(g -> {
            names.add(g.name);
            tables.add(g.table);
        });
        assertThat(tables).contains(TableName.parse("public.a"), TableName.parse("a_b"));
        assertThat(names).doesNotHaveDuplicates();
    }

    /**
     * An unqualified entry (dup) names the table of the search path; a foreign key into another schema's s1.dup said
     * nothing of it, yet it got no lock index of its own (a probe's FOR KEY SHARE then read a row being deleted).
     */
    @Test
    void anUnqualifiedEntryGetsItsOwnLockIndexBesideAnotherSchemasReferencedTable() {
        TableName s1dup = TableName.parse("s1.dup");
        ForeignKey intoS1 = new ForeignKey("k", TableName.parse("s1.kid"), List.of("dup_id"), s1dup, List.of("id"),
                ForeignKey.OnDelete.RESTRICT).configured(null, TableName.parse("dup"));
        List<GuardObject> locks = lockIndexes(List.of("dup"), List.of(intoS1),
                List.of(new UniqueKey(TableName.parse("dup"), "dup_pkey", List.of("id"), true, false, null)));
        List<TableName> tables = new ArrayList<>();
        locks.forEach(g -> tables.add(g.table));
        assertThat(tables).contains(s1dup, TableName.parse("dup"));
    }
}
