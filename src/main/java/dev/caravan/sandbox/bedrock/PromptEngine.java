package dev.caravan.sandbox.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.sandbox.SandboxReply;
import dev.caravan.wire.Json;
import java.util.List;

/**
 * The prompt-string text-completion bodies. Meta Llama 3/4: {@code {prompt, max_gen_len (default 512), temperature,
 * top_p}} → {@code {generation, prompt_token_count, generation_token_count, stop_reason: stop|length}}. Mistral:
 * {@code {prompt, max_tokens (default 512), stop, temperature, top_p, top_k}} → {@code {outputs:[{text,
 * stop_reason: stop|length}]}}.
 */
final class PromptEngine implements InferenceEngine {

    enum Family { LLAMA, MISTRAL }

    private static final int DEFAULT_MAX_TOKENS = 512;

    private final Family family;

    PromptEngine(Family family) {
        this.family = family;
    }

    @Override
    public Inference invoke(JsonNode body, RecordContext context) {
        String prompt = ModelInput.requiredString(body, "prompt", "#");
        ObjectNode out = Json.MAPPER.createObjectNode();
        if (family == Family.LLAMA) {
            Integer max = ModelInput.integer(body, "max_gen_len", "#", 1);
            Conversation conversation = PromptTurns.llama(prompt);
            SandboxReply reply = SandboxReply.to(conversation.lastUserText(), max == null ? DEFAULT_MAX_TOKENS : max, List.of());
            out.put("generation", reply.text());
            out.put("prompt_token_count", conversation.inputTokens());
            out.put("generation_token_count", reply.tokens());
            out.put("stop_reason", reply.stop() == SandboxReply.Stop.MAX_TOKENS ? "length" : "stop");
            return new Inference(out, conversation.inputTokens(), reply.tokens());
        }
        Integer max = ModelInput.integer(body, "max_tokens", "#", 1);
        Conversation conversation = PromptTurns.mistral(prompt);
        SandboxReply reply = SandboxReply.to(conversation.lastUserText(), max == null ? DEFAULT_MAX_TOKENS : max,
                ModelInput.strings(body, "stop", "#"));
        ObjectNode output = out.putArray("outputs").addObject();
        output.put("text", reply.text());
        output.put("stop_reason", reply.stop() == SandboxReply.Stop.MAX_TOKENS ? "length" : "stop");
        return new Inference(out, conversation.inputTokens(), reply.tokens());
    }
}
