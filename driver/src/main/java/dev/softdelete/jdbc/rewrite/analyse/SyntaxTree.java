package dev.softdelete.jdbc.rewrite.analyse;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import net.sf.jsqlparser.parser.Node;
import net.sf.jsqlparser.parser.Token;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.Statements;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.Values;
import net.sf.jsqlparser.statement.select.WithItem;
import net.sf.jsqlparser.statement.update.Update;

/**
 * What the analysis knows about one parsed SQL string: each statement's text range, where every parsed object
 * stands in the original text, every table reference and whether it names a configured table, and every query
 * block. Built from JSqlParser's node tree, which, unlike the object tree, reaches every corner of the statement.
 */
public final class SyntaxTree {
    public final String sql;
    private final List<Statement> statements;
    private final List<Span> statementSpans;
    private final TokenIndex tokens;
    private final Map<Object, Span> spans = new IdentityHashMap<>();
    private final Map<Table, TableRef> refs = new IdentityHashMap<>();
    private final List<TableRef> refList = new ArrayList<>();
    private final List<PlainSelect> blocks = new ArrayList<>();

    private final ConfiguredTables configured;
    private final Map<Object, CteBody> cteBodies = new IdentityHashMap<>();
    private final Map<Object, CteScope> scopeOutside = new IdentityHashMap<>();
    /**
     * The names of a locking clause's OF list ({@code FOR UPDATE OF t}): each names a FROM item of its query by its
     * alias or table name, and reads no rows; the FROM item is the reference.
     */
    private final Map<Table, Boolean> lockedNames = new IdentityHashMap<>();
    /** The first TABLE command on a configured table that the parse read as a table named TABLE; null if none. */
    private TableRef misreadTableCommand;
    /** The first configured table name the parse read as a keyword (see {@link #nameReadAsKeyword()}); or null. */
    private String nameReadAsKeyword;

    private SyntaxTree(String sql, Statements statements, TokenIndex tokens, ConfiguredTables configured)
            throws PositionException {
        this.sql = sql;
        this.statements = List.copyOf(statements);
        this.tokens = tokens;
        this.configured = configured;
        this.statementSpans = splitStatements();
    }

    /**
     * @param sql        the statement as the application wrote it: the text the engine splices into
     * @param parsedText what JSqlParser parsed: {@code sql} itself, or a masked copy of the same length
     */
    public static SyntaxTree analyse(String sql, String parsedText, Statements statements, Node root,
            ConfiguredTables configured) throws PositionException {
        SyntaxTree tree = new SyntaxTree(sql, statements, TokenIndex.of(parsedText, root.jjtGetFirstToken()),
                configured);
        tree.collectCteBodies(root);
        for (int i = 0; i < root.jjtGetNumChildren(); i++) {
            Node child = (Node) root.jjtGetChild(i);
            tree.walk(child, "Statement", tree.topLevelScope(child));
        }
        tree.updateModifierThatNamesATable();
        return tree;
    }

    public List<Statement> statements() {
        return statements;
    }

    public Span statementSpan(int index) {
        return statementSpans.get(index);
    }

    public TokenIndex tokens() {
        return tokens;
    }

    /** Where a parsed object stands in the text, or null when the node tree does not record it. */
    public Span span(Object parsed) {
        return spans.get(parsed);
    }

    public TableRef ref(Table table) {
        return refs.get(table);
    }

    /**
     * A reference that JSqlParser read from the TABLE command of PostgreSQL, MySQL and H2 inside a query, as in
     * {@code SELECT * FROM (TABLE items) t}: it sees a table named {@code TABLE} whose alias is {@code items}, while
     * the database reads every row of {@code items}. Null unless such an alias names a configured table. A table
     * really named TABLE must be quoted, and is not taken for one.
     */
    public TableRef misreadTableCommand() {
        return misreadTableCommand;
    }

    /**
     * A configured table's name that JSqlParser read as a keyword, so that no reference to the table is in the tree
     * while the database reads its rows: {@code FROM value x} and PostgreSQL's {@code FROM values x} read as a
     * {@code VALUES} list, {@code FROM only x} (MySQL/MariaDB, H2) read as PostgreSQL's {@code ONLY x}, and
     * {@code UPDATE ignore x} / {@code UPDATE low_priority x} (PostgreSQL, H2) read as MySQL's modifiers (probes read
     * and updated deleted rows through each). Null when there is none.
     */
    public String nameReadAsKeyword() {
        return nameReadAsKeyword;
    }

    /** Every table reference, in text order. */
    public List<TableRef> refs() {
        return Collections.unmodifiableList(refList);
    }

    /** Every query block (SELECT ... FROM ...) at any depth, outer blocks before inner ones. */
    public List<PlainSelect> blocks() {
        return Collections.unmodifiableList(blocks);
    }

    public String text(Span span) {
        return sql.substring(span.start, span.end);
    }

    private List<Span> splitStatements() throws PositionException {
        List<Span> result = new ArrayList<>();
        int from = 0;
        int n = tokens.size();
        while (from < n) {
            int semi = tokens.findAtDepthZero(from, n, ";");
            int to = semi < 0 ? n : semi;
            if (to > from) {
                result.add(new Span(tokens.start(from), tokens.end(to - 1)));
            }
            from = to + 1;
        }
        if (result.size() != statements.size()) {
            throw new PositionException("found " + result.size() + " statement(s) where the parser saw "
                    + statements.size());
        }
        return result;
    }

    private static final class CteBody {
        final List<String> visible;
        final Object owner;

        CteBody(List<String> visible, Object owner) {
            this.visible = visible;
            this.owner = owner;
        }
    }

    /** First pass: every WITH list, so that CTE bodies can be scoped wherever the node tree puts them. */
    private void collectCteBodies(Node root) {
        for (Statement s : statements) {
            registerWith(s, withItems(s));
        }
        collectNested(root);
    }

    private void collectNested(Node node) {
        Object v = node.jjtGetValue();
        if (v instanceof Select) {
            registerWith(v, ((Select) v).getWithItemsList());
        }
        for (int i = 0; i < node.jjtGetNumChildren(); i++) {
            collectNested((Node) node.jjtGetChild(i));
        }
    }

    private void registerWith(Object owner, List<WithItem<?>> items) {
        if (items == null || items.isEmpty()) {
            return;
        }
        boolean recursive = items.stream().anyMatch(WithItem::isRecursive);
        List<String> all = new ArrayList<>();
        for (WithItem<?> w : items) {
            all.add(w.getAliasName());
        }
        for (int i = 0; i < items.size(); i++) {
            Object body = items.get(i).getParenthesedStatement();
            if (body != null) {
                cteBodies.put(body, new CteBody(recursive ? all : List.copyOf(all.subList(0, i)), owner));
            }
        }
    }

    static List<WithItem<?>> withItems(Statement s) {
        if (s instanceof Select) {
            return ((Select) s).getWithItemsList();
        }
        if (s instanceof Update) {
            return ((Update) s).getWithItemsList();
        }
        if (s instanceof Delete) {
            return ((Delete) s).getWithItemsList();
        }
        if (s instanceof Insert) {
            return ((Insert) s).getWithItemsList();
        }
        return null;
    }

    private CteScope topLevelScope(Node node) {
        int at = TokenIndex.start(node.jjtGetFirstToken());
        for (int i = 0; i < statementSpans.size(); i++) {
            if (statementSpans.get(i).contains(at)) {
                List<WithItem<?>> items = withItems(statements.get(i));
                if (items == null || items.isEmpty()) {
                    return null;
                }
                List<String> names = new ArrayList<>();
                for (WithItem<?> w : items) {
                    names.add(w.getAliasName());
                }
                return new CteScope(names, null);
            }
        }
        return null;
    }

    /** Second pass: positions, table references with their CTE scope, query blocks. */
    private void walk(Node node, String parentName, CteScope scope) {
        Object v = node.jjtGetValue();
        if (v != null) {
            boolean first = spans.putIfAbsent(v, spanOf(node)) == null;
            CteBody body = cteBodies.get(v);
            if (body != null) {
                scope = new CteScope(body.visible, scopeOutside.get(body.owner));
            }
            if (v instanceof Select && ((Select) v).getWithItemsList() != null
                    && !((Select) v).getWithItemsList().isEmpty() && !scopeOutside.containsKey(v)) {
                scopeOutside.put(v, scope);
                List<String> names = new ArrayList<>();
                for (WithItem<?> w : ((Select) v).getWithItemsList()) {
                    names.add(w.getAliasName());
                }
                scope = new CteScope(names, scope);
            }
            if (first && v instanceof PlainSelect) {
                blocks.add((PlainSelect) v);
            }
            if (v instanceof Select) {
                Select select = (Select) v;
                if (select.getForUpdateTables() != null) {
                    select.getForUpdateTables().forEach(t -> lockedNames.put(t, Boolean.TRUE));
                }
                if (select.getForUpdateTable() != null) {
                    lockedNames.put(select.getForUpdateTable(), Boolean.TRUE);
                }
            }
            if ("TableName".equals(node.toString()) && v instanceof Table && !lockedNames.containsKey(v)) {
                addRef((Table) v, node, parentName, scope);
            }
            if (v instanceof Values) {
                // VALUES written as something else (value x), or not followed by its list: PostgreSQL takes values
                // for a table name, FROM values x is that table
                Token keyword = node.jjtGetFirstToken();
                keywordThatNamesATable(keyword.image, !"VALUES".equalsIgnoreCase(keyword.image)
                        || (keyword.next != null && !"(".equals(keyword.next.image)));
            }
        }
        String name = node.toString();
        for (int i = 0; i < node.jjtGetNumChildren(); i++) {
            walk((Node) node.jjtGetChild(i), name, scope);
        }
    }

    private void addRef(Table table, Node node, String parentName, CteScope scope) {
        if (refs.containsKey(table)) {
            return;
        }
        Span name = spanOf(node);
        boolean cte = table.getSchemaName() == null && CteScope.visible(scope, table.getName(), configured.dialect());
        int after = tokens.firstAtOrAfter(name.end);
        boolean qualifierOnly = after + 1 < tokens.size() && ".".equals(tokens.image(after))
                && "*".equals(tokens.image(after + 1));
        TableRef ref = new TableRef(table, name, configured.lookup(table), cte, parentName, qualifierOnly,
                configured.reachesConfigured(table), configured.inUnreadSchema(table));
        refs.put(table, ref);
        refList.add(ref);
        int at = tokens.firstAtOrAfter(name.start);
        if (at > 0 && configured.dialect() != Dialect.POSTGRESQL) {
            // only PostgreSQL reserves ONLY: elsewhere FROM only x is the table only
            keywordThatNamesATable(tokens.image(at - 1), "ONLY".equalsIgnoreCase(tokens.image(at - 1)));
        }
        if (misreadTableCommand == null && table.getSchemaName() == null && "TABLE".equalsIgnoreCase(table.getName())
                && table.getAlias() != null && configured.lookup(new Table(table.getAlias().getName())) != null) {
            misreadTableCommand = ref;
        }
    }

    /**
     * MySQL's UPDATE modifiers IGNORE and LOW_PRIORITY, which JSqlParser reads on every dialect: on PostgreSQL and H2
     * {@code UPDATE ignore x SET ...} updates the table ignore (aliased x), which the parse holds no reference to.
     */
    private void updateModifierThatNamesATable() {
        for (int i = 0; i + 1 < tokens.size(); i++) {
            String next = tokens.image(i + 1);
            if ("UPDATE".equalsIgnoreCase(tokens.image(i))
                    && ("IGNORE".equalsIgnoreCase(next) || "LOW_PRIORITY".equalsIgnoreCase(next))) {
                keywordThatNamesATable(next, true);
            }
        }
    }

    /** Records {@code image}, a token the parse read as a keyword ({@code misread}), when it names a configured table. */
    private void keywordThatNamesATable(String image, boolean misread) {
        if (nameReadAsKeyword == null && misread && image != null && configured.lookup(new Table(image)) != null) {
            nameReadAsKeyword = image;
        }
    }

    private static Span spanOf(Node node) {
        Token first = node.jjtGetFirstToken();
        Token last = node.jjtGetLastToken();
        return new Span(TokenIndex.start(first), Math.max(TokenIndex.start(first), TokenIndex.end(last)));
    }
}
