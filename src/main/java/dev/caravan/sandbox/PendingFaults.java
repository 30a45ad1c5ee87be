package dev.caravan.sandbox;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The faults a test asked an emulator to inject: answer the next N requests with this status and message instead of
 * serving them. Each emulator turns a fault into its own upstream's error envelope; this only counts, safely across
 * the emulator's threads.
 */
public final class PendingFaults {

    /** One request's fault. */
    public record Fault(int status, String message) {
    }

    private record Pending(Fault fault, int remaining) {
    }

    private final AtomicReference<Pending> pending = new AtomicReference<>();

    /** The next {@code count} requests get {@code status}; a count of 0 clears what is pending. */
    public void inject(int status, String message, int count) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("fault status must be 4xx or 5xx: " + status);
        }
        pending.set(count > 0 ? new Pending(new Fault(status, message), count) : null);
    }

    /** The fault for the request at hand, if one is pending; each call uses one up. */
    public Optional<Fault> take() {
        while (true) {
            Pending current = pending.get();
            if (current == null) {
                return Optional.empty();
            }
            Pending next = current.remaining() > 1 ? new Pending(current.fault(), current.remaining() - 1) : null;
            if (pending.compareAndSet(current, next)) {
                return Optional.of(current.fault());
            }
        }
    }
}
