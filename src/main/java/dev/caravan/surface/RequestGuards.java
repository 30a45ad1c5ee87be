package dev.caravan.surface;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Limits a JSON surface enforces before platform-http's body handler sees a request. That handler buffers a JSON
 * body whole in the heap (up to the server-wide limit, sized for multipart uploads that go to disk), waits forever
 * for a body that stops arriving or a multipart body whose closing boundary never comes, and fails with a bare 500 on
 * a query it cannot decode or a multipart GET. Each of these is answered here, in the surface's own error envelope.
 */
public final class RequestGuards {

    /** Writes a refusal in a surface's error envelope and ends the response. */
    @FunctionalInterface
    public interface Refusal {
        Future<Void> answer(HttpServerResponse response, int status, String message);
    }

    private static final String BODY_READ = "caravan.body-read";
    private static final long CHECK_MILLIS = 250;
    private static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final long maxJsonBytes;
    private final long idleNanos;
    private final Refusal refusal;

    public RequestGuards(long maxJsonBytes, long bodyIdleMillis, Refusal refusal) {
        this.maxJsonBytes = maxJsonBytes;
        this.idleNanos = TimeUnit.MILLISECONDS.toNanos(bodyIdleMillis);
        this.refusal = refusal;
    }

    /** What can be judged from the request line and headers: the query, a body on a read, a JSON body's size. */
    public void checkRequest(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String query = request.query();
        if (query != null) {
            try {
                new QueryStringDecoder(query, StandardCharsets.UTF_8, false).parameters();
            } catch (IllegalArgumentException e) {
                reject(ctx, 400, "The query string is not validly percent-encoded.");
                return;
            }
        }
        if (request.method() != HttpMethod.POST) {
            if (isMultipart(request)) {
                reject(ctx, 400, request.method() + " requests take no multipart body.");
                return;
            }
            ctx.next();
            return;
        }
        if (!isMultipart(request)) {
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
        }
        ctx.next();
    }

    /**
     * While a POST body arrives: a body that stops arriving for the idle timeout gets a 408; a multipart body that
     * has ended inside a part (no closing boundary) gets a 400 within a couple of seconds. Neither is left hanging.
     */
    public void watchBody(RoutingContext ctx) {
        if (ctx.request().method() != HttpMethod.POST) {
            ctx.next();
            return;
        }
        Vertx vertx = ctx.vertx();
        boolean multipart = isMultipart(ctx.request());
        long[] progress = {-1, System.nanoTime(), 0};
        long timer = vertx.setPeriodic(CHECK_MILLIS, id -> {
            HttpServerRequest request = ctx.request();
            long now = System.nanoTime();
            if (ctx.get(BODY_READ) != null || ctx.response().headWritten() || ctx.response().closed()) {
                vertx.cancelTimer(id);
            } else if (!request.isEnded()) {
                if (request.bytesRead() != progress[0]) {
                    progress[0] = request.bytesRead();
                    progress[1] = now;
                } else if (now - progress[1] > idleNanos) {
                    vertx.cancelTimer(id);
                    reject(ctx, 408, "The request body stopped arriving before it was complete.");
                    ctx.cancelAndCleanupFileUploads();
                }
            } else if (multipart) {
                if (progress[2] == 0) {
                    progress[2] = now;
                } else if (now - progress[2] > GRACE_NANOS) {
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
     * A failure raised by the HTTP layer itself before any route ran (vertx-web's body handler on a malformed
     * multipart body): the request could not be read, which is the caller's 400, not a bare 500.
     */
    public void answerUnreadableRequest(RoutingContext ctx) {
        if (ctx.response().headWritten() || ctx.response().ended()) {
            ctx.next();
            return;
        }
        int status = ctx.statusCode();
        reject(ctx, status >= 400 && status < 500 ? status : 400, "The request could not be read"
                + (ctx.failure() == null || ctx.failure().getMessage() == null ? "." : ": a malformed body."));
    }

    /**
     * Runs after platform-http's body handler on every route (an engine handler): the body has arrived whole. Vert.x's
     * own {@code body().available()} turns true when the body handler starts, so it cannot tell.
     */
    public static void markBodyRead(RoutingContext ctx) {
        ctx.put(BODY_READ, Boolean.TRUE);
        ctx.next();
    }

    private static boolean isMultipart(HttpServerRequest request) {
        String type = request.getHeader("Content-Type");
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/");
    }

    /** The body is left unread, so the connection cannot carry another request: it is closed after the answer. */
    private void reject(RoutingContext ctx, int status, String message) {
        refusal.answer(ctx.response().setStatusCode(status).putHeader("Connection", "close"), status, message)
                .onComplete(done -> ctx.request().connection().close());
    }
}
