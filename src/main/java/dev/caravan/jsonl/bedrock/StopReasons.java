package dev.caravan.jsonl.bedrock;

import dev.caravan.jsonl.canonical.FinishReason;

/**
 * Each family's stop-reason words and OpenAI's finish_reason, both ways. Sources: the Claude Messages response
 * ({@code stop_reason}), the Converse and Nova responses ({@code stopReason}), Llama ({@code stop_reason}), Mistral
 * ({@code outputs[].stop_reason}) and Titan Text ({@code completionReason}) pages of the Bedrock user guide.
 *
 * <p>Reading, a word Caravan does not know becomes {@code stop}: families add reasons over time, and failing the
 * whole results file over one of them would cost the caller every other result. Writing, a finish reason a family
 * has no word for keeps OpenAI's word, so the information is not lost.
 */
final class StopReasons {

    private StopReasons() {
    }

    static FinishReason fromClaude(String reason) {
        switch (reason == null ? "" : reason) {
            case "max_tokens":
            case "model_context_window_exceeded":
                return FinishReason.LENGTH;
            case "tool_use":
                return FinishReason.TOOL_CALLS;
            case "refusal":
                return FinishReason.CONTENT_FILTER;
            default: // end_turn, stop_sequence, pause_turn
                return FinishReason.STOP;
        }
    }

    static FinishReason fromConverse(String reason) {
        switch (reason == null ? "" : reason) {
            case "max_tokens":
            case "model_context_window_exceeded":
                return FinishReason.LENGTH;
            case "tool_use":
                return FinishReason.TOOL_CALLS;
            case "content_filtered":
            case "guardrail_intervened":
                return FinishReason.CONTENT_FILTER;
            default: // end_turn, stop_sequence
                return FinishReason.STOP;
        }
    }

    /** Llama says stop or length; Mistral adds model_length (context full) and tool_calls. */
    static FinishReason fromLlamaOrMistral(String reason) {
        switch (reason == null ? "" : reason) {
            case "length":
            case "model_length":
                return FinishReason.LENGTH;
            case "tool_calls":
                return FinishReason.TOOL_CALLS;
            default: // stop
                return FinishReason.STOP;
        }
    }

    /** The batch results page shows FINISH where the model page says FINISHED: both are read. */
    static FinishReason fromTitan(String reason) {
        switch (reason == null ? "" : reason) {
            case "LENGTH":
                return FinishReason.LENGTH;
            case "CONTENT_FILTERED":
                return FinishReason.CONTENT_FILTER;
            default: // FINISH, FINISHED, STOP_CRITERIA_MET, RAG_QUERY_WHEN_RAG_DISABLED
                return FinishReason.STOP;
        }
    }

    static String toClaude(FinishReason reason) {
        switch (reason) {
            case STOP:
                return "end_turn";
            case LENGTH:
                return "max_tokens";
            case TOOL_CALLS:
                return "tool_use";
            default:
                return "refusal";
        }
    }

    static String toConverse(FinishReason reason) {
        switch (reason) {
            case STOP:
                return "end_turn";
            case LENGTH:
                return "max_tokens";
            case TOOL_CALLS:
                return "tool_use";
            default:
                return "content_filtered";
        }
    }

    /** Llama's words are stop and length; Mistral has tool_calls; content_filter stays OpenAI's word. */
    static String toLlamaOrMistral(FinishReason reason) {
        return reason.wire();
    }

    static String toTitan(FinishReason reason) {
        switch (reason) {
            case STOP:
                return "FINISH";
            case LENGTH:
                return "LENGTH";
            case CONTENT_FILTER:
                return "CONTENT_FILTERED";
            default:
                return reason.wire();
        }
    }
}
