package dev.caravan.sandbox.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes the answers: JSON bodies, errors in Google's envelope, and file bytes streamed from disk. */
final class Replies {

    private static final Logger LOG = LoggerFactory.getLogger(Replies.class);
    private static final String JSON = "application/json; charset=UTF-8";

    private Replies() {
    }

    static void json(HttpServerResponse response, JsonNode body) {
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(200).putHeader("Content-Type", JSON).end(Buffer.buffer(Json.bytes(body)));
    }

    static void error(HttpServerResponse response, ApiError error) {
        error(response, error, null);
    }

    /** @param retryAfterSeconds the {@code Retry-After} of a 429, or null */
    static void error(HttpServerResponse response, ApiError error, Integer retryAfterSeconds) {
        if (response.ended() || response.closed()) {
            return;
        }
        if (response.headWritten()) {
            // mid-download: the status is gone already; cutting the connection is all that is left
            response.reset();
            return;
        }
        response.setStatusCode(error.httpStatus()).putHeader("Content-Type", JSON);
        if (retryAfterSeconds != null) {
            response.putHeader("Retry-After", Integer.toString(retryAfterSeconds));
        }
        response.end(Buffer.buffer(Json.bytes(envelope(error))));
    }

    static ObjectNode envelope(ApiError error) {
        ObjectNode body = Json.object();
        ObjectNode inner = body.putObject("error");
        inner.put("code", error.httpStatus());
        inner.put("message", error.getMessage());
        inner.put("status", error.code().name());
        if (error.details() != null) {
            inner.set("details", error.details());
        }
        return body;
    }

    /** Streams a stored file; it may be deleted meanwhile (the open handle keeps its bytes readable). */
    static void file(HttpServerResponse response, Path file, String mimeType) {
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(200).putHeader("Content-Type", mimeType).sendFile(file.toString())
                .onFailure(failure -> {
                    LOG.debug("Gemini emulator: download of {} broke: {}", file.getFileName(), failure.toString());
                    error(response, ApiError.internal("The file could not be read."));
                });
    }
}
