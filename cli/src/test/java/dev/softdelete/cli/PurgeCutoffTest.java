package dev.softdelete.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class PurgeCutoffTest {
    private static final Instant NOW = Instant.parse("2024-06-01T12:00:00Z");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void shortAndIsoAges() throws Exception {
        assertThat(PurgeCutoff.age("90d")).isEqualTo(Duration.ofDays(90));
        assertThat(PurgeCutoff.age("12h")).isEqualTo(Duration.ofHours(12));
        assertThat(PurgeCutoff.age("30m")).isEqualTo(Duration.ofMinutes(30));
        assertThat(PurgeCutoff.age("45s")).isEqualTo(Duration.ofSeconds(45));
        assertThat(PurgeCutoff.age("2w")).isEqualTo(Duration.ofDays(14));
        assertThat(PurgeCutoff.age("PT2H")).isEqualTo(Duration.ofHours(2));
        assertThat(PurgeCutoff.age("p90d")).isEqualTo(Duration.ofDays(90));
    }

    @Test
    void olderThanCountsBackFromNow() throws Exception {
        assertThat(PurgeCutoff.of("1d", null, NOW, BERLIN)).isEqualTo(Instant.parse("2024-05-31T12:00:00Z"));
    }

    @Test
    void beforeTakesOffsetsOrLocalTime() throws Exception {
        assertThat(PurgeCutoff.of(null, "2024-01-31T00:00:00Z", NOW, BERLIN))
            .isEqualTo(Instant.parse("2024-01-31T00:00:00Z"));
        assertThat(PurgeCutoff.of(null, "2024-01-31T12:00", NOW, BERLIN))
            .isEqualTo(Instant.parse("2024-01-31T11:00:00Z"));
        assertThat(PurgeCutoff.of(null, "2024-01-31", NOW, BERLIN)).isEqualTo(Instant.parse("2024-01-30T23:00:00Z"));
    }

    @Test
    void badInputIsAUsageError() {
        assertThatThrownBy(() -> PurgeCutoff.of(null, null, NOW, BERLIN))
            .isInstanceOf(UsageException.class).hasMessageContaining("exactly one of");
        assertThatThrownBy(() -> PurgeCutoff.of("1d", "2024-01-01", NOW, BERLIN))
            .isInstanceOf(UsageException.class).hasMessageContaining("exactly one of");
        assertThatThrownBy(() -> PurgeCutoff.age("ninety days")).isInstanceOf(UsageException.class);
        assertThatThrownBy(() -> PurgeCutoff.age("0d")).isInstanceOf(UsageException.class)
            .hasMessageContaining("positive");
        assertThatThrownBy(() -> PurgeCutoff.age("-PT1H")).isInstanceOf(UsageException.class);
        assertThatThrownBy(() -> PurgeCutoff.instant("yesterday", BERLIN)).isInstanceOf(UsageException.class);
    }
}
