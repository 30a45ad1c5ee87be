package dev.caravan.sandbox.anthropic;

import dev.caravan.sandbox.PendingFaults;
import java.util.Optional;

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

    private final PendingFaults pending = new PendingFaults();

    void inject(int status, String message, int count) {
        pending.inject(status, message, count);
    }

    /** The fault for the request at hand, if one is pending; each call uses one up. */
    Optional<Fault> take() {
        return pending.take().map(fault -> {
            ErrorType type = ErrorType.forFault(fault.status());
            return new Fault(new ApiError(fault.status(), type, fault.message()),
                    type == ErrorType.RATE_LIMIT ? RETRY_AFTER_SECONDS : null);
        });
    }
}
