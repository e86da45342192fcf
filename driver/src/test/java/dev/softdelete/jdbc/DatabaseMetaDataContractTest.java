package dev.softdelete.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.h2.jdbc.JdbcDatabaseMetaData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link DatabaseMetaData} through the driver: its connection and its result sets. */
class DatabaseMetaDataContractTest {
    private Connection connection;
    private DatabaseMetaData metaData;

    @BeforeEach
    void open() throws Exception {
        connection = TestDatabases.open();
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(20))");
        }
        metaData = connection.getMetaData();
    }

    @AfterEach
    void close() throws Exception {
        connection.close();
    }

    @Test
    void itsConnectionIsTheWrappingConnection() throws Exception {
        assertThat(metaData.getConnection()).isSameAs(connection);
    }

    @Test
    void resultSetsAreWrappedAndHaveNoStatement() throws Exception {
        List<ResultSet> results = List.of(
                metaData.getTables(null, null, "ITEMS", null),
                metaData.getColumns(null, null, "ITEMS", null),
                metaData.getPrimaryKeys(null, null, "ITEMS"),
                metaData.getIndexInfo(null, null, "ITEMS", false, false),
                metaData.getSchemas(),
                metaData.getCatalogs(),
                metaData.getTableTypes(),
                metaData.getTypeInfo());

        for (ResultSet result : results) {
            assertThat(result.isWrapperFor(org.h2.jdbc.JdbcResultSet.class)).isTrue();
            assertThat(result.unwrap(ResultSet.class)).isSameAs(result);
            assertThat(result.getStatement()).isNull();
            result.close();
        }
    }

    @Test
    void answersAreTheDelegates() throws Exception {
        JdbcDatabaseMetaData raw = metaData.unwrap(JdbcDatabaseMetaData.class);

        assertThat(metaData.getDatabaseProductName()).isEqualTo(raw.getDatabaseProductName());
        assertThat(metaData.getURL()).isEqualTo(raw.getURL());
        assertThat(metaData.getDriverName()).isEqualTo(raw.getDriverName());
        try (ResultSet columns = metaData.getColumns(null, null, "ITEMS", null)) {
            assertThat(columns.next()).isTrue();
            assertThat(columns.getString("COLUMN_NAME")).isEqualTo("ID");
        }
    }
}
