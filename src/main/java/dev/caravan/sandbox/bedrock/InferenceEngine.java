package dev.caravan.sandbox.bedrock;

import com.fasterxml.jackson.databind.JsonNode;

/** One model family's InvokeModel (or Converse) behaviour: a request body in, that family's response body out. */
interface InferenceEngine {

    /**
     * @throws ModelInputException when the body is not a valid request for the model: the record's result is an
     *                             error line and the job goes on
     */
    Inference invoke(JsonNode modelInput, RecordContext context);

    /** The engine for a job: the Converse engine for Converse jobs, else the model family's own. */
    static InferenceEngine forJob(CreateJobRequest request) {
        if (request.converse()) {
            return new ConverseEngine();
        }
        return switch (request.model().family()) {
            case CLAUDE -> new ClaudeEngine();
            case NOVA -> new NovaEngine();
            case LLAMA -> new PromptEngine(PromptEngine.Family.LLAMA);
            case MISTRAL -> new PromptEngine(PromptEngine.Family.MISTRAL);
            case TITAN_TEXT -> new TitanTextEngine();
            case TITAN_EMBED -> new TitanEmbedEngine();
        };
    }
}
