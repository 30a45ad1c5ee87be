package dev.caravan.jsonl.bedrock;

/** The model a request line is written for: its id as given, its family, and its foundation-model id. */
record Target(String modelId, BedrockModelFamily family, String baseId) {

    static Target of(String modelId, BedrockModelFamily family) {
        return new Target(modelId, family, BedrockModelFamily.baseId(modelId));
    }
}
