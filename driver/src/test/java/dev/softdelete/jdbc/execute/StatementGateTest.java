package dev.softdelete.jdbc.execute;

import dev.softdelete.jdbc.rewrite.Rewrite;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.softdelete.jdbc.Visibility;
import dev.softdelete.jdbc.rewrite.StatementRefusedException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The gate between the wrappers and the rewrite. */
class StatementGateTest {

    @Test
    void returnsTheRewriteWithTheCurrentVisibility() throws SQLException {
        List<Visibility> seen = new ArrayList<>();
        StatementGate gate = new StatementGate((sql, visibility) -> {
            seen.add(visibility);
            return Rewrite.replacedBy(sql + " /* rewritten */");
        }, Visibility.ACTIVE);

        assertThat(gate.rewrite("SELECT 1")).isEqualTo("SELECT 1 /* rewritten */");
        gate.visibility(Visibility.ONLY_DELETED);
        gate.rewrite("SELECT 2");

        assertThat(gate.visibility()).isEqualTo(Visibility.ONLY_DELETED);
        assertThat(seen).containsExactly(Visibility.ACTIVE, Visibility.ONLY_DELETED);
    }

    @Test
    void aRefusalBecomesAnSqlExceptionWithItsState() {
        StatementRefusedException refusal = new StatementRefusedException(StatementRefusedException.FORBIDDEN,
                "TRUNCATE of orders is rejected");
        StatementGate gate = new StatementGate((sql, visibility) -> {
            throw refusal;
        }, Visibility.ACTIVE);

        assertThatThrownBy(() -> gate.rewrite("TRUNCATE TABLE orders"))
                .isExactlyInstanceOf(SQLException.class)
                .hasMessage("TRUNCATE of orders is rejected")
                .hasCause(refusal)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("SD002"));
    }

    @Test
    void nullIsLeftForTheDelegateToReject() throws SQLException {
        StatementGate gate = new StatementGate((sql, visibility) -> {
            throw new AssertionError("not called");
        }, Visibility.ACTIVE);

        assertThat(gate.rewrite(null)).isNull();
    }

    @Test
    void theVisibilityIsNeverNull() {
        StatementGate gate = new StatementGate((sql, visibility) -> Rewrite.UNCHANGED, Visibility.ACTIVE);

        assertThatThrownBy(() -> gate.visibility(null)).isInstanceOf(NullPointerException.class);
    }
}
