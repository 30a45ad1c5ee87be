package dev.caravan.jsonl.canonical;

import java.util.Arrays;
import java.util.Optional;

/** The OpenAI batch endpoints a canonical request can stand for. */
public enum Endpoint {
    CHAT_COMPLETIONS("/v1/chat/completions"),
    RESPONSES("/v1/responses"),
    EMBEDDINGS("/v1/embeddings");

    private final String url;

    Endpoint(String url) {
        this.url = url;
    }

    public String url() {
        return url;
    }

    public static Optional<Endpoint> ofUrl(String url) {
        return Arrays.stream(values()).filter(endpoint -> endpoint.url.equals(url)).findFirst();
    }
}
