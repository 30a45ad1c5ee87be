package dev.caravan.jsonl.bedrock;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.caravan.jsonl.ConversionSettings;
import dev.caravan.jsonl.LineError;
import dev.caravan.jsonl.RequestLineWriter;
import dev.caravan.jsonl.canonical.BatchRequest;
import dev.caravan.jsonl.canonical.Endpoint;
import java.io.IOException;

/**
 * Writes canonical requests as Bedrock batch lines {@code {recordId, modelInput}} (provider-apis.md §6.5). The
 * modelInput is the InvokeModel body of the model's family, or a Converse request when the job uses
 * {@code modelInvocationType=Converse}. The model is the line's own (an OpenAI line's {@code body.model}), else the
 * batch's; it must be of the batch model's family, since a Bedrock job runs one model.
 */
final class BedrockRequestWriter implements RequestLineWriter {

    private final ConversionSettings settings;
    private final ModelInputWriter claude = new ClaudeBodyWriter();
    private final ModelInputWriter nova = ConverseBodyWriter.nova();
    private final ModelInputWriter converse = ConverseBodyWriter.converse();
    private final ModelInputWriter llama = new LlamaBodyWriter();
    private final ModelInputWriter mistral = new MistralBodyWriter();
    private final ModelInputWriter titanText = new TitanTextBodyWriter();
    private final ModelInputWriter titanEmbed = new TitanEmbedBodyWriter();
    /** Lines of one file nearly always name the same model: resolve it once. */
    private String lastModel;
    private Target lastTarget;

    BedrockRequestWriter(ConversionSettings settings) {
        this.settings = settings;
    }

    @Override
    public void write(BatchRequest request, JsonGenerator out) throws IOException {
        int n = request.lineNumber();
        Target target = target(request, n);
        checkEndpoint(request, target, n);
        ModelInputWriter body = bodyWriter(target.family());
        Conversation conversation = body.check(request, target);
        out.writeStartObject();
        out.writeStringField("recordId", request.id());
        out.writeFieldName("modelInput");
        body.write(request, target, conversation, out);
        out.writeEndObject();
    }

    private Target target(BatchRequest request, int n) {
        String lineModel = blankToNull(request.model());
        String batchModel = blankToNull(settings.model());
        String model = lineModel != null ? lineModel : batchModel;
        if (model == null) {
            throw LineError.at(n, "missing model: the line names none and the batch has none, and Bedrock's "
                    + "modelInput depends on the model");
        }
        Target target = resolve(model, n);
        if (lineModel != null && batchModel != null && !lineModel.equals(batchModel)) {
            BedrockModelFamily batchFamily = BedrockModelFamily.find(batchModel).orElse(null);
            if (batchFamily != null && batchFamily != target.family()) {
                throw LineError.at(n, "model " + lineModel + " (" + target.family().description() + ") differs "
                        + "from the batch model " + batchModel + " (" + batchFamily.description() + "); a Bedrock "
                        + "job runs one model, so every line must be written for it");
            }
        }
        return target;
    }

    private Target resolve(String model, int n) {
        if (!model.equals(lastModel)) {
            BedrockModelFamily family = BedrockModelFamily.find(model)
                    .orElseThrow(() -> LineError.at(n, BedrockModelFamily.unsupported(model)));
            lastTarget = Target.of(model, family);
            lastModel = model;
        }
        return lastTarget;
    }

    private void checkEndpoint(BatchRequest request, Target target, int n) {
        boolean embeddings = request.endpoint() == Endpoint.EMBEDDINGS;
        if (target.family().embeddings() && !embeddings) {
            throw LineError.at(n, "a chat request cannot go to the embedding model " + target.modelId());
        }
        if (!target.family().embeddings() && embeddings) {
            throw LineError.at(n, "an embeddings request cannot go to the chat model " + target.modelId());
        }
        if (embeddings && settings.converse()) {
            throw LineError.at(n, "a Converse job cannot run the embedding model " + target.modelId()
                    + "; Converse has no embeddings (use modelInvocationType=InvokeModel)");
        }
    }

    private ModelInputWriter bodyWriter(BedrockModelFamily family) {
        if (settings.converse() && !family.embeddings()) {
            return converse;
        }
        switch (family) {
            case CLAUDE:
                return claude;
            case NOVA:
                return nova;
            case LLAMA:
                return llama;
            case MISTRAL:
                return mistral;
            case TITAN_TEXT:
                return titanText;
            default:
                return titanEmbed;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
