package dev.caravan.jsonl.canonical;

import java.util.List;

/**
 * One batch request in its canonical form: what an OpenAI batch line means (DESIGN §4), whatever format it was read
 * from. {@code messages} is set for chat and responses requests (system messages first, as roles), {@code inputs}
 * for embeddings. {@code model} may be null where the source line does not name one (Bedrock, Gemini files): the
 * batch then supplies it. {@code lineNumber} is where the request stood in its source file, for error messages.
 */
public record BatchRequest(String id, int lineNumber, Endpoint endpoint, String model, List<Message> messages,
                           List<String> inputs, Parameters parameters) {

    public BatchRequest withModel(String batchModel) {
        return new BatchRequest(id, lineNumber, endpoint, batchModel, messages, inputs, parameters);
    }
}
