package dev.caravan.jsonl.bedrock;

import dev.caravan.jsonl.OptionalFields;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.caravan.jsonl.LineError;
import dev.caravan.jsonl.canonical.BatchRequest;
import dev.caravan.jsonl.canonical.Parameters;
import dev.caravan.jsonl.canonical.Role;
import java.io.IOException;
import java.util.List;

/**
 * Mistral's text-completion InvokeModel body (Bedrock user guide, "Mistral AI text completion"): {@code prompt},
 * {@code max_tokens}, {@code stop}, {@code temperature}, {@code top_p}, {@code top_k}. That page lists the models
 * that take it; later Mistral models on Bedrock (Mistral Large 2407, Pixtral…) take a chat-completion body
 * instead, which Caravan does not write: those lines are refused with the advice to use a Converse job.
 */
final class MistralBodyWriter implements ModelInputWriter {

    private static final String TARGET = BedrockModelFamily.MISTRAL.description() + " (InvokeModel)";
    private static final ParameterSupport SUPPORT = ParameterSupport.of(TARGET, true, true);
    private static final List<String> TEXT_COMPLETION_MODELS = List.of("mistral.mistral-7b-instruct",
            "mistral.mixtral-8x7b-instruct", "mistral.mistral-large-2402", "mistral.mistral-small-2402");

    @Override
    public Conversation check(BatchRequest request, Target target) {
        int n = request.lineNumber();
        if (TEXT_COMPLETION_MODELS.stream().noneMatch(target.baseId()::startsWith)) {
            throw LineError.at(n, target.modelId() + " takes Mistral's chat-completion body on InvokeModel, which "
                    + "Caravan does not write; create the job with modelInvocationType=Converse");
        }
        SUPPORT.check(request);
        Conversation conversation = Conversation.of(request, TARGET, false);
        if (conversation.turns().get(0).role() != Role.USER) {
            throw LineError.at(n, "Mistral's prompt template starts with a user turn; the first non-system message "
                    + "is an assistant message");
        }
        return conversation;
    }

    @Override
    public void write(BatchRequest request, Target target, Conversation conversation, JsonGenerator out)
            throws IOException {
        Parameters p = request.parameters() == null ? Parameters.NONE : request.parameters();
        out.writeStartObject();
        out.writeStringField("prompt", MistralPrompt.render(conversation));
        OptionalFields.number(out, "max_tokens", p.maxTokens());
        OptionalFields.number(out, "temperature", p.temperature());
        OptionalFields.number(out, "top_p", p.topP());
        OptionalFields.number(out, "top_k", p.topK());
        OptionalFields.strings(out, "stop", p.stop());
        out.writeEndObject();
    }
}
