package dev.caravan.provider.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Retry-After as upstreams send it: seconds, an HTTP date, or OpenAI's retry-after-ms. */
class RetryAfterParsingTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void seconds() {
        assertEquals(Optional.of(Duration.ofSeconds(7)), RetryAfter.parse(null, "7", NOW));
        assertEquals(Optional.of(Duration.ZERO), RetryAfter.parse(null, " 0 ", NOW));
    }

    @Test
    void http_date_is_the_time_left_until_then() {
        assertEquals(Optional.of(Duration.ofSeconds(90)),
                RetryAfter.parse(null, "Mon, 23 Nov 2026 10:01:30 GMT", NOW));
    }

    @Test
    void http_date_in_the_past_is_no_wait() {
        assertEquals(Optional.of(Duration.ZERO), RetryAfter.parse(null, "Mon, 23 Nov 2026 09:59:00 GMT", NOW));
    }

    @Test
    void openai_retry_after_ms_comes_first_and_is_rounded_up() {
        assertEquals(Optional.of(Duration.ofMillis(250)), RetryAfter.parse("250", "20", NOW));
        assertEquals(Optional.of(Duration.ofMillis(13)), RetryAfter.parse("12.2", null, NOW));
    }

    @Test
    void absent_or_unreadable_is_empty() {
        assertEquals(Optional.empty(), RetryAfter.parse(null, null, NOW));
        assertEquals(Optional.empty(), RetryAfter.parse("", "", NOW));
        assertEquals(Optional.empty(), RetryAfter.parse(null, "soon", NOW));
        assertEquals(Optional.empty(), RetryAfter.parse(null, "-5", NOW));
    }

    @Test
    void unreadable_retry_after_ms_falls_back_to_retry_after() {
        assertEquals(Optional.of(Duration.ofSeconds(3)), RetryAfter.parse("later", "3", NOW));
    }
}
