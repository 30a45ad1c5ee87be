package dev.caravan.sandbox.openai;

import dev.caravan.sandbox.PendingFaults;
import io.vertx.ext.web.RoutingContext;

/** Answers the next N requests with a chosen error, to exercise clients' and the gateway's failure paths. */
final class FaultInjector {

    private final PendingFaults pending = new PendingFaults();

    void inject(int status, String message, int count) {
        pending.inject(status, message, count);
    }

    /** Runs first on every request, before auth and before any body is read. */
    void handle(RoutingContext ctx) {
        pending.take().ifPresentOrElse(
                fault -> Replies.error(ctx, fault.status(), errorFor(fault.status(), fault.message())), ctx::next);
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
