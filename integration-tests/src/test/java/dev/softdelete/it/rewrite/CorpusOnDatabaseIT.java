package dev.softdelete.it.rewrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.softdelete.it.support.ConfigFile;
import dev.softdelete.it.support.OnEachDatabase;
import dev.softdelete.it.support.Prerequisites;
import dev.softdelete.it.support.SideDatabases;
import dev.softdelete.it.support.Sql;
import dev.softdelete.it.support.TestDatabase;
import dev.softdelete.it.support.ThroughDriver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/**
 * Every case of the driver's rewrite corpora, run on the real database: {@code common.txt} plus
 * {@code postgres.txt} on PostgreSQL, {@code common.txt} plus {@code mysql.txt} on MariaDB. The corpus fixes the
 * text the driver sends; this test shows the database accepts that text and that it means what the driver claims.
 *
 * <p>Each case runs the original statement through the driver, in a transaction that is rolled back, against the
 * database {@value #SOFT_DB} (schema and rows: {@link CorpusSchema}). Then:
 * <ul>
 *   <li>a case expected {@code REFUSED SDxxx} throws an {@link SQLException} with that SQLState, and no row of any
 *       table changed (read in the same session, whose transaction is still usable: nothing was sent);</li>
 *   <li>any other case runs without error, and the rows that were soft-deleted before it still are, unchanged;</li>
 *   <li>where a statement can mean the same on both sides, the same statement runs raw against {@value #HARD_DB},
 *       which has the same tables without the soft-deleted rows, and must give the same results, update counts
 *       and visible table contents ("as if deleted");</li>
 *   <li>DDL cases are left out of the run (they would change the shared schema, and MariaDB commits them), except
 *       refusals and {@code CREATE TABLE ... AS SELECT} of a new table, whose contents are compared; the driver's
 *       unit test {@code RewriteCorpusTest} covers the left-out cases as strings;</li>
 *   <li>the cases in {@link #TOLERATED} are the only ones allowed to fail (or to have an original that fails
 *       without the driver), each for the reason given, and they must still fail in the stated way.</li>
 * </ul>
 * Parameters are bound as strings (PostgreSQL with {@code stringtype=unspecified}, so they are untyped): a name
 * after {@code name = ?}, an e-mail after {@code email = ?}, fresh ids 901, 902, ... in an INSERT, else 1.
 */
@OnEachDatabase
class CorpusOnDatabaseIT {
    static final String SOFT_DB = "softdelete_it_corpus_soft";
    static final String HARD_DB = "softdelete_it_corpus_hard";
    static final String CORPUS_DIR_PROPERTY = "softdelete.it.corpusDir";

    private static final Set<String> DDL = Set.of("CREATE", "ALTER", "DROP", "TRUNCATE", "COMMENT", "GRANT",
        "REVOKE", "RENAME");
    private static final Pattern CREATE_TABLE_AS = Pattern.compile(
        "(?is)\\s*CREATE\\s+TABLE\\s+([A-Za-z_][A-Za-z0-9_]*)\\s+AS\\s+SELECT\\b.*");
    private static final Pattern QUALIFIED = Pattern.compile("(?i)\\b(sales|shop)\\s*\\.");
    private static final Pattern COMPARED_COLUMN = Pattern.compile(
        "(?i)([A-Za-z_][A-Za-z0-9_]*)\\s*(=|<>|!=|>=|<=|>|<)\\s*$");

    /** How a tolerated case deviates from "runs cleanly and matches the hard side". */
    enum Deviation {
        /** The statement fails through the driver with a syntax error, and the original fails the same raw. */
        SYNTAX_ERROR_WITHOUT_DRIVER_TOO,
        /**
         * A DELETE of a configured table in a schema whose catalog the driver did not read when it connected: its
         * foreign keys are unknown, so the driver refuses it (SD001), the database untouched.
         */
        REFUSED_IN_A_SCHEMA_NOT_READ
    }

    /**
     * A case allowed to deviate, with the reason.
     *
     * @param name     the case name
     * @param database where (null: on both)
     */
    record Tolerance(String name, TestDatabase database, Deviation deviation, String reason) {
        boolean appliesTo(TestDatabase db) {
            return database == null || database == db;
        }
    }

    static final List<Tolerance> TOLERATED = List.of(
        new Tolerance("unparseable statement not mentioning a table passes", null,
            Deviation.SYNTAX_ERROR_WITHOUT_DRIVER_TOO,
            "FROBNICATE is not SQL; the case shows the driver passes it on untouched, and the server rejects it"),
        new Tolerance("describe passes", TestDatabase.POSTGRESQL, Deviation.SYNTAX_ERROR_WITHOUT_DRIVER_TOO,
            "PostgreSQL has no DESCRIBE statement; the case shows the driver passes it on untouched"),
        new Tolerance("full join wraps", TestDatabase.MARIADB, Deviation.SYNTAX_ERROR_WITHOUT_DRIVER_TOO,
            "MariaDB has no FULL OUTER JOIN; the original is rejected as well"),
        new Tolerance("backquoted and qualified: the target alias denotes a configured table", TestDatabase.MARIADB,
            Deviation.REFUSED_IN_A_SCHEMA_NOT_READ, "shop is another database on MariaDB than the connection's"),
        new Tolerance("qualified target naming the table", TestDatabase.MARIADB,
            Deviation.REFUSED_IN_A_SCHEMA_NOT_READ, "shop is another database on MariaDB than the connection's"));

    @Parameter
    TestDatabase database;

    @TempDir
    Path dir;

    private CorpusSchema schema;
    private String softUrl;
    private String hardUrl;
    private Connection app;
    private Connection softSession;
    private Connection hard;
    private Map<String, List<String>> initialContents;
    private Map<String, List<String>> initialDeleted;

    private final Map<String, List<String>> tally = new TreeMap<>();

    @TestFactory
    Stream<DynamicTest> corpusCasesRunOnTheDatabase() throws Exception {
        List<CorpusCase> cases = loadCorpus();
        setUp();
        List<DynamicTest> tests = new ArrayList<>();
        for (CorpusCase c : cases) {
            if (runsOnTheDatabase(c)) {
                tests.add(dynamicTest(c.toString(), () -> check(c)));
            } else {
                count("left out (DDL on the shared schema; RewriteCorpusTest checks its text)", c);
            }
        }
        tests.add(dynamicTest("summary: tolerances are current, nothing leaked out of the rolled-back transactions",
            () -> summary(cases)));
        return tests.stream();
    }

    private List<CorpusCase> loadCorpus() throws Exception {
        String location = System.getProperty(CORPUS_DIR_PROPERTY);
        if (location == null || location.isBlank()) {
            throw Prerequisites.unmet("system property " + CORPUS_DIR_PROPERTY + " is not set: run the tests through"
                + " Maven");
        }
        Path corpusDir = Path.of(location).toAbsolutePath().normalize();
        String dialectFile = database == TestDatabase.POSTGRESQL ? "postgres.txt" : "mysql.txt";
        List<CorpusCase> cases = new ArrayList<>();
        for (String file : List.of("common.txt", dialectFile)) {
            Path path = corpusDir.resolve(file);
            if (!Files.isRegularFile(path)) {
                throw new AssertionError("corpus file " + path + " is missing");
            }
            cases.addAll(CorpusCase.load(path));
        }
        assertThat(cases).as("corpus cases").hasSizeGreaterThan(50);
        return cases;
    }

    private void setUp() throws Exception {
        String rawUrl = database.rawUrl();
        String params = database == TestDatabase.POSTGRESQL ? "stringtype" : "allowMultiQueries";
        String value = database == TestDatabase.POSTGRESQL ? "unspecified" : "true";
        softUrl = SideDatabases.withParameter(SideDatabases.ensure(database, rawUrl, SOFT_DB), params, value);
        hardUrl = SideDatabases.withParameter(SideDatabases.ensure(database, rawUrl, HARD_DB), params, value);
        boolean caseSensitive;
        try (Connection raw = DriverManager.getConnection(softUrl)) {
            caseSensitive = database == TestDatabase.MARIADB
                && "0".equals(Sql.single(raw, "SELECT @@lower_case_table_names"));
            schema = new CorpusSchema(database, caseSensitive);
            schema.createSoft(raw);
        }
        try (Connection raw = DriverManager.getConnection(hardUrl)) {
            schema.createHard(raw);
        }
        app = DriverManager.getConnection(ThroughDriver.url(softUrl),
            ThroughDriver.properties(ConfigFile.writeRaw(dir, CorpusSchema.CONFIG)));
        app.setAutoCommit(false);
        softSession = SideDatabases.vendorSession(app, database);
        hard = DriverManager.getConnection(hardUrl);
        hard.setAutoCommit(false);
        initialContents = CorpusSchema.contents(softSession, schema.tables(), false);
        initialDeleted = CorpusSchema.deletedRows(softSession, schema.tables());
        app.rollback();
    }

    @AfterEach
    void tearDown() throws SQLException {
        try (Connection a = app; Connection h = hard) {
            // closes both
        }
    }

    /**
     * Whether the case runs here. DDL does not: it would change the schema the other cases use (and MariaDB commits
     * DDL). Two kinds of DDL case do run: a refusal, which sends nothing, and {@code CREATE TABLE ... AS SELECT} of
     * a new table, whose contents are compared. The cases left out are covered as strings (the exact text the
     * driver sends) by the driver module's unit test {@code RewriteCorpusTest}, which runs every case of the corpora.
     * An UNDELETE that restores rows is left out too: it changes soft-deleted rows on purpose, which this test
     * forbids of every other case; RestoreIT proves restores on both databases.
     */
    private boolean runsOnTheDatabase(CorpusCase c) {
        if (c.refusedState() == null && "UNDELETE".equals(SqlText.leadingKeyword(c.sql()))) {
            return false;
        }
        return c.refusedState() != null || !DDL.contains(SqlText.leadingKeyword(c.sql()))
            || newTableAsSelect(c) != null;
    }

    /** The table a {@code CREATE TABLE ... AS SELECT} case creates, if it is not a table of the schema; else null. */
    private String newTableAsSelect(CorpusCase c) {
        Matcher ctas = CREATE_TABLE_AS.matcher(c.sql());
        if (ctas.matches() && schema.tables().stream().noneMatch(t -> t.name().equals(ctas.group(1)))) {
            return ctas.group(1);
        }
        return null;
    }

    private void check(CorpusCase c) throws Exception {
        String refused = c.refusedState();
        if (refused != null) {
            checkRefused(c, refused);
            return;
        }
        String newTable = newTableAsSelect(c);
        if (newTable != null) {
            checkCreateTableAs(c, newTable);
            return;
        }
        checkRuns(c);
    }

    private void checkRefused(CorpusCase c, String state) throws Exception {
        List<String> parameters = parameters(c.sql());
        Execution soft = Execution.run(app, c.sql(), parameters);
        boolean refusedAsExpected = soft.failed() && state.equals(soft.error().getSQLState());
        try {
            assertThat(soft.failed()).as("%s must be refused with %s, but ran: %s", c, state, soft.results())
                .isTrue();
            assertThat(soft.error().getSQLState()).as("SQLState of the refusal of %s (%s)", c, soft.describeError())
                .isEqualTo(state);
            // Still inside the transaction: on PostgreSQL this read fails if anything was sent and failed.
            assertThat(CorpusSchema.contents(softSession, schema.tables(), false))
                .as("table contents after the refused %s", c).isEqualTo(initialContents);
        } finally {
            app.rollback();
            if (!refusedAsExpected) {
                // Whatever reached the database (MariaDB commits DDL) must not spoil the cases after this one.
                try (Connection raw = DriverManager.getConnection(softUrl)) {
                    schema.createSoft(raw);
                }
            }
        }
        count("refused as expected", c);
    }

    private void checkRuns(CorpusCase c) throws Exception {
        Tolerance tolerance = tolerance(c);
        List<String> parameters = parameters(c.sql());
        Execution soft;
        Map<String, List<String>> softVisible = null;
        Map<String, List<String>> deletedAfter = null;
        try {
            soft = Execution.run(app, c.sql(), parameters);
            if (!soft.failed()) {
                softVisible = CorpusSchema.contents(softSession, schema.comparable(), true);
                deletedAfter = CorpusSchema.deletedRows(softSession, schema.tables());
            }
        } finally {
            app.rollback();
        }
        String noBaseline = withoutBaseline(c);
        Execution raw = null;
        Map<String, List<String>> hardVisible = null;
        if (noBaseline == null || tolerance != null) {
            try {
                raw = Execution.run(hard, c.sql(), parameters);
                if (!raw.failed()) {
                    hardVisible = CorpusSchema.contents(hard, schema.comparable(), false);
                }
            } finally {
                hard.rollback();
            }
        }

        if (tolerance != null) {
            checkTolerated(c, tolerance, soft, raw);
            return;
        }
        assertThat(soft.failed())
            .as("%s failed on %s%s: %s%nsent (per the corpus): %s", c, database,
                isSyntaxError(soft.error()) ? " with a SYNTAX ERROR" : "", soft.describeError(), expectedText(c))
            .isFalse();
        if (!c.sql().contains("softdelete:hard-delete")) {
            for (Map.Entry<String, List<String>> table : initialDeleted.entrySet()) {
                assertThat(deletedAfter.get(table.getKey()))
                    .as("soft-deleted rows of %s after %s: each must still be there, unchanged", table.getKey(), c)
                    .containsAll(table.getValue());
            }
        }
        if (noBaseline != null) {
            count("ran cleanly, not compared: " + noBaseline, c);
            return;
        }
        assertThat(raw.failed())
            .as("the original of %s fails raw on the hard-delete database (%s): list it in TOLERATED", c,
                raw.describeError())
            .isFalse();
        assertThat(softVisible).as("visible table contents after %s vs. the hard-delete database", c)
            .isEqualTo(hardVisible);
        assertThat(soft.results()).as("results of %s: through the driver vs. raw where deleted rows are gone", c)
            .isEqualTo(raw.results());
        count("ran cleanly, same results as the hard-delete database", c);
    }

    private void checkTolerated(CorpusCase c, Tolerance tolerance, Execution soft, Execution raw) {
        switch (tolerance.deviation()) {
            case SYNTAX_ERROR_WITHOUT_DRIVER_TOO -> {
                assertThat(soft.failed()).as("%s is tolerated to fail (%s) but ran: remove it from TOLERATED", c,
                    tolerance.reason()).isTrue();
                assertThat(isSyntaxError(soft.error())).as("%s through the driver: %s", c, soft.describeError())
                    .isTrue();
                assertThat(raw.failed() && isSyntaxError(raw.error()))
                    .as("%s is tolerated because the original fails without the driver too, but raw: %s", c,
                        raw.failed() ? raw.describeError() : raw.results())
                    .isTrue();
                count("tolerated: fails without the driver too", c);
            }
            case REFUSED_IN_A_SCHEMA_NOT_READ -> {
                assertThat(soft.failed() && "SD001".equals(soft.error().getSQLState())
                    && soft.error().getMessage().contains("did not read"))
                    .as("%s must be refused for its schema (%s): %s", c, tolerance.reason(),
                        soft.failed() ? soft.describeError() : soft.results())
                    .isTrue();
                count("refused: a DELETE in a schema whose foreign keys the driver did not read", c);
            }
            default -> throw new IllegalStateException(tolerance.deviation().name());
        }
    }

    private void checkCreateTableAs(CorpusCase c, String table) throws Exception {
        List<String> softRows;
        List<String> hardRows;
        Execution soft;
        Execution raw;
        dropEverywhere(table);
        try {
            try {
                soft = Execution.run(app, c.sql(), List.of());
                softRows = soft.failed() ? List.of()
                        : Execution.query(softSession, "SELECT * FROM " + table);
            } finally {
                app.rollback();
            }
            try {
                raw = Execution.run(hard, c.sql(), List.of());
                hardRows = raw.failed() ? List.of() : Execution.query(hard, "SELECT * FROM " + table);
            } finally {
                hard.rollback();
            }
        } finally {
            dropEverywhere(table);
        }
        assertThat(soft.failed()).as("%s: %s", c, soft.describeError()).isFalse();
        assertThat(raw.failed()).as("%s raw on the hard-delete database: %s", c, raw.describeError()).isFalse();
        assertThat(softRows).as("rows of the table created by %s vs. the hard-delete database", c)
            .isEqualTo(hardRows);
        count("ran cleanly (CREATE TABLE AS SELECT), new table same as on the hard-delete database", c);
    }

    private void dropEverywhere(String table) throws SQLException {
        for (String url : List.of(softUrl, hardUrl)) {
            try (Connection raw = DriverManager.getConnection(url)) {
                Execution.runOrThrow(raw, "DROP TABLE IF EXISTS " + table, false);
            }
        }
    }

    private void summary(List<CorpusCase> cases) throws Exception {
        Set<String> names = new HashSet<>();
        cases.forEach(c -> names.add(c.name()));
        for (Tolerance t : TOLERATED) {
            if (t.appliesTo(database)) {
                assertThat(names).as("TOLERATED names a case the corpus no longer has").contains(t.name());
            }
        }
        try (Connection raw = DriverManager.getConnection(softUrl)) {
            assertThat(CorpusSchema.contents(raw, schema.tables(), false))
                .as("soft database after all cases: every transaction was rolled back").isEqualTo(initialContents);
        }
        StringBuilder report = new StringBuilder("[softdelete-it] rewrite corpus on ").append(database).append(": ")
            .append(cases.size()).append(" cases");
        for (Map.Entry<String, List<String>> e : tally.entrySet()) {
            report.append("\n  ").append(e.getValue().size()).append(" ").append(e.getKey());
            if (!e.getKey().startsWith("ran cleanly, same") && !e.getKey().startsWith("refused")) {
                report.append(": ").append(e.getValue());
            }
        }
        System.out.println(report);
    }

    /** Why a case that runs cannot be compared with the hard-delete database, or null when it can. */
    private String withoutBaseline(CorpusCase c) {
        String hints = SqlText.leadingComments(c.sql());
        if (hints.contains("softdelete:include-deleted") || hints.contains("softdelete:only-deleted")) {
            return "a visibility hint shows deleted rows by design (see VisibilityIT)";
        }
        if (hints.contains("softdelete:hard-delete")) {
            return "a hard delete removes soft-deleted rows too, by design";
        }
        if ("EXPLAIN".equals(SqlText.leadingKeyword(c.sql()))) {
            return "EXPLAIN output describes the plan, which differs between the databases";
        }
        if (!schema.qualifiedNamesComparable() && QUALIFIED.matcher(c.sql()).find()) {
            return "sales/shop are server-wide databases on MariaDB, present on the soft side only";
        }
        return null;
    }

    private Tolerance tolerance(CorpusCase c) {
        return TOLERATED.stream().filter(t -> t.name().equals(c.name()) && t.appliesTo(database)).findFirst()
            .orElse(null);
    }

    /** Values for the case's {@code ?} markers, chosen from the column each is compared with. */
    private List<String> parameters(String sql) {
        List<Integer> markers = SqlText.placeholders(sql, database == TestDatabase.MARIADB);
        boolean insert = "INSERT".equals(SqlText.leadingKeyword(sql));
        List<String> values = new ArrayList<>();
        for (int i = 0; i < markers.size(); i++) {
            Matcher m = COMPARED_COLUMN.matcher(sql.substring(0, markers.get(i)));
            String column = m.find() ? m.group(1).toLowerCase(Locale.ROOT) : "";
            if (column.endsWith("name")) {
                values.add("Ada");
            } else if (column.endsWith("email")) {
                values.add("grace@example.com");
            } else {
                values.add(insert ? String.valueOf(901 + i) : "1");
            }
        }
        return values;
    }

    private String expectedText(CorpusCase c) {
        return c.expectedText(database == TestDatabase.POSTGRESQL ? "CURRENT_TIMESTAMP" : "CURRENT_TIMESTAMP(6)");
    }

    /** PostgreSQL SQLState 42601; MySQL/MariaDB error 1064 (SQLState 42000). */
    static boolean isSyntaxError(SQLException e) {
        return e != null && ("42601".equals(e.getSQLState()) || e.getErrorCode() == 1064);
    }

    private void count(String outcome, CorpusCase c) {
        tally.computeIfAbsent(outcome, k -> Collections.synchronizedList(new ArrayList<>())).add(c.name());
    }
}
