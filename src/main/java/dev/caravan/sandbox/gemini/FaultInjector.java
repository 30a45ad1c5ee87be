package dev.caravan.sandbox.gemini;

import dev.caravan.sandbox.PendingFaults;
import java.util.Optional;

/**
 * Answers the next N requests with a chosen error, so the gateway's tests can show an upstream's 429 and 5xx passed
 * through: 429 as {@code RESOURCE_EXHAUSTED} with a {@code Retry-After} header, 500 as {@code INTERNAL}, 503 as
 * {@code UNAVAILABLE} (provider-apis.md §4.5), any other status with the code Google maps it to.
 */
final class FaultInjector {

    /** The Retry-After of an injected 429, in seconds: a client that honours it does not stall a test. */
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
            RpcCode code = RpcCode.forStatus(fault.status());
            return new Fault(new ApiError(fault.status(), code, fault.message(), null),
                    code == RpcCode.RESOURCE_EXHAUSTED ? RETRY_AFTER_SECONDS : null);
        });
    }
}
