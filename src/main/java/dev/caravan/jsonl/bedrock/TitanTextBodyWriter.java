package dev.caravan.jsonl.bedrock;

import dev.caravan.jsonl.OptionalFields;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.caravan.jsonl.canonical.BatchRequest;
import dev.caravan.jsonl.canonical.Parameters;
import java.io.IOException;

/**
 * Titan Text's InvokeModel body (Bedrock user guide, Amazon Titan Text models): {@code inputText} and
 * {@code textGenerationConfig: {maxTokenCount, temperature, topP, stopSequences}}; no top_k. The config object is
 * written even when empty (it is optional and all its members have defaults) so the line's shape alone says it is
 * a Titan Text request and not a Titan embeddings one.
 */
final class TitanTextBodyWriter implements ModelInputWriter {

    private static final String TARGET = BedrockModelFamily.TITAN_TEXT.description() + " (InvokeModel)";
    private static final ParameterSupport SUPPORT = ParameterSupport.of(TARGET, false, true);

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
        out.writeStringField("inputText", TitanPrompt.render(conversation));
        out.writeObjectFieldStart("textGenerationConfig");
        OptionalFields.number(out, "maxTokenCount", p.maxTokens());
        OptionalFields.number(out, "temperature", p.temperature());
        OptionalFields.number(out, "topP", p.topP());
        OptionalFields.strings(out, "stopSequences", p.stop());
        out.writeEndObject();
        out.writeEndObject();
    }
}
