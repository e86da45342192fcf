package dev.softdelete.jdbc.execute;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * The driver's event timestamps: strictly increasing, never shared by two events, and always an odd microsecond, so
 * that none equals a timestamp the database took at 10-microsecond precision (a self-timed delete).
 */
class EventClockTest {
    private static int micros(String timestamp) {
        return LocalDateTime.parse(timestamp.replace(' ', 'T')).getNano() / 1_000;
    }

    @Test
    void eventsInATightLoopAreStrictlyIncreasingOddMicroseconds() {
        List<String> taken = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            taken.add(EventClock.next());
        }
        for (int i = 0; i < taken.size(); i++) {
            assertThat(micros(taken.get(i)) % 2).as(taken.get(i)).isEqualTo(1);
            if (i > 0) {
                assertThat(taken.get(i)).as("after " + taken.get(i - 1)).isGreaterThan(taken.get(i - 1));
            }
        }
    }

    @Test
    void threadsNeverShareAnEvent() throws Exception {
        Set<String> all = ConcurrentHashMap.newKeySet();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            threads.add(new Thread(() -> {
                Set<String> mine = new HashSet<>();
                for (int i = 0; i < 10_000; i++) {
                    mine.add(EventClock.next());
                }
                all.addAll(mine);
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        assertThat(all).hasSize(40_000);
    }
}
