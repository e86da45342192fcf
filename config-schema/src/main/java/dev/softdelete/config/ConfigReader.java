package dev.softdelete.config;

import static dev.softdelete.config.NodeReader.child;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/** Turns a composed {@code softdelete.yml} document into a {@link SoftDeleteConfig}, checking the version 1 rules. */
final class ConfigReader {
    private static final List<String> TOP_KEYS = List.of("version", "defaults", "tables", "options");
    private static final List<String> DEFAULTS_KEYS = List.of("flag-column", "timestamp-column", "flag-type",
            "batch-column", "actor-column");
    private static final List<String> TABLE_KEYS = List.of("flag-column", "timestamp-column", "flag-type",
            "batch-column", "actor-column", "cascade");
    private static final List<String> CASCADE_KEYS = List.of("table", "column", "references");
    private static final List<String> OPTIONS_KEYS = List.of("on-unparseable", "truncate", "mode");
    private static final Pattern TABLE_NAME =
            Pattern.compile("(" + NodeReader.IDENTIFIER.pattern() + "\\.)?" + NodeReader.IDENTIFIER.pattern());

    private final String source;
    private final NodeReader nodes;

    ConfigReader(String source) {
        this.source = source;
        this.nodes = new NodeReader(source);
    }

    /** Reads the document's root node, which must be a mapping. */
    SoftDeleteConfig read(Node root) throws ConfigException {
        Map<String, Node> top = nodes.entries(root, "", TOP_KEYS);
        checkVersion(nodes.require(top, root, "", "version"));
        Columns defaults = top.containsKey("defaults")
                ? override(Columns.BUILT_IN, nodes.entries(top.get("defaults"), "defaults", DEFAULTS_KEYS), "defaults")
                : Columns.BUILT_IN;
        List<TableConfig> tables = readTables(nodes.require(top, root, "", "tables"), defaults);
        Options options = top.containsKey("options") ? readOptions(top.get("options")) : Options.DEFAULTS;
        return new SoftDeleteConfig(source, tables, options);
    }

    private void checkVersion(Node node) throws ConfigException {
        boolean one = node instanceof ScalarNode && Tag.INT.equals(node.getTag())
                && "1".equals(((ScalarNode) node).getValue());
        if (!one) {
            throw nodes.error(node, "version",
                    "must be 1, the only format version, found " + NodeReader.describe(node));
        }
    }

    private Columns override(Columns base, Map<String, Node> entries, String path) throws ConfigException {
        String flag = entries.containsKey("flag-column")
                ? nodes.identifierOrNull(entries.get("flag-column"), child(path, "flag-column"))
                : base.flag;
        String timestamp = entries.containsKey("timestamp-column")
                ? nodes.identifierOrNull(entries.get("timestamp-column"), child(path, "timestamp-column"))
                : base.timestamp;
        FlagType type = entries.containsKey("flag-type")
                ? nodes.choice(entries.get("flag-type"), child(path, "flag-type"), FlagType.class)
                : base.type;
        String batch = entries.containsKey("batch-column")
                ? nodes.identifierOrNull(entries.get("batch-column"), child(path, "batch-column"))
                : base.batch;
        String actor = entries.containsKey("actor-column")
                ? nodes.identifierOrNull(entries.get("actor-column"), child(path, "actor-column"))
                : base.actor;
        return new Columns(flag, timestamp, type, batch, actor);
    }

    private List<TableConfig> readTables(Node node, Columns defaults) throws ConfigException {
        MappingNode mapping = nodes.mapping(node, "tables");
        if (mapping.getValue().isEmpty()) {
            throw nodes.error(node, "tables", "must list at least one table");
        }
        Map<TableName, NodeTuple> byName = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            String key = nodes.key(tuple, "tables");
            NodeTuple earlier = byName.putIfAbsent(tableName(tuple.getKeyNode(), child("tables", key), key), tuple);
            if (earlier != null) {
                throw nodes.error(tuple.getKeyNode(), child("tables", key), "duplicate table: '" + key
                        + "' names the same table as '" + nodes.key(earlier, "tables") + "' on line "
                        + line(earlier)
                        + " (table names are compared ignoring case)");
            }
        }
        checkUnqualifiedNamesAreAlone(byName);
        List<TableConfig> tables = new ArrayList<>();
        for (Map.Entry<TableName, NodeTuple> entry : byName.entrySet()) {
            tables.add(readTable(entry.getKey(), entry.getValue(), defaults, byName.keySet()));
        }
        checkCascadeTargetsHaveTimestamps(tables, byName);
        return tables;
    }

    /**
     * An unqualified name stands for the table of that name in any schema, so a qualified entry of the same table
     * would be a second set of settings for it, of which the driver would silently use one.
     */
    private void checkUnqualifiedNamesAreAlone(Map<TableName, NodeTuple> byName) throws ConfigException {
        for (Map.Entry<TableName, NodeTuple> unqualified : byName.entrySet()) {
            if (unqualified.getKey().schema() != null) {
                continue;
            }
            for (Map.Entry<TableName, NodeTuple> other : byName.entrySet()) {
                if (other.getKey().schema() != null
                        && other.getKey().table().equalsIgnoreCase(unqualified.getKey().table())) {
                    NodeTuple later = line(other.getValue()) > line(unqualified.getValue()) ? other.getValue()
                            : unqualified.getValue();
                    NodeTuple earlier = later == other.getValue() ? unqualified.getValue() : other.getValue();
                    String key = nodes.key(later, "tables");
                    throw nodes.error(later.getKeyNode(), child("tables", key), "duplicate table: '" + key
                            + "' and '" + nodes.key(earlier, "tables") + "' on line " + line(earlier) + " can name the"
                            + " same table (an unqualified name stands for the table of that name in every schema);"
                            + " qualify both, or keep one");
                }
            }
        }
    }

    private static int line(NodeTuple tuple) {
        return tuple.getKeyNode().getStartMark().map(m -> m.getLine() + 1).orElse(0);
    }

    /** Restore recognises the children one delete event deleted by their timestamp: a cascade target needs one. */
    private void checkCascadeTargetsHaveTimestamps(List<TableConfig> tables, Map<TableName, NodeTuple> nodesByName)
            throws ConfigException {
        Map<TableName, TableConfig> byName = new LinkedHashMap<>();
        tables.forEach(t -> byName.put(t.name(), t));
        for (TableConfig parent : tables) {
            for (int i = 0; i < parent.cascades().size(); i++) {
                TableConfig child = byName.get(parent.cascades().get(i).table());
                if (child.timestampColumn() == null) {
                    throw nodes.error(nodesByName.get(child.name()).getKeyNode(), child("tables", child.name()
                            .toString()), "is a cascade target of " + parent.name() + ", so it needs a"
                            + " timestamp-column: restore recognises the rows one delete event deleted by it");
                }
            }
        }
    }

    private TableConfig readTable(TableName name, NodeTuple tuple, Columns defaults, Set<TableName> configured)
            throws ConfigException {
        String path = child("tables", name.toString());
        Node body = tuple.getValueNode();
        if (Tag.NULL.equals(body.getTag())) {
            throw nodes.error(body, path, "expected a mapping, found null; write {} for a table with the defaults");
        }
        Map<String, Node> entries = nodes.entries(body, path, TABLE_KEYS);
        Columns columns = override(defaults, entries, path);
        if (columns.flag == null && columns.timestamp == null) {
            throw nodes.error(tuple.getKeyNode(), path,
                    "flag-column and timestamp-column are both null; a table needs at least one of them");
        }
        checkDistinctColumns(columns, tuple, path);
        List<Cascade> cascades = new ArrayList<>();
        if (entries.containsKey("cascade")) {
            if (columns.timestamp == null) {
                throw nodes.error(entries.get("cascade"), child(path, "cascade"), "a table with cascades needs a"
                        + " timestamp-column: the driver recognises the rows one DELETE deleted by their timestamp");
            }
            List<Node> items = nodes.list(entries.get("cascade"), child(path, "cascade"));
            for (int i = 0; i < items.size(); i++) {
                cascades.add(readCascade(items.get(i), path + ".cascade[" + i + "]", configured));
            }
        }
        return new TableConfig(name, columns.flag, columns.type, columns.timestamp, columns.batch, columns.actor,
                cascades);
    }

    /**
     * The flag, timestamp, batch and actor columns are four different columns: one named twice would be assigned
     * twice by a soft delete (the actor over the batch id, so that no cascade finds the event's rows).
     */
    private void checkDistinctColumns(Columns columns, NodeTuple tuple, String path) throws ConfigException {
        String[] roles = {"flag-column", "timestamp-column", "batch-column", "actor-column"};
        String[] names = {columns.flag, columns.timestamp, columns.batch, columns.actor};
        for (int i = 0; i < names.length; i++) {
            for (int j = i + 1; j < names.length; j++) {
                if (names[i] != null && names[i].equalsIgnoreCase(names[j])) {
                    throw nodes.error(tuple.getKeyNode(), path, roles[i] + " and " + roles[j] + " are both '"
                            + names[i] + "'; each role needs a column of its own");
                }
            }
        }
    }

    private Cascade readCascade(Node node, String path, Set<TableName> configured) throws ConfigException {
        Map<String, Node> entries = nodes.entries(node, path, CASCADE_KEYS);
        Node tableNode = nodes.require(entries, node, path, "table");
        String tablePath = child(path, "table");
        String written = nodes.string(tableNode, tablePath);
        TableName wanted = tableName(tableNode, tablePath, written);
        TableName target = configured.stream().filter(wanted::equals).findFirst()
                .orElseThrow(() -> nodes.error(tableNode, tablePath, "'" + written
                        + "' is not a configured table; a cascade target must be listed under tables too"));
        Node columnNode = nodes.require(entries, node, path, "column");
        List<String> columns = nodes.identifiers(columnNode, child(path, "column"));
        Node referencesNode = entries.get("references");
        List<String> references = referencesNode == null
                ? List.of("id")
                : nodes.identifiers(referencesNode, child(path, "references"));
        if (referencesNode == null && columns.size() != 1) {
            throw nodes.error(columnNode, child(path, "column"), "names " + columns.size()
                    + " columns, so references must name as many parent columns (it defaults to the single column id)");
        }
        if (columns.size() != references.size()) {
            throw nodes.error(referencesNode, child(path, "references"), "names " + references.size()
                    + " column(s) but column names " + columns.size() + "; they are paired in order");
        }
        return new Cascade(target, columns, references);
    }

    private TableName tableName(Node node, String path, String name) throws ConfigException {
        if (!TABLE_NAME.matcher(name).matches()) {
            throw nodes.error(node, path, "'" + name + "' is not a table name (identifier or schema.identifier)");
        }
        return TableName.parse(name);
    }

    private Options readOptions(Node node) throws ConfigException {
        Map<String, Node> entries = nodes.entries(node, "options", OPTIONS_KEYS);
        OnUnparseable onUnparseable = entries.containsKey("on-unparseable")
                ? nodes.choice(entries.get("on-unparseable"), "options.on-unparseable", OnUnparseable.class)
                : Options.DEFAULTS.onUnparseable();
        TruncatePolicy truncate = entries.containsKey("truncate")
                ? nodes.choice(entries.get("truncate"), "options.truncate", TruncatePolicy.class)
                : Options.DEFAULTS.truncate();
        Mode mode = entries.containsKey("mode")
                ? nodes.choice(entries.get("mode"), "options.mode", Mode.class)
                : Options.DEFAULTS.mode();
        return new Options(onUnparseable, truncate, mode);
    }

    /** The settings a table inherits from {@code defaults:} and may override; null columns mean "none". */
    private static final class Columns {
        static final Columns BUILT_IN = new Columns("is_deleted", "deleted_at", FlagType.BOOLEAN, null, null);

        final String flag;
        final String timestamp;
        final FlagType type;
        final String batch;
        final String actor;

        Columns(String flag, String timestamp, FlagType type, String batch, String actor) {
            this.flag = flag;
            this.timestamp = timestamp;
            this.type = type;
            this.batch = batch;
            this.actor = actor;
        }
    }
}
