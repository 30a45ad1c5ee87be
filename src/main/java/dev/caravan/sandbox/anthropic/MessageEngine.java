package dev.caravan.sandbox.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.sandbox.SandboxReply;

/**
 * Runs one batch request as the Messages API would, deterministically: the params are checked
 * ({@link ParamsReader}), and the answer is a Message quoting the last user turn ({@link SandboxReply}).
 */
final class MessageEngine {

    private MessageEngine() {
    }

    static Outcome run(JsonNode params, String batchId, String customId) {
        Prompt prompt;
        try {
            prompt = ParamsReader.read(params);
        } catch (ApiError rejected) {
            return new Outcome.Errored(rejected.type(), rejected.getMessage());
        }
        SandboxReply reply = SandboxReply.to(prompt.conversation().lastUserText(),
                (int) Math.min(prompt.maxTokens(), Integer.MAX_VALUE), prompt.stopSequences());
        return new Outcome.Succeeded(message(Ids.message(batchId, customId), prompt, reply));
    }

    /**
     * A Message (provider-apis.md §3.4: {@code result.message}). The usage carries the cache counters at 0 and
     * {@code service_tier: "batch"}, as the API's batch results do (UNCONFIRMED beyond the reference's
     * {@code input_tokens}/{@code output_tokens}: taken from the API's published examples as remembered). A reply cut
     * to nothing by a stop sequence has no content block, as the API sends no empty text block.
     */
    private static ObjectNode message(String id, Prompt prompt, SandboxReply reply) {
        ObjectNode message = WireFormat.MAPPER.createObjectNode();
        message.put("id", id);
        message.put("type", "message");
        message.put("role", "assistant");
        message.put("model", prompt.model().id());
        var content = message.putArray("content");
        if (!reply.text().isEmpty()) {
            ObjectNode block = content.addObject();
            block.put("type", "text");
            block.put("text", reply.text());
        }
        message.put("stop_reason", switch (reply.stop()) {
            case END -> "end_turn";
            case MAX_TOKENS -> "max_tokens";
            case STOP_SEQUENCE -> "stop_sequence";
        });
        message.put("stop_sequence", reply.stopSequence());
        ObjectNode usage = message.putObject("usage");
        usage.put("input_tokens", prompt.conversation().inputTokens());
        usage.put("cache_creation_input_tokens", 0);
        usage.put("cache_read_input_tokens", 0);
        ObjectNode cacheCreation = usage.putObject("cache_creation");
        cacheCreation.put("ephemeral_5m_input_tokens", 0);
        cacheCreation.put("ephemeral_1h_input_tokens", 0);
        usage.put("output_tokens", reply.tokens());
        usage.put("service_tier", "batch");
        return message;
    }
}
