package dev.caravan.jsonl;

import dev.caravan.jsonl.canonical.Endpoint;

/**
 * What a conversion knows besides the lines: the batch's model (Bedrock and Gemini lines name none), the batch
 * endpoint every OpenAI line's {@code url} must equal (null: any supported one), whether Bedrock lines use the
 * Converse form rather than the model's InvokeModel body, the most requests one file may hold, and which field OpenAI
 * chat lines carry the token limit in ({@code max_completion_tokens}, or {@code max_tokens} when a file that was
 * written with it is given back).
 */
public record ConversionSettings(String model, Endpoint endpoint, boolean converse, int maxRequests,
                                 String openAiTokensField) {

    public static final int DEFAULT_MAX_REQUESTS = 100_000;
    /** What Caravan writes unless told otherwise: the field every chat model takes, the reasoning ones only this. */
    public static final String MAX_COMPLETION_TOKENS = "max_completion_tokens";
    public static final String MAX_TOKENS = "max_tokens";

    public ConversionSettings {
        if (openAiTokensField == null) {
            openAiTokensField = MAX_COMPLETION_TOKENS;
        } else if (!openAiTokensField.equals(MAX_TOKENS) && !openAiTokensField.equals(MAX_COMPLETION_TOKENS)) {
            throw new IllegalArgumentException("not an OpenAI token limit field: " + openAiTokensField);
        }
    }

    public ConversionSettings(String model, Endpoint endpoint, boolean converse, int maxRequests) {
        this(model, endpoint, converse, maxRequests, null);
    }

    public static ConversionSettings forModel(String model) {
        return new ConversionSettings(model, null, false, DEFAULT_MAX_REQUESTS, null);
    }

    public ConversionSettings withModel(String batchModel) {
        return new ConversionSettings(batchModel, endpoint, converse, maxRequests, openAiTokensField);
    }

    public ConversionSettings withEndpoint(Endpoint batchEndpoint) {
        return new ConversionSettings(model, batchEndpoint, converse, maxRequests, openAiTokensField);
    }

    public ConversionSettings withConverse(boolean useConverse) {
        return new ConversionSettings(model, endpoint, useConverse, maxRequests, openAiTokensField);
    }

    /** {@code field} null: Caravan's default. */
    public ConversionSettings withOpenAiTokensField(String field) {
        return new ConversionSettings(model, endpoint, converse, maxRequests, field);
    }
}
