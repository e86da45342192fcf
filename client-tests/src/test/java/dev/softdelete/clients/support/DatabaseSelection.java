package dev.softdelete.clients.support;

import java.util.List;
import java.util.function.Function;

/**
 * Decides where the client tests get their databases, in this order:
 * <ol>
 *   <li>{@code SOFTDELETE_IT_POSTGRES_URL} or {@code SOFTDELETE_IT_MYSQL_URL} is set (CI, local servers): those
 *       servers, and only those; a variable left unset makes its tests skip (fail under
 *       {@code SOFTDELETE_IT_REQUIRED=true}). Docker is not looked for.</li>
 *   <li>neither is set, {@code SOFTDELETE_IT_DOCKER} is not {@code false}, and Docker answers: Testcontainers starts PostgreSQL, MariaDB and MySQL 8, each when first
 *       needed, and every test runs on all three.</li>
 *   <li>neither: one line says how to provide a database; each database test skips with it (or fails under
 *       {@code SOFTDELETE_IT_REQUIRED=true}).</li>
 * </ol>
 * The environment, the Docker probe, the container starter and the server probe are parameters, so the decision can
 * be tested without Docker and without servers ({@code DatabaseSelectionTest}).
 */
public final class DatabaseSelection {
    /** The raw PostgreSQL URL, e.g. {@code jdbc:postgresql://127.0.0.1:5432/softdelete_it?user=postgres}. */
    public static final String POSTGRES_VARIABLE = "SOFTDELETE_IT_POSTGRES_URL";
    /** The raw MySQL/MariaDB URL, e.g. {@code jdbc:mysql://127.0.0.1:3306/softdelete_it?user=root&password=}. */
    public static final String MYSQL_VARIABLE = "SOFTDELETE_IT_MYSQL_URL";

    /** {@code false} keeps Testcontainers out even where Docker runs: unit tests only, DB tests skip. */
    public static final String DOCKER_VARIABLE = "SOFTDELETE_IT_DOCKER";

    /** Where the databases come from. */
    public enum Source {
        /** Servers named by the environment variables. */
        SERVERS,
        /** Containers started by Testcontainers. */
        CONTAINERS,
        /** Nowhere: every database test skips, or fails when required. */
        NONE
    }

    /** Says whether a Docker engine answers. May throw; that counts as "no" and the message is reported. */
    @FunctionalInterface
    public interface DockerProbe {
        boolean available() throws Exception;
    }

    /** Starts the container for an engine and returns a raw JDBC URL of a user allowed to create databases. */
    @FunctionalInterface
    public interface ContainerStarter {
        String start(Engine engine) throws Exception;
    }

    /** Connects to the server of a URL from a variable and says which engine it is. */
    @FunctionalInterface
    public interface ServerProbe {
        Engine probe(String variable, String url) throws Exception;
    }

    private final Source source;
    private final List<Target> targets;
    private final String notice;

    private DatabaseSelection(Source source, List<Target> targets, String notice) {
        this.source = source;
        this.targets = List.copyOf(targets);
        this.notice = notice;
    }

    /** Applies the rules above. Nothing is started or connected here: targets reach their server on first use. */
    public static DatabaseSelection select(Function<String, String> environment, DockerProbe docker,
            ContainerStarter containers, ServerProbe servers) {
        String postgres = value(environment, POSTGRES_VARIABLE);
        String mysql = value(environment, MYSQL_VARIABLE);
        if (postgres != null || mysql != null) {
            return new DatabaseSelection(Source.SERVERS, List.of(
                    server("PostgreSQL", POSTGRES_VARIABLE, postgres, servers),
                    server("MySQL/MariaDB", MYSQL_VARIABLE, mysql, servers)),
                    "databases: the servers named by " + POSTGRES_VARIABLE + " and " + MYSQL_VARIABLE);
        }
        String dockerProblem;
        if ("false".equalsIgnoreCase(value(environment, DOCKER_VARIABLE))) {
            dockerProblem = DOCKER_VARIABLE + "=false";
        } else {
            try {
                dockerProblem = docker.available() ? null : "no Docker engine answered";
            } catch (Exception | LinkageError e) {
                dockerProblem = "looking for Docker failed: " + e;
            }
        }
        if (dockerProblem == null) {
            return new DatabaseSelection(Source.CONTAINERS, List.of(
                    container(Engine.POSTGRESQL, TestcontainersDatabases.POSTGRES_IMAGE, containers),
                    container(Engine.MARIADB, TestcontainersDatabases.MARIADB_IMAGE, containers),
                    container(Engine.MYSQL, TestcontainersDatabases.MYSQL_IMAGE, containers)),
                    "databases: Testcontainers (" + POSTGRES_VARIABLE + " and " + MYSQL_VARIABLE
                            + " are not set, Docker is there): " + TestcontainersDatabases.POSTGRES_IMAGE + ", "
                            + TestcontainersDatabases.MARIADB_IMAGE + ", " + TestcontainersDatabases.MYSQL_IMAGE);
        }
        String reason = "no database for the client tests: set " + POSTGRES_VARIABLE + " and " + MYSQL_VARIABLE
                + " to raw JDBC URLs of PostgreSQL and MySQL/MariaDB servers, or start Docker so that Testcontainers"
                + " can run them (" + dockerProblem + "); see the README, \"Running the tests\"";
        return new DatabaseSelection(Source.NONE, List.of(
                Target.unavailable("PostgreSQL", Target.NOWHERE, reason),
                Target.unavailable("MySQL/MariaDB", Target.NOWHERE, reason)), reason);
    }

    private static String value(Function<String, String> environment, String name) {
        String value = environment.apply(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static Target server(String label, String variable, String url, ServerProbe servers) {
        if (url == null) {
            return Target.unavailable(label, variable, variable + " is not set (the other database variable is,"
                    + " so Docker is not used)");
        }
        return new Target(label, variable, () -> new Target.Reached(servers.probe(variable, url), url));
    }

    private static Target container(Engine engine, String image, ContainerStarter containers) {
        return new Target(engine.toString(), "Testcontainers " + image,
                () -> new Target.Reached(engine, containers.start(engine)));
    }

    public Source source() {
        return source;
    }

    /** The targets every {@link OnEachTarget} class runs on, in order. Never empty. */
    public List<Target> targets() {
        return targets;
    }

    /** One line for the build log: where the databases come from, or how to provide one. */
    public String notice() {
        return notice;
    }
}
