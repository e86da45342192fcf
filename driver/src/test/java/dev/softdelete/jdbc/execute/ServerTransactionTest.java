package dev.softdelete.jdbc.execute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.softdelete.jdbc.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * What the driver knows of a vendor connection's transaction without asking the server. Only pgjdbc's state says
 * "no transaction" for sure; for another driver (H2 here) the answer is no, so that the driver never switches
 * auto-commit on around its own reads where a transaction might be open (that would commit the application's work).
 * pgjdbc's side is in CatalogSnapshotIT.
 */
class ServerTransactionTest {
    @Test
    void aDriverThatDoesNotTellItsTransactionStateIsNeverKnownIdle() throws Exception {
        try (Connection h2 = DriverManager.getConnection(TestDatabases.newH2Url())) {
            h2.setAutoCommit(false);
            assertThat(ServerTransaction.knownIdle(h2)).isFalse();
            try (Statement st = h2.createStatement()) {
                st.execute("CREATE TABLE t (id INT)");
                st.execute("INSERT INTO t VALUES (1)");
            }
            assertThat(ServerTransaction.knownIdle(h2)).isFalse();
            assertThat(ServerTransaction.open(h2)).isFalse();
            h2.rollback();
        }
    }
}
