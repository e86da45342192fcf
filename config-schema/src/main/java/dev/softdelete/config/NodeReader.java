package dev.softdelete.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Typed access to composed YAML nodes. Every failure is a {@link ConfigException} at the offending node's
 * position, naming its dotted key path ({@code tables.orders.cascade[0].table}; the empty path is the document).
 */
final class NodeReader {
    static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");

    private final String source;

    NodeReader(String source) {
        this.source = source;
    }

    /** The path of {@code key} inside the mapping at {@code path}. */
    static String child(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    ConfigException error(Node node, String path, String problem) {
        Mark mark = node.getStartMark().orElse(null);
        return new ConfigException(source, mark == null ? 0 : mark.getLine() + 1,
                mark == null ? 0 : mark.getColumn() + 1, path.isEmpty() ? null : path, problem);
    }

    MappingNode mapping(Node node, String path) throws ConfigException {
        if (!(node instanceof MappingNode)) {
            throw error(node, path, "expected a mapping, found " + describe(node));
        }
        return (MappingNode) node;
    }

    List<Node> list(Node node, String path) throws ConfigException {
        if (!(node instanceof SequenceNode)) {
            throw error(node, path, "expected a list, found " + describe(node));
        }
        return ((SequenceNode) node).getValue();
    }

    /**
     * The values of a mapping by key, in document order. Keys must be scalars, unique and among {@code allowed}.
     */
    Map<String, Node> entries(Node node, String path, List<String> allowed) throws ConfigException {
        Map<String, Node> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping(node, path).getValue()) {
            String key = key(tuple, path);
            if (!allowed.contains(key)) {
                throw error(tuple.getKeyNode(), child(path, key),
                        "unknown key '" + key + "'; allowed keys are: " + String.join(", ", allowed));
            }
            if (entries.putIfAbsent(key, tuple.getValueNode()) != null) {
                throw error(tuple.getKeyNode(), child(path, key), "duplicate key '" + key + "'");
            }
        }
        return entries;
    }

    /** The text of a mapping key, which must be a scalar. */
    String key(NodeTuple tuple, String path) throws ConfigException {
        Node key = tuple.getKeyNode();
        if (!(key instanceof ScalarNode)) {
            throw error(key, path, "a key must be a plain name, found " + describe(key));
        }
        return ((ScalarNode) key).getValue();
    }

    /** The value of a key that must be present. */
    Node require(Map<String, Node> entries, Node mapping, String path, String key) throws ConfigException {
        Node value = entries.get(key);
        if (value == null) {
            throw error(mapping, child(path, key), "the key '" + key + "' is required");
        }
        return value;
    }

    String string(Node node, String path) throws ConfigException {
        if (!(node instanceof ScalarNode) || !Tag.STR.equals(node.getTag())) {
            throw error(node, path, "expected a string, found " + describe(node));
        }
        return ((ScalarNode) node).getValue();
    }

    /** A plain SQL identifier: {@code [A-Za-z_][A-Za-z0-9_$]*}. */
    String identifier(Node node, String path) throws ConfigException {
        String name = string(node, path);
        if (!IDENTIFIER.matcher(name).matches()) {
            throw error(node, path, "'" + name + "' is not a plain identifier ([A-Za-z_][A-Za-z0-9_$]*)");
        }
        return name;
    }

    /** An identifier, or null for a YAML null. */
    String identifierOrNull(Node node, String path) throws ConfigException {
        return Tag.NULL.equals(node.getTag()) ? null : identifier(node, path);
    }

    /** One identifier, or a non-empty list of them. */
    List<String> identifiers(Node node, String path) throws ConfigException {
        if (!(node instanceof SequenceNode)) {
            return List.of(identifier(node, path));
        }
        List<Node> items = list(node, path);
        if (items.isEmpty()) {
            throw error(node, path, "expected at least one column, found an empty list");
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            names.add(identifier(items.get(i), path + "[" + i + "]"));
        }
        return names;
    }

    /** An enum constant written in lower case with dashes: {@code SOFT_DELETE} is {@code soft-delete}. */
    <E extends Enum<E>> E choice(Node node, String path, Class<E> type) throws ConfigException {
        String value = string(node, path);
        List<String> names = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            String name = constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
            if (name.equals(value)) {
                return constant;
            }
            names.add(name);
        }
        throw error(node, path, "'" + value + "' is not one of: " + String.join(", ", names));
    }

    /** A short description of a node for messages: its kind and, for scalars, its value. */
    static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        String value = ((ScalarNode) node).getValue();
        Tag tag = node.getTag();
        if (Tag.NULL.equals(tag)) {
            return "null";
        }
        if (Tag.STR.equals(tag)) {
            return "the string '" + value + "'";
        }
        if (Tag.INT.equals(tag) || Tag.FLOAT.equals(tag)) {
            return "the number " + value;
        }
        if (Tag.BOOL.equals(tag)) {
            return "the boolean " + value;
        }
        return "'" + value + "' tagged " + tag;
    }
}
