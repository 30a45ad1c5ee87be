package dev.caravan.sandbox.bedrock;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.wire.Json;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.io.UncheckedIOException;

/**
 * Writes the rest-json answers: {@code application/json}, an {@code x-amzn-RequestId} on every answer, and on errors
 * {@code x-amzn-ErrorType} with {@code {"message"}} (provider-apis.md §6.6), which the SDKs turn into their typed
 * exceptions.
 */
final class Replies {

    private Replies() {
    }

    static void json(HttpServerResponse response, String requestId, JsonNode body) {
        send(response, 200, requestId, null, body);
    }

    static void error(HttpServerResponse response, String requestId, ServiceError error) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        if (error.getMessage() == null) {
            body.putNull("message");
        } else {
            body.put("message", error.getMessage());
        }
        send(response, error.status(), requestId, error.type(), body);
    }

    private static void send(HttpServerResponse response, int status, String requestId, String errorType,
            JsonNode body) {
        if (response.ended() || response.closed()) {
            return;
        }
        byte[] bytes;
        try {
            bytes = Json.MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        response.setStatusCode(status)
                .putHeader("content-type", "application/json")
                .putHeader("x-amzn-RequestId", requestId);
        if (errorType != null) {
            response.putHeader("x-amzn-ErrorType", errorType);
        }
        response.end(Buffer.buffer(bytes));
    }
}
