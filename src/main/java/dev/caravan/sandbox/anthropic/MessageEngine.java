package dev.caravan.sandbox.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Runs one batch request as the Messages API would, deterministically: the params are checked
 * ({@link ParamsReader}), and the answer is a Message quoting the last user turn ({@link Reply}).
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
        Reply reply = Reply.to(prompt.conversation().lastUserText(), prompt.maxTokens(), prompt.stopSequences());
        return new Outcome.Succeeded(message(Ids.message(batchId, customId), prompt, reply));
    }

    /**
     * A Message (provider-apis.md §3.4: {@code result.message}). The usage carries the cache counters at 0 and
     * {@code service_tier: "batch"}, as the API's batch results do (UNCONFIRMED beyond the reference's
     * {@code input_tokens}/{@code output_tokens}: taken from the API's published examples as remembered). A reply cut
     * to nothing by a stop sequence has no content block, as the API sends no empty text block.
     */
    private static ObjectNode message(String id, Prompt prompt, Reply reply) {
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
        message.put("stop_reason", reply.stopReason().wireName());
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
