package dev.softdelete.cli;

import dev.softdelete.cli.check.DatabaseTable;
import dev.softdelete.cli.check.Product;
import dev.softdelete.cli.check.TableResolver;
import dev.softdelete.cli.init.ConfigDraft;
import dev.softdelete.config.ConfigException;
import dev.softdelete.config.ConfigLoader;
import dev.softdelete.jdbc.execute.CatalogReader;
import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import dev.softdelete.jdbc.rewrite.catalog.UnquotedNames;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code init}: writes a starting {@code softdelete.yml} for chosen tables of a schema ({@link ConfigDraft}), checks
 * that it loads as the driver loads it, and says what to run next. An existing file is not overwritten unless
 * {@code --force} is given.
 */
final class InitCommand extends DatabaseCommand {
    static final String NAME = "init";
    private static final String SCHEMA = "--schema";
    private static final String TABLES = "--tables";
    private static final String OUT = "--out";
    private static final String ALL = "--all";
    private static final String FORCE = "--force";
    private static final String DEFAULT_OUT = "softdelete.yml";
    /** Tables of migration tools, which {@code --all} leaves out. */
    private static final Set<String> TOOL_TABLES = Set.of("flyway_schema_history", "databasechangelog",
        "databasechangeloglock", "schema_migrations", "__efmigrationshistory", "knex_migrations",
        "knex_migrations_lock", "ar_internal_metadata");

    InitCommand() {
        super(NAME);
    }

    @Override
    String usage() {
        return "usage: java -jar softdelete-cli.jar init --url <jdbc url> (--tables a,b,... | --all) [--schema <name>]\n"
            + "                                          [--out softdelete.yml] [--force]\n"
            + "\n"
            + "Writes a starting softdelete.yml from the live schema: the chosen tables, the soft-delete columns\n"
            + "they already have (reused), cascade entries from ON DELETE CASCADE foreign keys between them, and\n"
            + "a comment on each entry saying what it came from and what the driver does with the other foreign\n"
            + "keys. It starts in observe mode. Next: migrate, then check.\n"
            + "\n"
            + "  --tables a,b,...        the tables to configure\n"
            + "  --all                   every table of the schema (but those of migration tools, and partitions,\n"
            + "                          which follow their table)\n"
            + "  --schema <name>         the schema (MySQL/MariaDB: the database); default: the connection's\n"
            + "  --out <file>            where to write (default " + DEFAULT_OUT + "; - for standard output)\n"
            + "  --force                 overwrite an existing file\n"
            + "  --url, --user, --password as for every database command (see 'check --help')\n";
    }

    @Override
    Set<String> ownOptions() {
        return Set.of(SCHEMA, TABLES, OUT);
    }

    @Override
    Set<String> ownSwitches() {
        return Set.of(ALL, FORCE);
    }

    @Override
    int execute(Arguments args, ConnectionTarget target, PrintStream out)
            throws UsageException, CommandFailedException, ConfigException, SQLException {
        args.positionals();
        boolean all = args.switched(ALL);
        String tableList = args.option(TABLES);
        if (all == (tableList != null)) {
            throw new UsageException("give " + TABLES + " a,b,... or " + ALL + " (one of them)");
        }
        String outFile = args.option(OUT) == null ? DEFAULT_OUT : args.option(OUT);
        Path path = outFile.equals("-") ? null : Paths.get(outFile);
        if (path != null && Files.exists(path) && !args.switched(FORCE)) {
            throw new CommandFailedException(outFile + " exists; give " + FORCE + " to overwrite it, or another "
                + OUT);
        }
        Dialect dialect = Dialect.fromUrl(target.rawUrl());
        ConfigDraft draft;
        String database;
        try (Connection connection = target.openRaw()) {
            DatabaseMetaData meta = connection.getMetaData();
            Product product = Product.of(meta);
            TableResolver resolver = new TableResolver(connection, product);
            String schema = args.option(SCHEMA) == null ? resolver.currentContainer() : args.option(SCHEMA);
            boolean qualify = !schema.equalsIgnoreCase(resolver.currentContainer());
            Map<String, DatabaseTable> inSchema = new LinkedHashMap<>();
            for (DatabaseTable t : resolver.tablesIn(schema)) {
                inSchema.put(t.name().toLowerCase(Locale.ROOT), t);
            }
            if (inSchema.isEmpty()) {
                throw new CommandFailedException("no tables in " + (product.usesCatalogs() ? "database " : "schema ")
                    + schema);
            }
            List<DatabaseTable> chosen = new ArrayList<>();
            List<String> leftOut = new ArrayList<>();
            UnquotedNames.Folding folding = CatalogReader.folding(connection, dialect);
            if (all) {
                for (DatabaseTable t : inSchema.values()) {
                    String unusable = unusableName(t.name(), dialect, folding);
                    if (TOOL_TABLES.contains(t.name().toLowerCase(Locale.ROOT))) {
                        leftOut.add(t.name() + " (a migration tool's table)");
                    } else if (unusable != null) {
                        leftOut.add(t.name() + " (" + unusable + ")");
                    } else {
                        chosen.add(t);
                    }
                }
            } else {
                for (String name : tableList.split(",")) {
                    DatabaseTable t = inSchema.get(name.trim().toLowerCase(Locale.ROOT));
                    if (t == null) {
                        throw new CommandFailedException("table " + name.trim() + " not found in "
                            + (product.usesCatalogs() ? "database " : "schema ") + schema);
                    }
                    String unusable = unusableName(t.name(), dialect, folding);
                    if (unusable != null) {
                        throw new CommandFailedException("table " + t.name() + ": " + unusable);
                    }
                    if (!chosen.contains(t)) {
                        chosen.add(t);
                    }
                }
            }
            database = meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion();
            draft = ConfigDraft.draft(connection, dialect, chosen, qualify, List.of(
                "softdelete.yml: a start written by softdelete-cli init from " + database + ", "
                    + (product.usesCatalogs() ? "database " : "schema ") + schema + "."), leftOut);
        }
        ConfigLoader.parse(draft.yaml(), outFile); // the draft must load as the driver loads it
        if (path == null) {
            out.print(draft.yaml());
            return ExitStatus.OK;
        }
        try {
            Files.writeString(path, draft.yaml(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CommandFailedException("cannot write " + outFile + ": " + e.getMessage());
        }
        out.println("softdelete-cli init: " + database + " at " + target.displayUrl());
        out.println("wrote " + outFile + ": " + draft.summary() + "; mode observe");
        out.println("next: migrate --config " + outFile + " --url ... (the DDL the schema needs; --apply runs it),"
            + " then check --config " + outFile + " --url ...");
        return ExitStatus.OK;
    }

    /**
     * Why the driver would refuse table {@code name} (as the catalog stores it), or null: it writes table names
     * unquoted in its own statements, so a name the database folds to another one (a quoted name with capitals on
     * PostgreSQL, one in lower case on H2) or a reserved word would reach another table or fail.
     */
    private static String unusableName(String name, Dialect dialect, UnquotedNames.Folding folding) {
        String folded = folding == UnquotedNames.Folding.LOWER ? name.toLowerCase(Locale.ROOT)
            : folding == UnquotedNames.Folding.UPPER ? name.toUpperCase(Locale.ROOT) : name;
        if (!folded.equals(name) || UnquotedNames.needsQuotes(name, dialect)) {
            return "needs quotes or is a reserved word, which the driver refuses; rename it";
        }
        return null;
    }
}
