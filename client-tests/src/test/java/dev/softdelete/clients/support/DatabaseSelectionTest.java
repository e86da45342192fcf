package dev.softdelete.clients.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.softdelete.clients.support.DatabaseSelection.ContainerStarter;
import dev.softdelete.clients.support.DatabaseSelection.DockerProbe;
import dev.softdelete.clients.support.DatabaseSelection.ServerProbe;
import dev.softdelete.clients.support.DatabaseSelection.Source;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Where the client tests get their databases, decided without Docker and without servers: the probes are stubs that
 * record what was asked of them.
 */
class DatabaseSelectionTest {
    private static final String PG_URL = "jdbc:postgresql://db:5432/x?user=postgres";
    private static final String MY_URL = "jdbc:mysql://db:3306/x?user=root&password=";

    private final Map<String, String> env = new HashMap<>();
    private final List<Engine> started = new ArrayList<>();
    private final List<String> probed = new ArrayList<>();
    private int dockerAsked;

    private final ContainerStarter containers = engine -> {
        started.add(engine);
        return "jdbc:container:" + engine.name();
    };
    private final ServerProbe servers = (variable, url) -> {
        probed.add(variable);
        return variable.equals(DatabaseSelection.POSTGRES_VARIABLE) ? Engine.POSTGRESQL : Engine.MARIADB;
    };

    private DockerProbe docker(boolean available) {
        return () -> {
            dockerAsked++;
            return available;
        };
    }

    private DatabaseSelection select(DockerProbe docker) {
        return DatabaseSelection.select(env::get, docker, containers, servers);
    }

    @Test
    void variablesSetMeanTheirServersAndDockerIsNotAskedFor() {
        env.put(DatabaseSelection.POSTGRES_VARIABLE, PG_URL);
        env.put(DatabaseSelection.MYSQL_VARIABLE, MY_URL);
        DatabaseSelection selection = select(docker(true));

        assertThat(selection.source()).isEqualTo(Source.SERVERS);
        assertThat(dockerAsked).as("Docker probed").isZero();
        assertThat(selection.targets()).extracting(Target::origin)
                .containsExactly(DatabaseSelection.POSTGRES_VARIABLE, DatabaseSelection.MYSQL_VARIABLE);
        assertThat(probed).as("servers are reached on first use, not while selecting").isEmpty();

        Target mysql = selection.targets().get(1);
        assertThat(mysql.rawUrl()).isEqualTo(MY_URL);
        assertThat(mysql.engine()).isEqualTo(Engine.MARIADB);
        assertThat(mysql).hasToString("MariaDB");
        assertThat(selection.targets().get(0).rawUrl()).isEqualTo(PG_URL);
        assertThat(probed).containsExactly(DatabaseSelection.MYSQL_VARIABLE, DatabaseSelection.POSTGRES_VARIABLE);
        assertThat(started).isEmpty();
    }

    @Test
    void oneVariableSetLeavesTheOtherDatabaseUnavailableInsteadOfStartingContainers() {
        env.put(DatabaseSelection.POSTGRES_VARIABLE, "  " + PG_URL + "  ");
        env.put(DatabaseSelection.MYSQL_VARIABLE, " ");
        DatabaseSelection selection = select(docker(true));

        assertThat(selection.source()).isEqualTo(Source.SERVERS);
        assertThat(dockerAsked).isZero();
        assertThat(selection.targets().get(0).rawUrl()).as("trimmed").isEqualTo(PG_URL);
        Target mysql = selection.targets().get(1);
        assertThat(mysql.tryReach()).isFalse();
        assertThat(mysql.problem()).contains(DatabaseSelection.MYSQL_VARIABLE + " is not set");
    }

    @Test
    void withoutVariablesDockerMeansContainersForPostgresMariaDbAndMySqlStartedOnFirstUse() {
        DatabaseSelection selection = select(docker(true));

        assertThat(selection.source()).isEqualTo(Source.CONTAINERS);
        assertThat(dockerAsked).isEqualTo(1);
        assertThat(selection.targets()).hasToString("[PostgreSQL, MariaDB, MySQL]");
        assertThat(selection.targets()).extracting(Target::origin).containsExactly(
                "Testcontainers " + TestcontainersDatabases.POSTGRES_IMAGE,
                "Testcontainers " + TestcontainersDatabases.MARIADB_IMAGE,
                "Testcontainers " + TestcontainersDatabases.MYSQL_IMAGE);
        assertThat(started).as("nothing started while selecting").isEmpty();
        assertThat(selection.notice()).contains("Testcontainers");

        Target mariadb = selection.targets().get(1);
        assertThat(mariadb.rawUrl()).isEqualTo("jdbc:container:MARIADB");
        assertThat(mariadb.engine()).isEqualTo(Engine.MARIADB);
        mariadb.rawUrl();
        assertThat(started).as("started once, when first used").containsExactly(Engine.MARIADB);
        assertThat(probed).isEmpty();
    }

    @Test
    void aContainerThatFailsToStartMakesItsTestsUnmetWithTheReason() {
        DatabaseSelection selection = DatabaseSelection.select(env::get, docker(true), engine -> {
            throw new IllegalStateException("pull of " + engine + " image denied");
        }, servers);

        Target postgres = selection.targets().get(0);
        assertThat(postgres.tryReach()).isFalse();
        assertThat(postgres.problem()).contains("pull of PostgreSQL image denied");
    }

    @Test
    void withoutVariablesAndWithoutDockerOneLineSaysHowToProvideADatabase() {
        DatabaseSelection selection = select(docker(false));

        assertThat(selection.source()).isEqualTo(Source.NONE);
        assertThat(selection.notice())
                .contains(DatabaseSelection.POSTGRES_VARIABLE, DatabaseSelection.MYSQL_VARIABLE, "Docker", "README")
                .doesNotContain("\n");
        assertThat(selection.targets()).as("still one invocation per database, each reporting the reason")
                .hasSize(2);
        for (Target target : selection.targets()) {
            assertThat(target.tryReach()).isFalse();
            assertThat(target.problem()).isEqualTo(selection.notice());
        }
        assertThat(started).isEmpty();
        assertThat(probed).isEmpty();
    }

    @Test
    void dockerCanBeTurnedOffForARunOfTheUnitTestsAlone() {
        env.put(DatabaseSelection.DOCKER_VARIABLE, "false");
        DatabaseSelection selection = select(docker(true));

        assertThat(selection.source()).isEqualTo(Source.NONE);
        assertThat(dockerAsked).isZero();
        assertThat(selection.notice()).contains(DatabaseSelection.DOCKER_VARIABLE + "=false");
    }

    @Test
    void aDockerProbeThatThrowsCountsAsNoDockerAndSaysWhy() {
        DatabaseSelection selection = select(() -> {
            throw new IllegalStateException("socket /var/run/docker.sock: permission denied");
        });

        assertThat(selection.source()).isEqualTo(Source.NONE);
        assertThat(selection.notice()).contains("permission denied");
    }

    @Test
    void containerUrlsUseTheSameDriversAsTheVariables() {
        assertThat(TestcontainersDatabases.rawUrl(Engine.POSTGRESQL, "localhost", 32768, "test", "test", "pw"))
                .isEqualTo("jdbc:postgresql://localhost:32768/test?user=test&password=pw");
        assertThat(TestcontainersDatabases.rawUrl(Engine.MYSQL, "localhost", 32769, "test", "root", "pw"))
                .isEqualTo("jdbc:mysql://localhost:32769/test?user=root&password=pw&sslMode=DISABLED"
                        + "&allowPublicKeyRetrieval=true");
        assertThat(ShopDatabases.withDatabase("jdbc:mysql://localhost:32769/test?user=root", ShopDatabases.SOFT))
                .isEqualTo("jdbc:mysql://localhost:32769/softdelete_clients_soft?user=root");
    }
}
