package dev.caravan.provider.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private static final Duration INITIAL = Duration.ofMillis(500);
    private static final Duration MAX = Duration.ofSeconds(8);

    @Test
    void doubles_per_retry_between_half_and_all_of_the_step() {
        assertEquals(Duration.ofMillis(250), new Backoff(INITIAL, MAX, () -> 0.0).delay(1));
        assertEquals(Duration.ofMillis(499), new Backoff(INITIAL, MAX, () -> 0.999).delay(1));
        assertEquals(Duration.ofMillis(500), new Backoff(INITIAL, MAX, () -> 0.0).delay(2));
        assertEquals(Duration.ofMillis(1000), new Backoff(INITIAL, MAX, () -> 0.0).delay(3));
    }

    @Test
    void never_exceeds_the_max_delay() {
        Backoff backoff = new Backoff(INITIAL, MAX, () -> 0.9999);
        assertEquals(Duration.ofMillis(7999), backoff.delay(5));
        assertEquals(Duration.ofMillis(7999), backoff.delay(60));
        assertEquals(Duration.ofMillis(4000), new Backoff(INITIAL, MAX, () -> 0.0).delay(1000));
    }

    @Test
    void jitter_spreads_the_waits() {
        Backoff backoff = new Backoff(INITIAL, MAX, () -> ThreadLocalRandom.current().nextDouble());
        long distinct = java.util.stream.IntStream.range(0, 50).mapToObj(i -> backoff.delay(3)).distinct().count();
        assertTrue(distinct > 10, "50 waits, " + distinct + " distinct");
        for (int i = 0; i < 200; i++) {
            long millis = backoff.delay(3).toMillis();
            assertTrue(millis >= 1000 && millis < 2000, millis + " ms");
        }
    }
}
