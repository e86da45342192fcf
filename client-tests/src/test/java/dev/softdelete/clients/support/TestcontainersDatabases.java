package dev.softdelete.clients.support;

import java.util.EnumMap;
import java.util.Map;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.JdbcDatabaseContainer;
import org.testcontainers.mariadb.MariaDBContainer;
import org.testcontainers.mysql.MySQLContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The databases of a contributor's laptop: one container per engine, started on first use and left to
 * Testcontainers' reaper at the end of the run. The tests connect as the container's superuser (PostgreSQL's
 * {@code POSTGRES_USER}, MySQL's and MariaDB's {@code root}, whose password the container sets to the user's), since
 * they create their own databases.
 */
public final class TestcontainersDatabases {
    public static final String POSTGRES_IMAGE = "postgres:17-alpine";
    public static final String MARIADB_IMAGE = "mariadb:11.4";
    public static final String MYSQL_IMAGE = "mysql:8.4";

    private static final Map<Engine, JdbcDatabaseContainer<?>> STARTED = new EnumMap<>(Engine.class);

    private TestcontainersDatabases() {
    }

    /** Testcontainers' own answer to "is there a Docker engine?". */
    public static boolean dockerAvailable() {
        return DockerClientFactory.instance().isDockerAvailable();
    }

    /** Starts the engine's container unless it runs already; returns a raw URL of its superuser. */
    public static synchronized String start(Engine engine) {
        JdbcDatabaseContainer<?> container = STARTED.get(engine);
        if (container == null) {
            container = create(engine);
            container.start();
            STARTED.put(engine, container);
        }
        return rawUrl(engine, container.getHost(), container.getFirstMappedPort(), container.getDatabaseName(),
                engine == Engine.POSTGRESQL ? container.getUsername() : "root", container.getPassword());
    }

    private static JdbcDatabaseContainer<?> create(Engine engine) {
        switch (engine) {
            case POSTGRESQL:
                return new PostgreSQLContainer(DockerImageName.parse(POSTGRES_IMAGE));
            case MARIADB:
                return new MariaDBContainer(DockerImageName.parse(MARIADB_IMAGE));
            case MYSQL:
                return new MySQLContainer(DockerImageName.parse(MYSQL_IMAGE));
            default:
                throw new IllegalArgumentException(engine.name());
        }
    }

    /**
     * The raw URL the tests use for a server at {@code host:port}: pgjdbc for PostgreSQL, mysql-connector-j for
     * MySQL and MariaDB (as with {@code SOFTDELETE_IT_MYSQL_URL}), credentials in the query string.
     */
    static String rawUrl(Engine engine, String host, int port, String database, String user, String password) {
        if (engine == Engine.POSTGRESQL) {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database + "?user=" + user + "&password="
                    + password;
        }
        return "jdbc:mysql://" + host + ":" + port + "/" + database + "?user=" + user + "&password=" + password
                + "&sslMode=DISABLED&allowPublicKeyRetrieval=true";
    }
}
