package dev.caravan.surface.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.model.Batch;
import dev.caravan.model.BatchPage;
import dev.caravan.model.FileContent;
import dev.caravan.model.FileDeleted;
import dev.caravan.model.FileObject;
import dev.caravan.model.FilePage;
import dev.caravan.wire.OpenAiJson;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Writes a canonical result as the OpenAI API would answer it. Every header is cleared first: neither the caller's
 * request headers nor the upstream's response headers belong in this response.
 */
public class OpenAiResponses {

    public void render(Exchange exchange) {
        Message message = exchange.getMessage();
        Object result = message.getBody();
        if (result instanceof FileContent content) {
            message.removeHeaders("*");
            message.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
            message.setHeader(Exchange.CONTENT_TYPE, content.contentType());
            message.setBody(content.body());
            return;
        }
        writeJson(message, 200, json(result));
    }

    /** Replaces the whole response (headers included) with a JSON body and a status. */
    static void writeJson(Message message, int status, ObjectNode json) {
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        // bytes, not a String: platform-http then sends a Content-Length instead of chunking
        message.setBody(json.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static ObjectNode json(Object result) {
        if (result instanceof FileObject file) {
            return OpenAiJson.file(file);
        } else if (result instanceof FilePage page) {
            return OpenAiJson.filePage(page);
        } else if (result instanceof FileDeleted deleted) {
            return OpenAiJson.fileDeleted(deleted);
        } else if (result instanceof Batch batch) {
            return OpenAiJson.batch(batch);
        } else if (result instanceof BatchPage page) {
            return OpenAiJson.batchPage(page);
        }
        throw new IllegalStateException("no OpenAI rendering for " + result);
    }
}
