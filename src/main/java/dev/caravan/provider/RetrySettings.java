package dev.caravan.provider;

import java.time.Duration;
import org.apache.camel.spi.PropertiesComponent;

/**
 * How a provider's repeatable calls are retried ({@code caravan.<provider>.retry.*}).
 *
 * @param maxAttempts   attempts including the first call; 1 turns retries off
 * @param initialDelay  the wait before the first retry, doubled for each further one
 * @param maxDelay      the longest computed wait between two attempts
 * @param retryAfterMax the longest upstream {@code Retry-After} Caravan waits out; a longer one ends the retries
 */
public record RetrySettings(int maxAttempts, Duration initialDelay, Duration maxDelay, Duration retryAfterMax) {

    public RetrySettings {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("retry.max-attempts must be at least 1: " + maxAttempts);
        }
        if (initialDelay.isNegative() || maxDelay.isNegative() || retryAfterMax.isNegative()) {
            throw new IllegalArgumentException("retry delays must not be negative");
        }
    }

    /** Reads {@code <prefix>.retry.*}; values are milliseconds like the provider's timeouts. */
    public static RetrySettings from(PropertiesComponent properties, String prefix) {
        return new RetrySettings(
                Integer.parseInt(required(properties, prefix + ".retry.max-attempts")),
                millis(properties, prefix + ".retry.initial-delay"),
                millis(properties, prefix + ".retry.max-delay"),
                millis(properties, prefix + ".retry.retry-after-max"));
    }

    static Duration millis(PropertiesComponent properties, String key) {
        return Duration.ofMillis(Long.parseLong(required(properties, key)));
    }

    static String required(PropertiesComponent properties, String key) {
        return properties.resolveProperty(key).map(String::trim)
                .orElseThrow(() -> new IllegalStateException("missing setting " + key));
    }
}
