package dev.caravan.sandbox.anthropic;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpServerRequest;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams a request body into a file of its own as it arrives, with back-pressure (the request pauses while the disk
 * catches up), so no body is ever held in memory. A body that grows past the limit fails the spool at once, and the
 * rest of it is read and dropped, so the client can be answered while it is still sending.
 */
final class BodySpool {

    private static final Logger LOG = LoggerFactory.getLogger(BodySpool.class);

    private final Vertx vertx;
    private final Path dir;

    BodySpool(Vertx vertx, Path dir) {
        this.vertx = vertx;
        this.dir = dir;
    }

    /**
     * @return the spooled body's file, once the whole body is on disk; or a failure: {@link ApiError} 413 for a body
     *         over {@code limit} and 500 for a disk problem, another exception for a body that broke off. On failure
     *         the file is removed.
     */
    Future<Path> receive(HttpServerRequest request, long limit, ApiError tooLarge) {
        Promise<Path> spooled = Promise.promise();
        request.pause();
        vertx.fileSystem().createTempFile(dir.toString(), "body-", ".json", (String) null)
                .compose(path -> vertx.fileSystem().open(path, new OpenOptions().setWrite(true))
                        .onFailure(failure -> vertx.fileSystem().delete(path))
                        .onSuccess(file -> stream(request, limit, tooLarge, Path.of(path), file, spooled)))
                .onFailure(failure -> {
                    LOG.error("Anthropic emulator: no spool file for a request body", failure);
                    spooled.tryFail(unstored());
                    request.resume(); // the body is dropped
                });
        return spooled.future();
    }

    private void stream(HttpServerRequest request, long limit, ApiError tooLarge, Path path, AsyncFile file,
            Promise<Path> spooled) {
        long[] received = {0};
        boolean[] closing = {false};
        file.exceptionHandler(failure -> {
            LOG.error("Anthropic emulator: a request body could not be spooled", failure);
            spooled.tryFail(unstored());
        });
        request.handler(chunk -> {
            if (spooled.future().isComplete()) {
                return; // failed already: the rest is read and dropped
            }
            received[0] += chunk.length();
            if (received[0] > limit) {
                spooled.tryFail(tooLarge);
                return;
            }
            file.write(chunk);
            if (file.writeQueueFull()) {
                request.pause();
                file.drainHandler(ignored -> request.resume());
            }
        });
        // a body that breaks off (the connection closes mid-way) never ends: its file goes at once
        request.exceptionHandler(failure -> {
            LOG.debug("Anthropic emulator: a request body broke off: {}", failure.toString());
            spooled.tryFail(failure);
            if (!closing[0]) {
                closing[0] = true;
                file.close().onComplete(closed -> vertx.fileSystem().delete(path.toString()));
            }
        });
        request.endHandler(ignored -> {
            if (closing[0]) {
                return;
            }
            closing[0] = true;
            file.close().onComplete(closed -> {
                if (closed.failed()) {
                    LOG.error("Anthropic emulator: a request body could not be spooled", closed.cause());
                    spooled.tryFail(unstored());
                }
                if (!spooled.tryComplete(path)) {
                    vertx.fileSystem().delete(path.toString());
                }
            });
        });
        request.resume();
    }

    private static ApiError unstored() {
        return new ApiError(ErrorType.API, "The request body could not be stored.");
    }
}
