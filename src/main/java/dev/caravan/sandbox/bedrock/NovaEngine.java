package dev.caravan.sandbox.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.sandbox.SandboxReply;
import dev.caravan.wire.Json;
import java.util.List;

/**
 * Amazon Nova's InvokeModel body, schema {@code messages-v1}: {@code messages} of {@code {role, content:[{text}]}},
 * {@code system: [{text}]}, {@code inferenceConfig: {maxTokens (older docs: max_new_tokens), stopSequences, ...}}.
 * The response: {@code {output:{message:{content:[{text}],role}}, stopReason, usage}}.
 */
final class NovaEngine implements InferenceEngine {

    @Override
    public Inference invoke(JsonNode body, RecordContext context) {
        String schema = ModelInput.string(body, "schemaVersion", "#");
        if (schema != null && !schema.equals("messages-v1")) {
            throw ModelInputException.malformed("#/schemaVersion: " + schema + " is not a valid enum value");
        }
        Conversation conversation = MessageList.read(body, false);
        JsonNode config = ModelInput.object(body, "inferenceConfig", "#");
        Integer maxTokens = null;
        List<String> stops = List.of();
        if (config != null) {
            maxTokens = ModelInput.integer(config, "maxTokens", "#/inferenceConfig", 1);
            if (maxTokens == null) {
                maxTokens = ModelInput.integer(config, "max_new_tokens", "#/inferenceConfig", 1);
            }
            stops = ModelInput.strings(config, "stopSequences", "#/inferenceConfig");
        }
        SandboxReply reply = SandboxReply.to(conversation.lastUserText(), maxTokens, stops);

        ObjectNode out = Json.MAPPER.createObjectNode();
        ObjectNode message = out.putObject("output").putObject("message");
        message.putArray("content").addObject().put("text", reply.text());
        message.put("role", "assistant");
        out.put("stopReason", reply.stop() == SandboxReply.Stop.MAX_TOKENS ? "max_tokens" : "end_turn");
        ObjectNode usage = out.putObject("usage");
        usage.put("inputTokens", conversation.inputTokens());
        usage.put("outputTokens", reply.tokens());
        usage.put("totalTokens", conversation.inputTokens() + reply.tokens());
        usage.put("cacheReadInputTokenCount", 0);
        usage.put("cacheWriteInputTokenCount", 0);
        return new Inference(out, conversation.inputTokens(), reply.tokens());
    }
}
