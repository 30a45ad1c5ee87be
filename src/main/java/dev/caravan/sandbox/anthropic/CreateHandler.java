package dev.caravan.sandbox.anthropic;

import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/messages/batches}: a body over 256 MB is answered 413 {@code request_too_large} as soon as that is
 * known (at once from its Content-Length, else when the count passes the limit); any other is spooled to disk
 * ({@link BodySpool}), read on a worker into the batch's requests file ({@link CreateBodyParser}), and removed. At no
 * point is the body in memory, and on disk it is in two places only while it is being parsed.
 */
final class CreateHandler {

    private static final Logger LOG = LoggerFactory.getLogger(CreateHandler.class);

    private final WorkerExecutor worker;
    private final BatchStore store;
    private final BodySpool spool;
    private final Function<String, String> resultsUrl;

    CreateHandler(WorkerExecutor worker, BatchStore store, BodySpool spool, Function<String, String> resultsUrl) {
        this.worker = worker;
        this.store = store;
        this.spool = spool;
        this.resultsUrl = resultsUrl;
    }

    void handle(HttpServerRequest request, String requestId) {
        String declared = request.getHeader("content-length");
        if (declared != null && !declared.isEmpty() && declared.chars().allMatch(Character::isDigit)
                && (declared.length() > 18 || Long.parseLong(declared) > BatchLimits.MAX_BODY_BYTES)) {
            Replies.error(request.response(), requestId, tooLarge());
            return;
        }
        if ("100-continue".equalsIgnoreCase(request.getHeader("expect"))) {
            // the body is wanted: a client waiting for this (curl does, for large bodies) sends it now
            request.response().writeContinue();
        }
        spool.receive(request, BatchLimits.MAX_BODY_BYTES, tooLarge())
                .onSuccess(body -> create(request, requestId, body))
                .onFailure(failure -> {
                    if (failure instanceof ApiError refused) {
                        Replies.error(request.response(), requestId, refused);
                    }
                    // else the body broke off: there is no one left to answer
                });
    }

    private void create(HttpServerRequest request, String requestId, Path body) {
        worker.<BatchView>executeBlocking(() -> {
            Path requests = store.newRequestsFile();
            try {
                int total = CreateBodyParser.parse(body, requests);
                return store.create(total, requests);
            } catch (RuntimeException | IOException e) {
                Files.deleteIfExists(requests);
                throw e;
            } finally {
                Files.deleteIfExists(body);
            }
        }, false).onComplete(result -> {
            if (result.succeeded()) {
                BatchView batch = result.result();
                Replies.json(request.response(), requestId, WireFormat.batch(batch, resultsUrl.apply(batch.id())));
            } else if (result.cause() instanceof ApiError refused) {
                Replies.error(request.response(), requestId, refused);
            } else {
                LOG.error("Anthropic emulator: a batch could not be created", result.cause());
                Replies.error(request.response(), requestId, new ApiError(ErrorType.API,
                        "The batch could not be created."));
            }
        });
    }

    /** UNCONFIRMED wording; the status and type are the reference's (provider-apis.md §3.5). */
    private static ApiError tooLarge() {
        return new ApiError(ErrorType.REQUEST_TOO_LARGE, "Request exceeds the maximum allowed number of bytes: a "
                + "message batch's create body may be at most " + BatchLimits.MAX_BODY_BYTES + " bytes (256 MB).");
    }
}
