package dev.caravan.jsonl.canonical;

import java.util.List;

/** What a successful request returned: a chat completion or embeddings, in OpenAI's terms. */
public sealed interface ResultBody permits ResultBody.Completion, ResultBody.Embeddings {

    /** A {@code chat.completion}: one choice per candidate. */
    record Completion(String id, String model, long created, List<Choice> choices, TokenUsage usage)
            implements ResultBody {
    }

    record Choice(int index, String text, FinishReason finishReason) {
    }

    /** An embeddings list: one vector per input, in input order. */
    record Embeddings(String model, List<double[]> vectors, TokenUsage usage) implements ResultBody {
    }
}
