package dev.caravan.jsonl;

import dev.caravan.jsonl.canonical.Endpoint;

/**
 * What a conversion knows besides the lines: the batch's model (Bedrock and Gemini lines name none), the batch
 * endpoint every OpenAI line's {@code url} must equal (null: any supported one), whether Bedrock lines use the
 * Converse form rather than the model's InvokeModel body, and the most requests one file may hold.
 */
public record ConversionSettings(String model, Endpoint endpoint, boolean converse, int maxRequests) {

    public static final int DEFAULT_MAX_REQUESTS = 100_000;

    public static ConversionSettings forModel(String model) {
        return new ConversionSettings(model, null, false, DEFAULT_MAX_REQUESTS);
    }

    public ConversionSettings withModel(String batchModel) {
        return new ConversionSettings(batchModel, endpoint, converse, maxRequests);
    }

    public ConversionSettings withEndpoint(Endpoint batchEndpoint) {
        return new ConversionSettings(model, batchEndpoint, converse, maxRequests);
    }

    public ConversionSettings withConverse(boolean useConverse) {
        return new ConversionSettings(model, endpoint, useConverse, maxRequests);
    }
}
