package dev.caravan.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.model.ErrorKind;
import dev.caravan.model.GatewayError;
import dev.caravan.wire.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Google's error answer {@code {"error":{"code","message","status","details"}}} (provider-apis.md §4.5) as a
 * {@link GatewayError} that keeps the HTTP status and Google's message. Google's canonical status name
 * ({@code NOT_FOUND}, {@code RESOURCE_EXHAUSTED}…) is an error code, so it travels as the OpenAI envelope's
 * {@code code}; the {@code type} stays OpenAI's ({@code invalid_request_error} / {@code server_error}), which is what
 * OpenAI clients branch on.
 */
final class GeminiUpstreamErrors {

    private static final int ERROR_BODY_LIMIT = 64 * 1024;

    private GeminiUpstreamErrors() {
    }

    static int status(Message message) {
        return message.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
    }

    /** Throws the answer's error unless it is a 2xx. */
    static void failOnError(Message message) throws IOException {
        int status = status(message);
        if (status < 200 || status >= 300) {
            throw read(message, status);
        }
    }

    /** The error in the answer's body, which is consumed. */
    static GatewayError read(Message message, int status) throws IOException {
        String raw;
        try (InputStream body = message.getBody(InputStream.class)) {
            raw = body == null ? "" : new String(body.readNBytes(ERROR_BODY_LIMIT), StandardCharsets.UTF_8);
        }
        return fromBody(raw, status);
    }

    static GatewayError fromBody(String raw, int status) {
        JsonNode error = parseQuietly(raw).path("error");
        String text = error.path("message").asText("");
        if (text.isEmpty()) {
            text = "Gemini answered HTTP " + status + " without an error message.";
        }
        JsonNode code = error.get("status");
        return GatewayError.upstream(status, text, null, code != null && code.isTextual() ? code.asText() : null,
                null);
    }

    /** Gemini answered 2xx with something Caravan cannot read. */
    static GatewayError unexpected(String what) {
        return GatewayError.of(ErrorKind.UPSTREAM_ERROR, "Gemini answered " + what + "; Caravan cannot read it.");
    }

    private static JsonNode parseQuietly(String raw) {
        try {
            JsonNode node = Json.MAPPER.readTree(raw);
            return node == null ? Json.MAPPER.missingNode() : node;
        } catch (IOException e) {
            return Json.MAPPER.missingNode();
        }
    }
}
