package dev.caravan.jsonl.bedrock;

import dev.caravan.jsonl.canonical.Message;
import dev.caravan.jsonl.canonical.Parameters;
import java.util.List;

/** What a modelInput says, in canonical terms: messages (chat) or inputs (embeddings), and parameters. */
record ModelInputContent(List<Message> messages, List<String> inputs, Parameters parameters) {

    static ModelInputContent chat(List<Message> messages, Parameters parameters) {
        return new ModelInputContent(messages, List.of(), parameters);
    }

    static ModelInputContent embeddings(String input, Parameters parameters) {
        return new ModelInputContent(List.of(), List.of(input), parameters);
    }
}
