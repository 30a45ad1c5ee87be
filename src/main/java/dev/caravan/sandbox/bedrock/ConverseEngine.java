package dev.caravan.sandbox.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.sandbox.SandboxReply;
import dev.caravan.wire.Json;
import java.util.List;

/**
 * A Converse request ({@code messages} of {@code {role, content:[{text}]}}, {@code system}, {@code inferenceConfig:
 * {maxTokens, stopSequences, temperature, topP}}, {@code additionalModelRequestFields}), for any text model; the
 * response is Converse's: {@code {output:{message}, stopReason, usage:{inputTokens, outputTokens, totalTokens},
 * metrics:{latencyMs}}}.
 */
final class ConverseEngine implements InferenceEngine {

    @Override
    public Inference invoke(JsonNode body, RecordContext context) {
        Conversation conversation = MessageList.read(body, false);
        JsonNode config = ModelInput.object(body, "inferenceConfig", "#");
        Integer maxTokens = config == null ? null : ModelInput.integer(config, "maxTokens", "#/inferenceConfig", 1);
        List<String> stops = config == null ? List.of()
                : ModelInput.strings(config, "stopSequences", "#/inferenceConfig");
        ModelInput.object(body, "additionalModelRequestFields", "#");
        SandboxReply reply = SandboxReply.to(conversation.lastUserText(), maxTokens, stops);

        ObjectNode out = Json.MAPPER.createObjectNode();
        ObjectNode message = out.putObject("output").putObject("message");
        message.put("role", "assistant");
        message.putArray("content").addObject().put("text", reply.text());
        out.put("stopReason", switch (reply.stop()) {
            case END -> "end_turn";
            case MAX_TOKENS -> "max_tokens";
            case STOP_SEQUENCE -> "stop_sequence";
        });
        ObjectNode usage = out.putObject("usage");
        usage.put("inputTokens", conversation.inputTokens());
        usage.put("outputTokens", reply.tokens());
        usage.put("totalTokens", conversation.inputTokens() + reply.tokens());
        // deterministic, like everything the sandbox model answers: a fixed cost per generated token
        out.putObject("metrics").put("latencyMs", 100 + 10L * reply.tokens());
        return new Inference(out, conversation.inputTokens(), reply.tokens());
    }
}
