package dev.caravan.sandbox.bedrock;

/** The model families the emulator answers for: each has its own InvokeModel request and response body. */
enum ModelFamily {
    CLAUDE, NOVA, LLAMA, MISTRAL, TITAN_TEXT, TITAN_EMBED;

    /** Converse serves text generation; the embedding models have no Converse form. */
    boolean supportsConverse() {
        return this != TITAN_EMBED;
    }
}
