package dev.caravan.sandbox.anthropic;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Answers the next N requests with a chosen error, so the gateway's tests can show an upstream's 429 and 5xx passed
 * through: 429 as {@code rate_limit_error} with a {@code retry-after} header, 529 as {@code overloaded_error}, other
 * 5xx as {@code api_error}, other 4xx as {@code invalid_request_error}.
 */
final class FaultInjector {

    /**
     * The {@code retry-after} of an injected rate limit, in seconds. The API sends one with its 429s; a second keeps a
     * client that honours it from stalling a test.
     */
    static final int RETRY_AFTER_SECONDS = 1;

    /** What to answer instead of the request. */
    record Fault(ApiError error, Integer retryAfterSeconds) {
    }

    private record Pending(int status, String message, int remaining) {
    }

    private final AtomicReference<Pending> pending = new AtomicReference<>();

    void inject(int status, String message, int count) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("fault status must be 4xx or 5xx: " + status);
        }
        pending.set(count > 0 ? new Pending(status, message, count) : null);
    }

    /** The fault for the request at hand, if one is pending; each call uses one up. */
    Optional<Fault> take() {
        while (true) {
            Pending current = pending.get();
            if (current == null) {
                return Optional.empty();
            }
            Pending next = current.remaining() > 1
                    ? new Pending(current.status(), current.message(), current.remaining() - 1) : null;
            if (pending.compareAndSet(current, next)) {
                ErrorType type = ErrorType.forFault(current.status());
                return Optional.of(new Fault(new ApiError(current.status(), type, current.message()),
                        type == ErrorType.RATE_LIMIT ? RETRY_AFTER_SECONDS : null));
            }
        }
    }
}
