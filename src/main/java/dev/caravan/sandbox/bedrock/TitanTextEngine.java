package dev.caravan.sandbox.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.sandbox.SandboxReply;
import dev.caravan.wire.Json;
import java.util.List;

/**
 * Amazon Titan Text: {@code {inputText, textGenerationConfig: {maxTokenCount (default 512), stopSequences,
 * temperature, topP}}} → {@code {inputTextTokenCount, results: [{tokenCount, outputText, completionReason:
 * FINISH|LENGTH}]}}.
 */
final class TitanTextEngine implements InferenceEngine {

    private static final int DEFAULT_MAX_TOKENS = 512;

    @Override
    public Inference invoke(JsonNode body, RecordContext context) {
        String input = ModelInput.requiredString(body, "inputText", "#");
        JsonNode config = ModelInput.object(body, "textGenerationConfig", "#");
        Integer max = config == null ? null : ModelInput.integer(config, "maxTokenCount", "#/textGenerationConfig", 0);
        List<String> stops = config == null ? List.of()
                : ModelInput.strings(config, "stopSequences", "#/textGenerationConfig");
        Conversation conversation = PromptTurns.titan(input);
        SandboxReply reply = SandboxReply.to(conversation.lastUserText(), max == null ? DEFAULT_MAX_TOKENS : max, stops);

        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("inputTextTokenCount", conversation.inputTokens());
        ObjectNode result = out.putArray("results").addObject();
        result.put("tokenCount", reply.tokens());
        result.put("outputText", reply.text());
        result.put("completionReason", reply.stop() == SandboxReply.Stop.MAX_TOKENS ? "LENGTH" : "FINISH");
        return new Inference(out, conversation.inputTokens(), reply.tokens());
    }
}
