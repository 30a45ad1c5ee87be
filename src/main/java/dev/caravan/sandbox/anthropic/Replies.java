package dev.caravan.sandbox.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the answers: JSON with a {@code request-id} header on every one, errors in Anthropic's envelope whose
 * {@code request_id} is that same id, and results files streamed from disk.
 *
 * <p>UNCONFIRMED (provider-apis.md §3.1): the header's name is {@code request-id}; the reference has it from memory,
 * only the body's {@code request_id} is in the spec.
 */
final class Replies {

    static final String REQUEST_ID = "request-id";
    /** The results' media type as the docs give it (provider-apis.md §3.2). */
    static final String JSONL = "application/x-jsonl";

    private static final Logger LOG = LoggerFactory.getLogger(Replies.class);

    private Replies() {
    }

    static void json(HttpServerResponse response, String requestId, JsonNode body) {
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(200)
                .putHeader("content-type", "application/json")
                .putHeader(REQUEST_ID, requestId)
                .end(Buffer.buffer(WireFormat.bytes(body)));
    }

    static void error(HttpServerResponse response, String requestId, ApiError error) {
        error(response, requestId, error, null);
    }

    /** @param retryAfterSeconds the {@code retry-after} header of a rate limit, or null */
    static void error(HttpServerResponse response, String requestId, ApiError error, Integer retryAfterSeconds) {
        if (response.ended() || response.closed()) {
            return;
        }
        if (response.headWritten()) {
            // mid-stream (a results download): the status is gone already; cutting the connection is all that's left
            response.reset();
            return;
        }
        response.setStatusCode(error.status())
                .putHeader("content-type", "application/json")
                .putHeader(REQUEST_ID, requestId);
        if (retryAfterSeconds != null) {
            response.putHeader("retry-after", Integer.toString(retryAfterSeconds));
        }
        response.end(Buffer.buffer(WireFormat.bytes(WireFormat.error(error.type(), error.getMessage(), requestId))));
    }

    /** Streams a results file; the file may be deleted meanwhile (the open handle keeps its bytes readable). */
    static void jsonlFile(HttpServerResponse response, String requestId, Path file) {
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(200)
                .putHeader("content-type", JSONL)
                .putHeader(REQUEST_ID, requestId)
                .sendFile(file.toString())
                .onFailure(failure -> {
                    LOG.debug("Anthropic emulator: results download of {} broke: {}", file.getFileName(),
                            failure.toString());
                    if (!response.headWritten()) {
                        error(response, requestId, new ApiError(ErrorType.API, "The results could not be read."));
                    }
                });
    }
}
