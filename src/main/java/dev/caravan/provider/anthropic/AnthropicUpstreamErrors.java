package dev.caravan.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.model.GatewayError;
import dev.caravan.wire.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Anthropic's error answer {@code {"type":"error","error":{"type","message"},"request_id"}} (provider-apis.md §3.5)
 * as a {@link GatewayError} that keeps Anthropic's status, message and error type, which the OpenAI surface renders
 * in OpenAI's envelope (the type as its {@code type}).
 */
final class AnthropicUpstreamErrors {

    private static final int ERROR_BODY_LIMIT = 64 * 1024;

    private AnthropicUpstreamErrors() {
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
        JsonNode error = parseQuietly(raw).path("error");
        String text = error.path("message").asText("");
        if (text.isEmpty()) {
            text = "Anthropic answered HTTP " + status + " without an error message.";
        }
        JsonNode type = error.get("type");
        return GatewayError.upstream(status, text, null, null, type != null && type.isTextual() ? type.asText() : null);
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
