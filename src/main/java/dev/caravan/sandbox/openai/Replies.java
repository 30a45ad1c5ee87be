package dev.caravan.sandbox.openai;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes HTTP replies. Every non-2xx answer goes out through here so that clients always get OpenAI's envelope with a
 * JSON content type, whether the error came from a handler, from vertx-web (404/405/413, bad multipart) or from a bug.
 */
final class Replies {

    private static final Logger LOG = LoggerFactory.getLogger(Replies.class);

    private Replies() {
    }

    static void json(RoutingContext ctx, JsonNode body) {
        HttpServerResponse response = ctx.response();
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(200)
                .putHeader("content-type", "application/json")
                .putHeader("x-request-id", IdGenerator.random("req_", 32))
                .end(Buffer.buffer(WireFormat.bytes(body)));
    }

    static void error(RoutingContext ctx, int status, OpenAiError error) {
        HttpServerResponse response = ctx.response();
        if (response.ended() || response.closed()) {
            return;
        }
        if (response.headWritten()) {
            // Mid-stream (e.g. a file download): the status is gone already; cutting the connection is all that's left.
            response.reset();
            return;
        }
        response.setStatusCode(status)
                .putHeader("content-type", "application/json")
                .putHeader("x-request-id", IdGenerator.random("req_", 32))
                .end(Buffer.buffer(WireFormat.bytes(error.envelope())));
    }

    /** Failure handler for the whole router. */
    static void onFailure(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (ctx.response().ended() || ctx.response().closed()) {
            // A late failure of an exchange already answered (e.g. an upload cancelled by the watchdog).
            LOG.debug("Ignoring failure after the response: {}", String.valueOf(failure));
            return;
        }
        if (failure instanceof ApiError apiError) {
            error(ctx, apiError.status(), apiError.error());
            return;
        }
        int status = failure instanceof HttpException http ? http.getStatusCode() : ctx.statusCode();
        if (status < 400) {
            status = 500;
        }
        if (status >= 500) {
            LOG.error("OpenAI emulator failed on {} {}", ctx.request().method(), ctx.request().path(), failure);
        }
        error(ctx, status, forStatus(ctx, status));
    }

    /** Router error handler for statuses vertx-web produces itself (no route matched, body too large, ...). */
    static void onStatus(RoutingContext ctx) {
        error(ctx, ctx.statusCode(), forStatus(ctx, ctx.statusCode()));
    }

    private static OpenAiError forStatus(RoutingContext ctx, int status) {
        String call = ctx.request().method() + " " + ctx.request().path();
        return switch (status) {
            // The real API answers an unknown route with this message (from memory: "Invalid URL (GET /v1/x)").
            case 404 -> OpenAiError.invalidRequest("Invalid URL (" + call + ")", null, null);
            case 405 -> OpenAiError.invalidRequest("Method not allowed (" + call + ")", null, "method_not_allowed");
            case 413 -> OpenAiError.invalidRequest(
                    "Request too large. Files may be at most " + FileLimits.MAX_UPLOAD_BYTES + " bytes (512 MB).",
                    "file", "file_too_large");
            case 400 -> OpenAiError.invalidRequest(
                    "The request body could not be parsed as multipart/form-data or JSON.", null, null);
            default -> status >= 500
                    ? new OpenAiError("The server had an error while processing your request. Sorry about that!",
                            "server_error", null, null)
                    : OpenAiError.invalidRequest("Request failed with status " + status + ".", null, null);
        };
    }
}
