package dev.softdelete.jdbc.execute;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The lock-free histogram behind the parse-time percentiles. */
class ParseTimesTest {

    @Test
    void everyValueFallsIntoABucketWhoseBoundsHoldIt() {
        long[] values = {0, 1, 7, 8, 9, 15, 16, 17, 100, 1_000, 65_432, 1L << 40, Long.MAX_VALUE};
        for (long v : values) {
            int bucket = ParseTimes.bucket(v);
            assertThat(ParseTimes.upperBound(bucket)).as("upper bound of %d", v).isGreaterThanOrEqualTo(v);
            if (bucket > 0) {
                assertThat(ParseTimes.upperBound(bucket - 1)).as("previous bound of %d", v).isLessThan(v);
            }
            assertThat(ParseTimes.upperBound(bucket) - v).as("error at %d", v).isLessThanOrEqualTo(v / 8);
        }
    }

    @Test
    void quantilesAreWithinAnEighth() {
        ParseTimes times = new ParseTimes();
        for (int micros = 1; micros <= 1_000; micros++) {
            times.record(micros * 1_000L);
        }

        assertThat(times.quantile(0.5)).isBetween(500_000L, 500_000L + 500_000L / 8);
        assertThat(times.quantile(0.9)).isBetween(900_000L, 900_000L + 900_000L / 8);
        assertThat(times.quantile(0.99)).isBetween(990_000L, 1_000_000L);
        assertThat(times.quantile(1.0)).isEqualTo(1_000_000L).isEqualTo(times.max());
    }

    @Test
    void nothingRecordedReadsAsZero() {
        ParseTimes times = new ParseTimes();

        assertThat(times.quantile(0.5)).isZero();
        assertThat(times.max()).isZero();
    }
}
