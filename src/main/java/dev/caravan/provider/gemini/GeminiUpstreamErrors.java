package dev.caravan.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.model.ErrorKind;
import dev.caravan.model.GatewayError;
import dev.caravan.provider.UpstreamErrorAnswer;
import java.io.IOException;
import org.apache.camel.Message;

/**
 * Google's error answer {@code {"error":{"code","message","status","details"}}} (provider-apis.md §4.5) as a
 * {@link GatewayError} that keeps the HTTP status and Google's message. Google's canonical status name
 * ({@code NOT_FOUND}, {@code RESOURCE_EXHAUSTED}…) is an error code, so it travels as the OpenAI envelope's
 * {@code code}; the {@code type} stays OpenAI's ({@code invalid_request_error} / {@code server_error}), which is what
 * OpenAI clients branch on.
 */
final class GeminiUpstreamErrors {

    private GeminiUpstreamErrors() {
    }

    static int status(Message message) {
        return UpstreamErrorAnswer.status(message);
    }

    /** Throws the answer's error unless it is a 2xx. */
    static void failOnError(Message message) throws IOException {
        UpstreamErrorAnswer.failOnError(message, GeminiUpstreamErrors::read);
    }

    /** The error in the answer's body, which is consumed. */
    static GatewayError read(Message message, int status) throws IOException {
        return fromError(UpstreamErrorAnswer.errorObject(message), status);
    }

    static GatewayError fromBody(String raw, int status) {
        return fromError(UpstreamErrorAnswer.errorObject(raw), status);
    }

    private static GatewayError fromError(JsonNode error, int status) {
        return GatewayError.upstream(status, UpstreamErrorAnswer.message(error, "Gemini", status), null,
                UpstreamErrorAnswer.text(error, "status"), null);
    }

    /** Gemini answered 2xx with something Caravan cannot read. */
    static GatewayError unexpected(String what) {
        return GatewayError.of(ErrorKind.UPSTREAM_ERROR, "Gemini answered " + what + "; Caravan cannot read it.");
    }
}
