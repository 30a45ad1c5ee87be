package dev.caravan.jsonl.bedrock;

import dev.caravan.jsonl.OptionalFields;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.caravan.jsonl.canonical.BatchRequest;
import dev.caravan.jsonl.canonical.Parameters;
import java.io.IOException;

/**
 * Meta Llama's InvokeModel body (Bedrock user guide, Meta Llama models): {@code prompt}, {@code max_gen_len},
 * {@code temperature}, {@code top_p}, and nothing else: no stop sequences and no top_k. Llama 3.2's vision models
 * also take {@code images}, but only with image tokens placed in the prompt, which the documentation does not
 * specify for batch; images are refused (use Converse for them).
 */
final class LlamaBodyWriter implements ModelInputWriter {

    private static final String TARGET = BedrockModelFamily.LLAMA.description() + " (InvokeModel)";
    private static final ParameterSupport SUPPORT = ParameterSupport.of(TARGET, false, false);

    @Override
    public Conversation check(BatchRequest request, Target target) {
        SUPPORT.check(request);
        return Conversation.of(request, TARGET, false);
    }

    @Override
    public void write(BatchRequest request, Target target, Conversation conversation, JsonGenerator out)
            throws IOException {
        Parameters p = request.parameters() == null ? Parameters.NONE : request.parameters();
        out.writeStartObject();
        out.writeStringField("prompt", LlamaPrompt.render(conversation, LlamaPrompt.Dialect.of(target.baseId())));
        OptionalFields.number(out, "max_gen_len", p.maxTokens());
        OptionalFields.number(out, "temperature", p.temperature());
        OptionalFields.number(out, "top_p", p.topP());
        out.writeEndObject();
    }
}
