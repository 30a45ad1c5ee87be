package dev.caravan.sandbox.gemini;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpServerRequest;
import java.nio.file.Path;
import java.security.MessageDigest;

/**
 * Streams a request body onto the end of a file as it arrives, with back-pressure (the request pauses while the disk
 * catches up), feeding a digest on the way: no body is ever held in memory. A body that grows past its allowance
 * fails at once and the rest of it is read and dropped, so the client can be answered while it is still sending.
 * On failure the caller truncates the file back (the digest it passed is a copy it may throw away).
 */
final class BodySink {

    private final Vertx vertx;

    BodySink(Vertx vertx) {
        this.vertx = vertx;
    }

    /**
     * @param allowance how many bytes this body may add
     * @param tooLarge  the refusal once it adds more
     * @return the number of bytes appended, once the body has ended and is on disk
     */
    Future<Long> append(HttpServerRequest request, Path file, long allowance, MessageDigest digest,
            ApiError tooLarge) {
        Promise<Long> done = Promise.promise();
        request.pause();
        vertx.fileSystem().open(file.toString(), new OpenOptions().setWrite(true).setAppend(true).setCreate(true))
                .onFailure(failure -> {
                    done.tryFail(ApiError.internal("The upload could not be stored."));
                    request.resume();
                })
                .onSuccess(out -> stream(request, out, allowance, digest, tooLarge, done));
        return done.future();
    }

    private static void stream(HttpServerRequest request, AsyncFile out, long allowance, MessageDigest digest,
            ApiError tooLarge, Promise<Long> done) {
        long[] received = {0};
        boolean[] closed = {false};
        Runnable close = () -> {
            if (!closed[0]) {
                closed[0] = true;
                out.close();
            }
        };
        out.exceptionHandler(failure -> {
            done.tryFail(ApiError.internal("The upload could not be stored."));
            close.run();
        });
        request.handler((Buffer chunk) -> {
            if (done.future().isComplete()) {
                return; // refused already: the rest is read and dropped
            }
            received[0] += chunk.length();
            if (received[0] > allowance) {
                done.tryFail(tooLarge);
                close.run();
                return;
            }
            digest.update(chunk.getBytes());
            out.write(chunk);
            if (out.writeQueueFull()) {
                request.pause();
                out.drainHandler(ignored -> request.resume());
            }
        });
        request.exceptionHandler(failure -> {
            done.tryFail(failure);
            close.run();
        });
        request.endHandler(ignored -> {
            if (closed[0]) {
                return;
            }
            closed[0] = true;
            out.close().onComplete(result -> {
                if (result.failed()) {
                    done.tryFail(ApiError.internal("The upload could not be stored."));
                } else {
                    done.tryComplete(received[0]);
                }
            });
        });
        request.resume();
    }

    /** A small JSON body (upload metadata), collected in memory up to {@code limit} bytes. */
    static Future<Buffer> small(HttpServerRequest request, int limit) {
        Promise<Buffer> done = Promise.promise();
        Buffer body = Buffer.buffer();
        request.handler(chunk -> {
            if (done.future().isComplete()) {
                return;
            }
            if (body.length() + chunk.length() > limit) {
                done.tryFail(ApiError.invalid("Request payload size exceeds the limit: " + limit + " bytes."));
                return;
            }
            body.appendBuffer(chunk);
        });
        request.exceptionHandler(done::tryFail);
        request.endHandler(ignored -> done.tryComplete(body));
        return done.future();
    }
}
