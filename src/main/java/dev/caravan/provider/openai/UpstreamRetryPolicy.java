package dev.caravan.provider.openai;

import dev.caravan.provider.RetrySettings;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether a failed upstream call is tried again, and after how long: the upstream's {@code Retry-After} when
 * it gave one, else exponential backoff with jitter ({@link Backoff}).
 *
 * <p>Only failures of the upstream are retried: it could not be reached, the connection broke, it timed out
 * (any {@link IOException}), or it answered 429 / 5xx ({@link UpstreamFailure}). Never a 4xx answer, an open circuit
 * or one of Caravan's own errors. Retries also stop once the circuit breaker has opened, and when the upstream asks
 * for a longer pause than {@link RetrySettings#retryAfterMax()}: in both cases the caller gets the upstream's last
 * answer at once instead of being held for an attempt that is bound to be refused.
 */
public class UpstreamRetryPolicy {

    private static final Logger LOG = LoggerFactory.getLogger(UpstreamRetryPolicy.class);

    private final String provider;
    private final RetrySettings settings;
    private final Backoff backoff;
    private final CircuitBreaker breaker;

    public UpstreamRetryPolicy(String provider, RetrySettings settings, Backoff backoff, CircuitBreaker breaker) {
        this.provider = provider;
        this.settings = settings;
        this.backoff = backoff;
        this.breaker = breaker;
    }

    /** The wait before the next attempt, or empty when there is none; logs the retry it allows. */
    Optional<Duration> afterFailure(Exchange exchange, Throwable failure, int attempts) {
        Optional<Duration> wait = nextWait(failure, attempts, breaker.getState());
        if (wait.isPresent()) {
            Message request = exchange.getIn();
            // a call to an absolute URL (Anthropic's results_url) has no path header
            Object target = request.getHeader(Exchange.HTTP_PATH) != null ? request.getHeader(Exchange.HTTP_PATH)
                    : request.getHeader(Exchange.HTTP_URI);
            LOG.warn("{}: {} {} failed ({}); attempt {} of {} in {} ms", provider,
                    request.getHeader(Exchange.HTTP_METHOD), target, describe(failure),
                    attempts + 1, settings.maxAttempts(), wait.get().toMillis());
        }
        return wait;
    }

    /** How long to wait before the next attempt, or empty when there is none; {@code attempts} were made so far. */
    Optional<Duration> nextWait(Throwable failure, int attempts, CircuitBreaker.State breakerState) {
        if (attempts >= settings.maxAttempts() || breakerState == CircuitBreaker.State.OPEN
                || breakerState == CircuitBreaker.State.FORCED_OPEN) {
            return Optional.empty();
        }
        UpstreamFailure answer = find(failure, UpstreamFailure.class);
        if (answer != null) {
            Optional<Duration> asked = answer.retryAfter();
            if (asked.isPresent()) {
                return asked.get().compareTo(settings.retryAfterMax()) > 0 ? Optional.empty() : asked;
            }
            return Optional.of(backoff.delay(attempts));
        }
        if (find(failure, IOException.class) != null) {
            return Optional.of(backoff.delay(attempts));
        }
        return Optional.empty();
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    private static String describe(Throwable failure) {
        UpstreamFailure answer = find(failure, UpstreamFailure.class);
        if (answer != null) {
            return "HTTP " + answer.answer().status() + ": " + answer.getMessage();
        }
        IOException transport = find(failure, IOException.class);
        Throwable shown = transport != null ? transport : failure;
        return shown.getClass().getSimpleName() + ": " + shown.getMessage();
    }
}
