package dev.caravan.provider;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.model.GatewayError;
import dev.caravan.provider.openai.UpstreamErrorReader;
import dev.caravan.wire.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * An upstream's answer read as an error, the way Anthropic and Google both write theirs: {@code {"error":{"message",
 * …}}}. Only the head of the body is read (an error is small; a proxy's HTML page need not be), and a body that is no
 * JSON reads as an error without details, so the caller still hears the status.
 */
public final class UpstreamErrorAnswer {

    private static final int ERROR_BODY_LIMIT = 64 * 1024;

    private UpstreamErrorAnswer() {
    }

    public static int status(Message message) {
        return message.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
    }

    /** Throws the answer's error, read by the provider's reader, unless it is a 2xx. */
    public static void failOnError(Message message, UpstreamErrorReader reader) throws IOException {
        int status = status(message);
        if (status < 200 || status >= 300) {
            throw reader.read(message, status);
        }
    }

    /** The {@code error} object of the answer's body, which is consumed; a missing node when there is none. */
    public static JsonNode errorObject(Message message) throws IOException {
        try (InputStream body = message.getBody(InputStream.class)) {
            return errorObject(body == null ? "" : new String(body.readNBytes(ERROR_BODY_LIMIT),
                    StandardCharsets.UTF_8));
        }
    }

    public static JsonNode errorObject(String raw) {
        try {
            JsonNode node = Json.MAPPER.readTree(raw);
            return node == null ? Json.MAPPER.missingNode() : node.path("error");
        } catch (IOException e) {
            return Json.MAPPER.missingNode();
        }
    }

    /** The error's message, or one that says the upstream gave none. */
    public static String message(JsonNode error, String upstream, int status) {
        String text = error.path("message").asText("");
        return text.isEmpty() ? upstream + " answered HTTP " + status + " without an error message." : text;
    }

    /** A string member of the error, or null. */
    public static String text(JsonNode error, String member) {
        JsonNode value = error.get(member);
        return value != null && value.isTextual() ? value.asText() : null;
    }
}
