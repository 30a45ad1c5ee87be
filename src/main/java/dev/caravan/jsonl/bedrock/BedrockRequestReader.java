package dev.caravan.jsonl.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.jsonl.ConversionSettings;
import dev.caravan.jsonl.LineError;
import dev.caravan.jsonl.RequestLineReader;
import dev.caravan.jsonl.canonical.BatchRequest;
import dev.caravan.jsonl.canonical.Endpoint;

/**
 * Reads Bedrock batch lines {@code {recordId, modelInput}} (provider-apis.md §6.5). A line names no model, so the
 * family is recognised from the modelInput's shape, with the batch model deciding where two families share one
 * (a bare {@code prompt}: Llama or Mistral; a bare {@code inputText}: Titan Text or Titan embeddings). The canonical
 * model is the batch's (null when the batch has none yet).
 */
final class BedrockRequestReader implements RequestLineReader {

    private final ConversionSettings settings;
    private final BedrockModelFamily batchFamily;

    BedrockRequestReader(ConversionSettings settings) {
        this.settings = settings;
        this.batchFamily = BedrockModelFamily.find(settings.model()).orElse(null);
    }

    @Override
    public BatchRequest read(JsonNode line, int n) {
        JsonNode id = line.get("recordId");
        if (id == null || !id.isTextual() || id.asText().isEmpty()) {
            // Bedrock accepts a line without one and invents an id in its output, but then no result could be
            // matched back to its request
            throw LineError.at(n, "recordId is required (a non-empty string): results are matched to requests by it");
        }
        JsonNode input = line.get("modelInput");
        if (input == null || !input.isObject()) {
            throw LineError.at(n, "modelInput must be a JSON object");
        }
        BedrockModelFamily family = family(input, n);
        ModelInputContent content = content(family, input, n);
        return new BatchRequest(id.asText(), n, endpoint(family, n), settings.model(), content.messages(),
                content.inputs(), content.parameters());
    }

    /** NOVA stands for the Nova / Converse shape, which Converse jobs use whatever their model. */
    private BedrockModelFamily family(JsonNode input, int n) {
        if (input.has("anthropic_version")) {
            return BedrockModelFamily.CLAUDE;
        }
        if (input.has("messages")) {
            return BedrockModelFamily.NOVA;
        }
        if (input.has("prompt")) {
            boolean llama = input.has("max_gen_len") || batchFamily == BedrockModelFamily.LLAMA;
            return llama ? BedrockModelFamily.LLAMA : BedrockModelFamily.MISTRAL;
        }
        if (input.has("inputText")) {
            boolean text = input.has("textGenerationConfig") || batchFamily == BedrockModelFamily.TITAN_TEXT;
            return text ? BedrockModelFamily.TITAN_TEXT : BedrockModelFamily.TITAN_EMBED;
        }
        throw LineError.at(n, "modelInput has no shape Caravan recognises; expected an Anthropic Claude body "
                + "(anthropic_version), a Nova or Converse request (messages), a Llama or Mistral prompt (prompt) "
                + "or a Titan body (inputText)");
    }

    private static ModelInputContent content(BedrockModelFamily family, JsonNode input, int n) {
        switch (family) {
            case CLAUDE:
                return ClaudeInputReader.read(input, n);
            case NOVA:
                return ConverseInputReader.read(input, n);
            case LLAMA:
                return PromptInputReader.llama(input, n);
            case MISTRAL:
                return PromptInputReader.mistral(input, n);
            case TITAN_TEXT:
                return PromptInputReader.titanText(input, n);
            default:
                return PromptInputReader.titanEmbed(input, n);
        }
    }

    private Endpoint endpoint(BedrockModelFamily family, int n) {
        Endpoint batch = settings.endpoint();
        if (family.embeddings()) {
            if (batch != null && batch != Endpoint.EMBEDDINGS) {
                throw LineError.at(n, "modelInput is an embeddings request, but the batch endpoint is " + batch.url());
            }
            return Endpoint.EMBEDDINGS;
        }
        if (batch == Endpoint.EMBEDDINGS) {
            throw LineError.at(n, "modelInput is a chat request, but the batch endpoint is " + batch.url());
        }
        return batch == null ? Endpoint.CHAT_COMPLETIONS : batch;
    }
}
