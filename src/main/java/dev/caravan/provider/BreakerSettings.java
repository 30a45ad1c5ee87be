package dev.caravan.provider;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import java.time.Duration;
import org.apache.camel.spi.PropertiesComponent;

/**
 * A provider's circuit breaker ({@code caravan.<provider>.circuit-breaker.*}).
 *
 * @param failureRateThreshold percentage of failed calls in the window that opens the breaker
 * @param minimumCalls         calls needed in the window before the rate is judged at all
 * @param slidingWindow        how many of the latest calls the rate is taken over
 * @param waitInOpen           how long an open breaker refuses calls before trying the upstream again
 * @param halfOpenCalls        trial calls after the wait; if they succeed the breaker closes, else it opens again
 */
public record BreakerSettings(float failureRateThreshold, int minimumCalls, int slidingWindow, Duration waitInOpen,
        int halfOpenCalls) {

    public static BreakerSettings from(PropertiesComponent properties, String prefix) {
        String key = prefix + ".circuit-breaker.";
        return new BreakerSettings(
                Float.parseFloat(RetrySettings.required(properties, key + "failure-rate-threshold")),
                Integer.parseInt(RetrySettings.required(properties, key + "minimum-calls")),
                Integer.parseInt(RetrySettings.required(properties, key + "sliding-window")),
                RetrySettings.millis(properties, key + "wait-in-open"),
                Integer.parseInt(RetrySettings.required(properties, key + "half-open-calls")));
    }

    /**
     * Count-based window; the open state ends lazily, on the first call after the wait, so an idle gateway does not
     * probe an upstream nobody is asking for. Which exceptions count is the guarded code's choice: each provider
     * lets only its upstream's failures count (OpenAiProviderRoutes, S3ObjectStore). Slowness alone does not: a large
     * upload is slow and healthy, and a call that is too slow already fails by the provider's read timeout.
     */
    public CircuitBreakerConfig toConfig() {
        return CircuitBreakerConfig.custom()
                .slidingWindowType(SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(slidingWindow)
                .minimumNumberOfCalls(minimumCalls)
                .failureRateThreshold(failureRateThreshold)
                .waitDurationInOpenState(waitInOpen)
                .permittedNumberOfCallsInHalfOpenState(halfOpenCalls)
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .slowCallRateThreshold(100)
                .slowCallDurationThreshold(Duration.ofDays(1))
                .writableStackTraceEnabled(false)
                // an upload streamed from the caller that the caller's side broke off is no upstream failure
                .ignoreException(CallerSideFailure::isIn)
                .build();
    }
}
