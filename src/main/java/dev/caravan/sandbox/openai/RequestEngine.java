package dev.caravan.sandbox.openai;

import com.fasterxml.jackson.databind.JsonNode;

/** Answers one batch request deterministically: the same body always gives the same response. */
interface RequestEngine {

    /**
     * @param customId       the request's custom_id, folded into response ids so that they differ between requests
     * @param createdSeconds the unix time to report as the response's creation time
     */
    Execution execute(JsonNode body, String customId, long createdSeconds);

    /** How many inputs the request counts for against per-batch input caps. */
    default int inputCount(JsonNode body) {
        return 1;
    }

    /** The outcome of one request: what goes into {@code response} of its output or error line. */
    record Execution(int statusCode, JsonNode body, long inputTokens, long outputTokens) {

        static Execution rejected(OpenAiError error) {
            return new Execution(400, error.envelope(), 0, 0);
        }

        boolean succeeded() {
            return statusCode / 100 == 2;
        }
    }
}
