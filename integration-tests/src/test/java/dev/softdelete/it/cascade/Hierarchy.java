package dev.softdelete.it.cascade;

import static org.assertj.core.api.Assertions.assertThat;

import dev.softdelete.it.support.Sql;
import dev.softdelete.it.support.StoredRow;
import dev.softdelete.it.support.TableRows;
import dev.softdelete.it.support.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A three-level cascade fixture, created through a raw connection: {@code parents → children → grandchildren}, and
 * {@code notes} as a second child table of {@code parents}; all four are soft-delete tables with the default columns
 * {@code is_deleted}/{@code deleted_at} and real foreign keys. {@code parents.region_id} points to a plain table
 * {@code regions} (1 north, 2 south, 3 east; parent {@code p} is in region {@code (p - 1) % 3 + 1}).
 *
 * <p>Ids encode the tree: child {@code 10p + k} of parent {@code p}, grandchild {@code 10c + k} of child {@code c},
 * note {@code 10p + k} of parent {@code p} (k from 1).
 */
final class Hierarchy {
    /** A timestamp of an earlier delete event; rows marked with it must keep it. */
    static final LocalDateTime EARLIER = LocalDateTime.of(2020, 1, 2, 3, 4, 5, 123_456_000);
    /** Another earlier event. */
    static final LocalDateTime EARLIER_STILL = LocalDateTime.of(2019, 6, 7, 8, 9, 10, 654_321_000);

    private static final DateTimeFormatter LITERAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    final TestDatabase database;
    final String regions;
    final String parents;
    final String children;
    final String grandchildren;
    final String notes;

    private final Map<Long, Long> parentOfChild = new TreeMap<>();
    private final Map<Long, Long> childOfGrandchild = new TreeMap<>();
    private final Map<Long, Long> parentOfNote = new TreeMap<>();

    Hierarchy(TestDatabase database, String prefix) {
        this.database = database;
        this.regions = prefix + "_regions";
        this.parents = prefix + "_parents";
        this.children = prefix + "_children";
        this.grandchildren = prefix + "_grandchildren";
        this.notes = prefix + "_notes";
    }

    /** The soft-delete tables, parents first. */
    String[] tables() {
        return new String[] {parents, children, grandchildren, notes};
    }

    /** The soft-delete tables and {@code regions}. */
    String[] allTables() {
        return new String[] {regions, parents, children, grandchildren, notes};
    }

    /** The {@code tables:} entries of softdelete.yml for the hierarchy, indented for the {@code tables:} map. */
    String yamlTables() {
        return "  " + parents + ":\n"
            + "    cascade:\n"
            + "      - { table: " + children + ", column: parent_id }\n"
            + "      - table: " + notes + "\n"
            + "        column: parent_id\n"
            + "        references: id\n"
            + "  " + children + ":\n"
            + "    cascade:\n"
            + "      - { table: " + grandchildren + ", column: child_id }\n"
            + "  " + grandchildren + ": {}\n"
            + "  " + notes + ": {}\n";
    }

    /** A whole softdelete.yml: default columns, {@code tables} as given, {@code truncate: soft-delete}. */
    static String yaml(String tables) {
        return "version: 1\n"
            + "defaults:\n"
            + "  flag-column: is_deleted\n"
            + "  timestamp-column: deleted_at\n"
            + "tables:\n"
            + tables
            + "options:\n"
            + "  on-unparseable: reject\n"
            + "  truncate: soft-delete\n";
    }

    /** softdelete.yml for the hierarchy alone. */
    String yaml() {
        return yaml(yamlTables());
    }

    /** Drops the tables if they exist and creates them empty. */
    Hierarchy create(Connection raw) throws SQLException {
        drop(raw);
        String flags = "is_deleted BOOLEAN DEFAULT FALSE NOT NULL, deleted_at " + database.timestampType() + " NULL";
        Sql.execute(raw,
            "CREATE TABLE " + regions + " (id BIGINT PRIMARY KEY, name VARCHAR(20) NOT NULL)",
            "CREATE TABLE " + parents + " (id BIGINT PRIMARY KEY, region_id BIGINT NOT NULL, "
                + "name VARCHAR(40) NOT NULL, " + flags + ", FOREIGN KEY (region_id) REFERENCES " + regions + " (id))",
            "CREATE TABLE " + children + " (id BIGINT PRIMARY KEY, parent_id BIGINT NOT NULL, "
                + "label VARCHAR(40) NOT NULL, " + flags + ", FOREIGN KEY (parent_id) REFERENCES " + parents + " (id))",
            "CREATE TABLE " + grandchildren + " (id BIGINT PRIMARY KEY, child_id BIGINT NOT NULL, "
                + "label VARCHAR(40) NOT NULL, " + flags + ", FOREIGN KEY (child_id) REFERENCES " + children + " (id))",
            "CREATE TABLE " + notes + " (id BIGINT PRIMARY KEY, parent_id BIGINT NOT NULL, "
                + "body VARCHAR(40) NOT NULL, " + flags + ", FOREIGN KEY (parent_id) REFERENCES " + parents + " (id))");
        if (database == TestDatabase.POSTGRESQL) {
            // MariaDB indexes foreign keys by itself; PostgreSQL needs to be told, as any real schema would.
            Sql.execute(raw,
                "CREATE INDEX " + children + "_fk ON " + children + " (parent_id)",
                "CREATE INDEX " + grandchildren + "_fk ON " + grandchildren + " (child_id)",
                "CREATE INDEX " + notes + "_fk ON " + notes + " (parent_id)");
        }
        return this;
    }

    /** Drops the tables if they exist, children first. */
    void drop(Connection raw) throws SQLException {
        Sql.execute(raw,
            "DROP TABLE IF EXISTS " + grandchildren,
            "DROP TABLE IF EXISTS " + notes,
            "DROP TABLE IF EXISTS " + children,
            "DROP TABLE IF EXISTS " + parents,
            "DROP TABLE IF EXISTS " + regions);
    }

    /**
     * Inserts live rows: parents {@code 1..parentCount}, each with {@code childrenPerParent} children and
     * {@code notesPerParent} notes, each child with {@code grandchildrenPerChild} grandchildren (each at most 9).
     */
    Hierarchy fill(Connection raw, int parentCount, int childrenPerParent, int grandchildrenPerChild,
                   int notesPerParent) throws SQLException {
        boolean autoCommit = raw.getAutoCommit();
        raw.setAutoCommit(false);
        try (PreparedStatement region = raw.prepareStatement("INSERT INTO " + regions + " (id, name) VALUES (?, ?)");
             PreparedStatement parent = raw.prepareStatement(
                 "INSERT INTO " + parents + " (id, region_id, name) VALUES (?, ?, ?)");
             PreparedStatement child = raw.prepareStatement(
                 "INSERT INTO " + children + " (id, parent_id, label) VALUES (?, ?, ?)");
             PreparedStatement grandchild = raw.prepareStatement(
                 "INSERT INTO " + grandchildren + " (id, child_id, label) VALUES (?, ?, ?)");
             PreparedStatement note = raw.prepareStatement(
                 "INSERT INTO " + notes + " (id, parent_id, body) VALUES (?, ?, ?)")) {
            String[] regionNames = {"north", "south", "east"};
            for (int r = 0; r < regionNames.length; r++) {
                region.setLong(1, r + 1);
                region.setString(2, regionNames[r]);
                region.addBatch();
            }
            region.executeBatch();
            for (long p = 1; p <= parentCount; p++) {
                add(parent, p, (p - 1) % 3 + 1, "parent " + p);
                for (long k = 1; k <= notesPerParent; k++) {
                    add(note, p * 10 + k, p, "note " + k + " of " + p);
                    parentOfNote.put(p * 10 + k, p);
                }
                for (long k = 1; k <= childrenPerParent; k++) {
                    long c = p * 10 + k;
                    add(child, c, p, "child " + c);
                    parentOfChild.put(c, p);
                    for (long j = 1; j <= grandchildrenPerChild; j++) {
                        add(grandchild, c * 10 + j, c, "grandchild " + (c * 10 + j));
                        childOfGrandchild.put(c * 10 + j, c);
                    }
                }
            }
            parent.executeBatch();
            note.executeBatch();
            child.executeBatch();
            grandchild.executeBatch();
            raw.commit();
        } finally {
            raw.setAutoCommit(autoCommit);
        }
        return this;
    }

    private static void add(PreparedStatement ps, long id, long ref, String text) throws SQLException {
        ps.setLong(1, id);
        ps.setLong(2, ref);
        ps.setString(3, text);
        ps.addBatch();
    }

    /** Marks rows of {@code table} soft-deleted at {@code when}, bypassing the driver. */
    Hierarchy markDeleted(Connection raw, String table, LocalDateTime when, long... ids) throws SQLException {
        Set<Long> all = new TreeSet<>();
        for (long id : ids) {
            all.add(id);
        }
        return markDeleted(raw, table, when, all);
    }

    /** Marks rows of {@code table} soft-deleted at {@code when}, bypassing the driver. */
    Hierarchy markDeleted(Connection raw, String table, LocalDateTime when, Set<Long> ids) throws SQLException {
        // A literal, not a bound LocalDateTime: mysql-connector-j takes MariaDB for MySQL 5.5 and drops the
        // fractional seconds of bound date-times.
        try (PreparedStatement ps = raw.prepareStatement("UPDATE " + table + " SET is_deleted = TRUE, deleted_at = "
                 + "TIMESTAMP '" + when.format(LITERAL) + "' WHERE id = ?")) {
            for (long id : ids) {
                ps.setLong(1, id);
                assertThat(ps.executeUpdate()).as("fixture row %s %d", table, id).isEqualTo(1);
            }
        }
        return this;
    }

    /**
     * Marks parent {@code p} and everything below it soft-deleted at {@code when}: what an earlier DELETE through
     * the driver left behind.
     */
    Hierarchy markSubtreeDeleted(Connection raw, long p, LocalDateTime when) throws SQLException {
        markDeleted(raw, parents, when, p);
        markDeleted(raw, notes, when, idsWhere(parentOfNote, Set.of(p)));
        for (long c : idsWhere(parentOfChild, Set.of(p))) {
            markChildSubtreeDeleted(raw, c, when);
        }
        return this;
    }

    /** Marks child {@code c} and its grandchildren soft-deleted at {@code when}. */
    Hierarchy markChildSubtreeDeleted(Connection raw, long c, LocalDateTime when) throws SQLException {
        markDeleted(raw, children, when, c);
        markDeleted(raw, grandchildren, when, grandchildrenOf(c));
        return this;
    }

    /** The rows of a child table whose reference (in {@code refs}: row id to referenced id) is in {@code targets}. */
    private static Set<Long> idsWhere(Map<Long, Long> refs, Set<Long> targets) {
        Set<Long> ids = new TreeSet<>();
        refs.forEach((id, ref) -> {
            if (targets.contains(ref)) {
                ids.add(id);
            }
        });
        return ids;
    }

    /** The children of parent {@code p}. */
    Set<Long> childrenOf(long p) {
        return idsWhere(parentOfChild, Set.of(p));
    }

    /** The grandchildren of child {@code c}. */
    Set<Long> grandchildrenOf(long c) {
        return idsWhere(childOfGrandchild, Set.of(c));
    }

    /** {@code is_deleted}/{@code deleted_at} of every row of the four soft-delete tables, by table and id. */
    Map<String, Map<Long, StoredRow>> marks(Connection c) throws SQLException {
        Map<String, Map<Long, StoredRow>> marks = new LinkedHashMap<>();
        for (String table : tables()) {
            marks.put(table, TableRows.marks(c, table));
        }
        return marks;
    }

    /** Full contents of the five tables. */
    Map<String, List<String>> snapshot(Connection c) throws SQLException {
        return TableRows.snapshots(c, allTables());
    }

    /**
     * What the tables must hold after one delete event, at {@code at}, that deleted the live rows among
     * {@code deletedParents} and {@code deletedChildren} (the statement's own targets): those, and every live row
     * reachable from them through rows deleted by the same event, are marked with {@code at}; everything else is as
     * in {@code before}.
     */
    Map<String, Map<Long, StoredRow>> expectedAfter(Map<String, Map<Long, StoredRow>> before, LocalDateTime at,
                                                    Set<Long> deletedParents, Set<Long> deletedChildren) {
        Set<Long> p = live(before, parents, deletedParents);
        Set<Long> c = live(before, children, union(deletedChildren, idsWhere(parentOfChild, p)));
        Set<Long> g = live(before, grandchildren, idsWhere(childOfGrandchild, c));
        Set<Long> n = live(before, notes, idsWhere(parentOfNote, p));
        Map<String, Set<Long>> deleted = Map.of(parents, p, children, c, grandchildren, g, notes, n);
        Map<String, Map<Long, StoredRow>> expected = new LinkedHashMap<>();
        for (String table : tables()) {
            Map<Long, StoredRow> rows = new TreeMap<>(before.get(table));
            for (long id : deleted.get(table)) {
                rows.put(id, new StoredRow(true, true, at));
            }
            expected.put(table, rows);
        }
        return expected;
    }

    private static Set<Long> union(Set<Long> a, Set<Long> b) {
        Set<Long> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }

    private static Set<Long> live(Map<String, Map<Long, StoredRow>> marks, String table, Set<Long> ids) {
        Set<Long> live = new TreeSet<>();
        for (long id : ids) {
            StoredRow row = marks.get(table).get(id);
            if (row != null && !row.deleted()) {
                live.add(id);
            }
        }
        return live;
    }

    /**
     * Asserts that the difference between {@code before} and {@code after} is exactly one delete event on the given
     * targets (see {@link #expectedAfter}) and returns its timestamp: the one value every row it deleted carries,
     * new (no row had it before) and not null.
     */
    LocalDateTime assertOneEvent(Map<String, Map<Long, StoredRow>> before, Map<String, Map<Long, StoredRow>> after,
                                 Set<Long> deletedParents, Set<Long> deletedChildren) {
        Set<Long> roots = live(before, parents, deletedParents);
        String rootTable = parents;
        if (roots.isEmpty()) {
            roots = live(before, children, deletedChildren);
            rootTable = children;
        }
        assertThat(roots).as("the fixture has live rows among the targets").isNotEmpty();
        LocalDateTime at = after.get(rootTable).get(roots.iterator().next()).deletedAt();
        assertThat(at).as("deleted_at of target %s %s", rootTable, roots.iterator().next()).isNotNull();
        for (Map<Long, StoredRow> rows : before.values()) {
            for (StoredRow row : rows.values()) {
                assertThat(row.deletedAt()).as("the event's deleted_at is new").isNotEqualTo(at);
            }
        }
        Map<String, Map<Long, StoredRow>> expected = expectedAfter(before, at, deletedParents, deletedChildren);
        for (String table : tables()) {
            assertThat(after.get(table))
                .as("%s after the delete event at %s (targets: parents %s, children %s)", table, at, deletedParents,
                    deletedChildren)
                .isEqualTo(expected.get(table));
        }
        return at;
    }

    /** {@link #assertOneEvent} for a statement that deletes parents only. */
    LocalDateTime assertOneEvent(Map<String, Map<Long, StoredRow>> before, Map<String, Map<Long, StoredRow>> after,
                                 Set<Long> deletedParents) {
        return assertOneEvent(before, after, deletedParents, Set.of());
    }

    /** Ids of rows of {@code table} that are deleted in {@code after} but were live in {@code before}. */
    static Set<Long> newlyDeleted(Map<String, Map<Long, StoredRow>> before, Map<String, Map<Long, StoredRow>> after,
                                  String table) {
        Set<Long> ids = new TreeSet<>();
        after.get(table).forEach((id, row) -> {
            if (row.deleted() && !before.get(table).get(id).deleted()) {
                ids.add(id);
            }
        });
        return ids;
    }
}
