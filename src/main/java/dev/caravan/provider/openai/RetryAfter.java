package dev.caravan.provider.openai;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads how long an upstream asked to be left alone: OpenAI's {@code retry-after-ms} (what its own SDKs read first),
 * else the standard {@code Retry-After}, in seconds or as an HTTP date (RFC 9110 §10.2.3).
 */
public final class RetryAfter {

    private RetryAfter() {
    }

    /** Empty when neither header is there or neither can be read; a date in the past is a zero wait. */
    public static Optional<Duration> parse(String retryAfterMs, String retryAfter, Clock clock) {
        Optional<Duration> millis = number(retryAfterMs).map(Duration::ofMillis);
        if (millis.isPresent()) {
            return millis;
        }
        if (retryAfter == null || retryAfter.isBlank()) {
            return Optional.empty();
        }
        Optional<Duration> seconds = number(retryAfter).map(Duration::ofSeconds);
        if (seconds.isPresent()) {
            return seconds;
        }
        try {
            Instant at = ZonedDateTime.parse(retryAfter.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(clock.instant(), at);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<Long> number(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            long parsed = Long.parseLong(value.trim());
            return parsed < 0 ? Optional.empty() : Optional.of(parsed);
        } catch (NumberFormatException e) {
            // Retry-After is whole seconds, but OpenAI's retry-after-ms may carry a fraction: read both leniently,
            // rounded up, so Caravan never comes back earlier than asked.
            try {
                double fractional = Double.parseDouble(value.trim());
                return fractional < 0 || Double.isNaN(fractional) || Double.isInfinite(fractional)
                        ? Optional.empty() : Optional.of((long) Math.ceil(fractional));
            } catch (NumberFormatException notANumber) {
                return Optional.empty();
            }
        }
    }
}
