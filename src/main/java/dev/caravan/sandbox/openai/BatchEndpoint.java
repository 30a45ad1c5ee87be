package dev.caravan.sandbox.openai;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The {@code endpoint} values the real API accepts (provider-apis.md §2.1), and which of them the sandbox runs. */
enum BatchEndpoint {
    RESPONSES("/v1/responses"),
    CHAT_COMPLETIONS("/v1/chat/completions"),
    EMBEDDINGS("/v1/embeddings"),
    COMPLETIONS("/v1/completions"),
    MODERATIONS("/v1/moderations"),
    IMAGES_GENERATIONS("/v1/images/generations"),
    IMAGES_EDITS("/v1/images/edits"),
    VIDEOS("/v1/videos");

    private final String path;

    BatchEndpoint(String path) {
        this.path = path;
    }

    String path() {
        return path;
    }

    static Optional<BatchEndpoint> of(String path) {
        return Arrays.stream(values()).filter(endpoint -> endpoint.path.equals(path)).findFirst();
    }

    /** @return the engine that answers this endpoint's requests, or null where the sandbox has none */
    RequestEngine engine() {
        return switch (this) {
            case CHAT_COMPLETIONS -> ChatCompletionEngine.INSTANCE;
            case EMBEDDINGS -> EmbeddingEngine.INSTANCE;
            default -> null;
        };
    }

    static String supportedList() {
        String[] quoted = Arrays.stream(values()).map(endpoint -> "'" + endpoint.path + "'").toArray(String[]::new);
        return Arrays.stream(quoted, 0, quoted.length - 1).collect(Collectors.joining(", "))
                + ", and " + quoted[quoted.length - 1];
    }
}
