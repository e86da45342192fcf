package dev.softdelete.cli.check;

import dev.softdelete.config.TableName;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Finds configured tables in the database through {@link DatabaseMetaData}. An unqualified name is looked up in the
 * connection's current schema (MySQL: its database), then anywhere; names compare case-insensitively, since the
 * driver matches unquoted names that way and each database folds them its own way.
 */
public final class TableResolver {
    private final DatabaseMetaData meta;
    private final Product product;
    private final String currentContainer;

    public TableResolver(Connection connection, Product product) throws SQLException {
        this.meta = connection.getMetaData();
        this.product = product;
        this.currentContainer = product.usesCatalogs() ? connection.getCatalog() : connection.getSchema();
    }

    /** The schema (MySQL: database) unqualified names are looked up in first. */
    public String currentContainer() {
        return currentContainer;
    }

    /** The tables named {@code name}: in its schema or the current one; if none there, anywhere (unqualified). */
    public List<DatabaseTable> resolve(TableName name) throws SQLException {
        String container = name.schema() != null ? name.schema() : currentContainer;
        List<DatabaseTable> found = find(container, name.table());
        if (found.isEmpty() && name.schema() == null) {
            found = find(null, name.table());
        }
        return found;
    }

    /**
     * Every table of the schema (MySQL: database) {@code container}, with its columns, by name; views, sequences and
     * system tables are left out. Partitions and inheriting tables are in it like any table.
     */
    public List<DatabaseTable> tablesIn(String container) throws SQLException {
        Map<String, DatabaseTable> found = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        String catalog = product.usesCatalogs() ? container : null;
        String schemaPattern = product.usesCatalogs() ? null : escape(container);
        try (ResultSet rs = meta.getTables(catalog, schemaPattern, "%", null)) {
            while (rs.next()) {
                String type = rs.getString("TABLE_TYPE");
                String upper = type == null ? "" : type.toUpperCase(Locale.ROOT);
                if (upper.contains("TABLE") && !upper.contains("SYSTEM") && !upper.contains("TEMPORARY")
                        && !upper.contains("FOREIGN")) {
                    DatabaseTable t = read(rs);
                    if (t.container() != null && t.container().equalsIgnoreCase(container)) {
                        found.putIfAbsent(t.name(), t);
                    }
                }
            }
        }
        List<DatabaseTable> withColumns = new ArrayList<>();
        for (DatabaseTable t : found.values()) {
            withColumns.add(new DatabaseTable(t.catalog(), t.schema(), t.name(), t.type(), columns(t)));
        }
        return withColumns;
    }

    private List<DatabaseTable> find(String container, String table) throws SQLException {
        Map<String, DatabaseTable> found = new LinkedHashMap<>();
        for (String containerVariant : variants(container)) {
            for (String tableVariant : variants(table)) {
                String catalog = product.usesCatalogs() ? containerVariant : null;
                String schemaPattern = product.usesCatalogs() ? null : escape(containerVariant);
                try (ResultSet rs = meta.getTables(catalog, schemaPattern, escape(tableVariant), null)) {
                    while (rs.next()) {
                        DatabaseTable t = read(rs);
                        if (t != null && t.is(container, table)) {
                            found.putIfAbsent(t.toString(), t);
                        }
                    }
                }
            }
        }
        List<DatabaseTable> withColumns = new ArrayList<>();
        for (DatabaseTable t : found.values()) {
            withColumns.add(new DatabaseTable(t.catalog(), t.schema(), t.name(), t.type(), columns(t)));
        }
        return withColumns;
    }

    private static DatabaseTable read(ResultSet rs) throws SQLException {
        String type = rs.getString("TABLE_TYPE");
        String upper = type == null ? "" : type.toUpperCase(Locale.ROOT);
        if (!upper.contains("TABLE") && !upper.contains("VIEW")) {
            return null;
        }
        return new DatabaseTable(rs.getString("TABLE_CAT"), rs.getString("TABLE_SCHEM"), rs.getString("TABLE_NAME"),
            type, Map.of());
    }

    private Map<String, Column> columns(DatabaseTable t) throws SQLException {
        Map<String, Column> columns = new LinkedHashMap<>();
        try (ResultSet rs = meta.getColumns(t.catalog(), escape(t.schema()), escape(t.name()), "%")) {
            while (rs.next()) {
                if (t.name().equals(rs.getString("TABLE_NAME"))) {
                    Column c = Column.read(rs);
                    columns.putIfAbsent(c.name().toLowerCase(Locale.ROOT), c);
                }
            }
        }
        return columns;
    }

    /** The name as written, upper-cased and lower-cased (how databases store unquoted names); null stays null. */
    private static Set<String> variants(String name) {
        Set<String> variants = new LinkedHashSet<>();
        variants.add(name);
        if (name != null) {
            variants.add(name.toUpperCase(Locale.ROOT));
            variants.add(name.toLowerCase(Locale.ROOT));
        }
        return variants;
    }

    private String escape(String name) throws SQLException {
        if (name == null) {
            return null;
        }
        String escape = meta.getSearchStringEscape();
        if (escape == null || escape.isEmpty()) {
            return name;
        }
        return name.replace(escape, escape + escape).replace("_", escape + "_").replace("%", escape + "%");
    }
}
