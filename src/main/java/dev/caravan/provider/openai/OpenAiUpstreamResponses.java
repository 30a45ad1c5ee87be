package dev.caravan.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.model.Batch;
import dev.caravan.model.BatchPage;
import dev.caravan.model.FileContent;
import dev.caravan.model.FileDeleted;
import dev.caravan.model.FileObject;
import dev.caravan.model.FilePage;
import dev.caravan.model.GatewayError;
import dev.caravan.wire.Json;
import dev.caravan.wire.OpenAiJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Reads OpenAI API responses into canonical results. A non-2xx answer becomes a {@link GatewayError} that keeps
 * OpenAI's status, message, type, code and param, so callers see the upstream's own words.
 */
public class OpenAiUpstreamResponses {

    private static final int ERROR_BODY_LIMIT = 64 * 1024;

    public FileObject file(Exchange exchange) throws IOException {
        return OpenAiJson.readFile(json(exchange));
    }

    public FilePage filePage(Exchange exchange) throws IOException {
        return OpenAiJson.readFilePage(json(exchange));
    }

    public FileDeleted fileDeleted(Exchange exchange) throws IOException {
        return OpenAiJson.readFileDeleted(json(exchange));
    }

    public Batch batch(Exchange exchange) throws IOException {
        return OpenAiJson.readBatch(json(exchange));
    }

    public BatchPage batchPage(Exchange exchange) throws IOException {
        return OpenAiJson.readBatchPage(json(exchange));
    }

    /** The content stays an open stream: camel-http releases the connection when the exchange completes. */
    public FileContent content(Exchange exchange) throws IOException {
        Message message = exchange.getMessage();
        failOnError(message);
        String contentType = message.getHeader(Exchange.CONTENT_TYPE, "application/octet-stream", String.class);
        InputStream body = message.getBody(InputStream.class);
        return new FileContent(body == null ? InputStream.nullInputStream() : body, contentType);
    }

    private static JsonNode json(Exchange exchange) throws IOException {
        Message message = exchange.getMessage();
        failOnError(message);
        try (InputStream body = message.getBody(InputStream.class)) {
            return Json.MAPPER.readTree(body);
        }
    }

    private static void failOnError(Message message) throws IOException {
        int status = status(message);
        if (status >= 200 && status < 300) {
            return;
        }
        throw upstreamError(message, status);
    }

    static int status(Message message) {
        return message.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
    }

    /** OpenAI's error answer (consumed from the body) as a {@link GatewayError} in OpenAI's own words. */
    static GatewayError upstreamError(Message message, int status) throws IOException {
        String raw;
        try (InputStream body = message.getBody(InputStream.class)) {
            raw = body == null ? "" : new String(body.readNBytes(ERROR_BODY_LIMIT), StandardCharsets.UTF_8);
        }
        JsonNode error = parseQuietly(raw).path("error");
        String text = error.path("message").asText("");
        if (text.isEmpty()) {
            text = "OpenAI answered HTTP " + status + " without an error message.";
        }
        return GatewayError.upstream(status, text, textOrNull(error, "param"), textOrNull(error, "code"),
                textOrNull(error, "type"));
    }

    private static JsonNode parseQuietly(String raw) {
        try {
            return Json.MAPPER.readTree(raw);
        } catch (IOException e) {
            return Json.MAPPER.missingNode();
        }
    }

    private static String textOrNull(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
