package dev.caravan.sandbox.gemini;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

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
                RpcCode code = RpcCode.forStatus(current.status());
                return Optional.of(new Fault(new ApiError(current.status(), code, current.message(), null),
                        code == RpcCode.RESOURCE_EXHAUSTED ? RETRY_AFTER_SECONDS : null));
            }
        }
    }
}
