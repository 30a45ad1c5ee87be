package dev.caravan.sandbox.openai;

import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.TimeUnit;

/**
 * Answers 400 to a multipart body that ends inside a file part (no closing boundary), and removes the partial upload
 * of a form that never arrived whole. vertx-web's BodyHandler would
 * otherwise wait forever for that part to finish and the client would hang; a gateway that forgets the closing
 * boundary should see a prompt error instead, as it would from the real API.
 */
final class UploadWatchdog {

    /** Time allowed after the last request byte for uploads to reach the disk; writes are back-pressured, so small. */
    private static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final long CHECK_MILLIS = 250;
    private static final String FORM_READ = "openai-emulator.form-read";

    private UploadWatchdog() {
    }

    /** Runs before the BodyHandler. */
    static void watch(RoutingContext ctx) {
        Vertx vertx = ctx.vertx();
        long[] endedAt = {0};
        long timer = vertx.setPeriodic(CHECK_MILLIS, id -> {
            if (ctx.get(FORM_READ) != null || ctx.response().ended() || ctx.response().closed()) {
                vertx.cancelTimer(id);
                return;
            }
            if (!ctx.request().isEnded()) {
                return;
            }
            long now = System.nanoTime();
            if (endedAt[0] == 0) {
                endedAt[0] = now;
            } else if (now - endedAt[0] > GRACE_NANOS) {
                vertx.cancelTimer(id);
                // Answer first: cancelling the uploads makes the BodyHandler fail the exchange with a bare 500.
                ctx.fail(ApiError.badRequest("The multipart/form-data body ended inside a part: the closing boundary "
                        + "is missing.", null, null));
                ctx.cancelAndCleanupFileUploads();
            }
        });
        ctx.addEndHandler(done -> {
            vertx.cancelTimer(timer);
            if (ctx.get(FORM_READ) == null) {
                // The form never arrived whole (the client went away mid-upload, as a gateway that aborts a streamed
                // upload does): like the real API, nothing of it is kept, not even the partial file on disk.
                ctx.cancelAndCleanupFileUploads();
            }
        });
        ctx.next();
    }

    /** Runs after the BodyHandler: the form arrived whole. */
    static void formRead(RoutingContext ctx) {
        ctx.put(FORM_READ, Boolean.TRUE);
        ctx.next();
    }
}
