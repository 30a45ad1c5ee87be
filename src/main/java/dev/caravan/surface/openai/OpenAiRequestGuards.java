package dev.caravan.surface.openai;

import dev.caravan.wire.OpenAiJson;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.TimeUnit;

/**
 * Limits the OpenAI surface enforces before platform-http's body handler sees a request. That handler buffers a JSON
 * body whole in the heap (up to the server-wide limit, sized for multipart uploads that go to disk), and waits forever
 * for a multipart body whose closing boundary never comes. JSON bodies therefore need a declared length within their
 * own limit, and a multipart body that has ended without completing is answered instead of left hanging.
 */
final class OpenAiRequestGuards {

    private static final String BODY_READ = "caravan.body-read";
    private static final long CHECK_MILLIS = 250;
    private static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final long maxJsonBytes;

    OpenAiRequestGuards(long maxJsonBytes) {
        this.maxJsonBytes = maxJsonBytes;
    }

    /** POST bodies other than uploads are JSON: their size must be declared and within the limit. */
    void limitJsonBody(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (request.method() != HttpMethod.POST || isMultipart(request)) {
            ctx.next();
            return;
        }
        String length = request.getHeader("Content-Length");
        if (length == null && request.headers().contains("Transfer-Encoding")) {
            reject(ctx, 411, "A JSON request body must declare its Content-Length.");
            return;
        }
        long declared;
        try {
            declared = length == null ? 0 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            reject(ctx, 400, "Content-Length is not a number.");
            return;
        }
        if (declared > maxJsonBytes) {
            reject(ctx, 413, "The JSON request body is " + declared + " bytes; the limit is " + maxJsonBytes
                    + " bytes.");
            return;
        }
        ctx.next();
    }

    /** A multipart upload whose body ended inside a part gets a 400 within a couple of seconds, not a hang. */
    void answerUnterminatedMultipart(RoutingContext ctx) {
        if (!isMultipart(ctx.request())) {
            ctx.next();
            return;
        }
        Vertx vertx = ctx.vertx();
        long[] endedAt = {0};
        long timer = vertx.setPeriodic(CHECK_MILLIS, id -> {
            if (ctx.get(BODY_READ) != null || ctx.response().headWritten() || ctx.response().closed()) {
                vertx.cancelTimer(id);
            } else if (ctx.request().isEnded()) {
                long now = System.nanoTime();
                if (endedAt[0] == 0) {
                    endedAt[0] = now;
                } else if (now - endedAt[0] > GRACE_NANOS) {
                    vertx.cancelTimer(id);
                    reject(ctx, 400, "The multipart/form-data body ended inside a part: the closing boundary is "
                            + "missing.");
                    ctx.cancelAndCleanupFileUploads();
                }
            }
        });
        ctx.addEndHandler(done -> vertx.cancelTimer(timer));
        ctx.next();
    }

    /**
     * Runs after platform-http's body handler on every route (an engine handler): the body has arrived whole. Vert.x's
     * own {@code body().available()} turns true when the body handler starts, so it cannot tell.
     */
    static void markBodyRead(RoutingContext ctx) {
        ctx.put(BODY_READ, Boolean.TRUE);
        ctx.next();
    }

    private static boolean isMultipart(HttpServerRequest request) {
        String type = request.getHeader("Content-Type");
        return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/");
    }

    /** The body is left unread, so the connection cannot carry another request: it is closed after the answer. */
    private static void reject(RoutingContext ctx, int status, String message) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .putHeader("Connection", "close")
                .end(OpenAiJson.error(message, "invalid_request_error", null, null).toString())
                .onComplete(done -> ctx.request().connection().close());
    }
}
