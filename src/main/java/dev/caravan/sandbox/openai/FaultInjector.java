package dev.caravan.sandbox.openai;

import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.atomic.AtomicReference;

/** Answers the next N requests with a chosen error, to exercise clients' and the gateway's failure paths. */
final class FaultInjector {

    private record Fault(int status, String message, int remaining) {
    }

    private final AtomicReference<Fault> pending = new AtomicReference<>();

    void inject(int status, String message, int count) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("fault status must be 4xx or 5xx: " + status);
        }
        pending.set(count > 0 ? new Fault(status, message, count) : null);
    }

    /** Runs first on every request, before auth and before any body is read. */
    void handle(RoutingContext ctx) {
        Fault fault = take();
        if (fault == null) {
            ctx.next();
            return;
        }
        Replies.error(ctx, fault.status(), errorFor(fault.status(), fault.message()));
    }

    private Fault take() {
        while (true) {
            Fault current = pending.get();
            if (current == null) {
                return null;
            }
            Fault next = current.remaining() > 1
                    ? new Fault(current.status(), current.message(), current.remaining() - 1) : null;
            if (pending.compareAndSet(current, next)) {
                return current;
            }
        }
    }

    private static OpenAiError errorFor(int status, String message) {
        if (status == 429) {
            return new OpenAiError(message, "requests", null, "rate_limit_exceeded");
        }
        if (status >= 500) {
            return new OpenAiError(message, "server_error", null, null);
        }
        return OpenAiError.invalidRequest(message, null, null);
    }
}
