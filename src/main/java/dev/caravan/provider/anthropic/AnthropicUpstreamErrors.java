package dev.caravan.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.model.GatewayError;
import dev.caravan.provider.UpstreamErrorAnswer;
import java.io.IOException;
import org.apache.camel.Message;

/**
 * Anthropic's error answer {@code {"type":"error","error":{"type","message"},"request_id"}} (provider-apis.md §3.5)
 * as a {@link GatewayError} that keeps Anthropic's status, message and error type, which the OpenAI surface renders
 * in OpenAI's envelope (the type as its {@code type}).
 */
final class AnthropicUpstreamErrors {

    private AnthropicUpstreamErrors() {
    }

    static int status(Message message) {
        return UpstreamErrorAnswer.status(message);
    }

    /** Throws the answer's error unless it is a 2xx. */
    static void failOnError(Message message) throws IOException {
        UpstreamErrorAnswer.failOnError(message, AnthropicUpstreamErrors::read);
    }

    /** The error in the answer's body, which is consumed. */
    static GatewayError read(Message message, int status) throws IOException {
        JsonNode error = UpstreamErrorAnswer.errorObject(message);
        return GatewayError.upstream(status, UpstreamErrorAnswer.message(error, "Anthropic", status), null, null,
                UpstreamErrorAnswer.text(error, "type"));
    }
}
