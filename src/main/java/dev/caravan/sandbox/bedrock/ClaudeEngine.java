package dev.caravan.sandbox.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.sandbox.SandboxReply;
import dev.caravan.wire.Json;
import java.util.Set;

/**
 * Anthropic Claude's Messages body on Bedrock: {@code anthropic_version} ({@code bedrock-2023-05-31}),
 * {@code max_tokens} and {@code messages} required, unknown keys refused; the response is a Messages API message
 * ({@code msg_bdrk_…}, {@code stop_reason} end_turn / max_tokens / stop_sequence, usage in input/output tokens).
 */
final class ClaudeEngine implements InferenceEngine {

    static final String VERSION = "bedrock-2023-05-31";
    private static final Set<String> KEYS = Set.of("anthropic_version", "anthropic_beta", "max_tokens", "messages",
            "system", "temperature", "top_p", "top_k", "stop_sequences", "tools", "tool_choice", "metadata",
            "thinking");

    @Override
    public Inference invoke(JsonNode body, RecordContext context) {
        for (var names = body.fieldNames(); names.hasNext(); ) {
            String key = names.next();
            if (!KEYS.contains(key)) {
                throw ModelInputException.extraneousKey("#", key);
            }
        }
        String version = ModelInput.requiredString(body, "anthropic_version", "#");
        if (!version.equals(VERSION)) {
            throw ModelInputException.malformed("#/anthropic_version: " + version + " is not a valid enum value");
        }
        Integer maxTokens = ModelInput.integer(body, "max_tokens", "#", 1);
        if (maxTokens == null) {
            throw ModelInputException.requiredKey("#", "max_tokens");
        }
        Conversation conversation = MessageList.read(body, true);
        SandboxReply reply = SandboxReply.to(conversation.lastUserText(), maxTokens,
                ModelInput.strings(body, "stop_sequences", "#"));

        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("id", Ids.stable("msg_bdrk_01", 22, context.jobId(), context.recordId(), body.toString()));
        out.put("type", "message");
        out.put("role", "assistant");
        out.put("model", modelName(context.model().baseId()));
        ObjectNode block = out.putArray("content").addObject();
        block.put("type", "text");
        block.put("text", reply.text());
        out.put("stop_reason", switch (reply.stop()) {
            case END -> "end_turn";
            case MAX_TOKENS -> "max_tokens";
            case STOP_SEQUENCE -> "stop_sequence";
        });
        if (reply.stopSequence() == null) {
            out.putNull("stop_sequence");
        } else {
            out.put("stop_sequence", reply.stopSequence());
        }
        ObjectNode usage = out.putObject("usage");
        usage.put("input_tokens", conversation.inputTokens());
        usage.put("output_tokens", reply.tokens());
        return new Inference(out, conversation.inputTokens(), reply.tokens());
    }

    /** Claude names itself without Bedrock's provider prefix and version suffix: {@code claude-3-haiku-20240307}. */
    static String modelName(String baseId) {
        return baseId.replaceFirst("^anthropic\\.", "").replaceFirst("-v\\d+(:\\d+)*$", "");
    }
}
