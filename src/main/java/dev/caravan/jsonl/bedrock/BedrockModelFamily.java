package dev.caravan.jsonl.bedrock;

import dev.caravan.model.GatewayError;
import java.util.Locale;
import java.util.Optional;

/**
 * The model families whose InvokeModel bodies Caravan writes and reads for Bedrock batch jobs. A Bedrock
 * {@code modelInput} is the InvokeModel body of the job's model (provider-apis.md §6.5), so the family decides the
 * shape of every line.
 */
public enum BedrockModelFamily {
    CLAUDE("Bedrock Anthropic Claude"),
    NOVA("Bedrock Amazon Nova"),
    LLAMA("Bedrock Meta Llama"),
    MISTRAL("Bedrock Mistral AI"),
    TITAN_TEXT("Bedrock Amazon Titan Text"),
    TITAN_EMBED("Bedrock Amazon Titan Text Embeddings");

    private static final String SUPPORTED = "Anthropic Claude, Amazon Nova, Meta Llama 3/4, Mistral AI, "
            + "Amazon Titan Text and Titan Text Embeddings";

    private final String description;

    BedrockModelFamily(String description) {
        this.description = description;
    }

    /** How error messages name the target. */
    public String description() {
        return description;
    }

    public boolean embeddings() {
        return this == TITAN_EMBED;
    }

    /** The family of a model id, inference-profile id ({@code us.}, {@code eu.}, {@code global.}…) or ARN. */
    public static Optional<BedrockModelFamily> find(String modelId) {
        if (modelId == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(familyOfBaseId(baseId(modelId)));
    }

    /** Like {@link #find}, for callers that need a family: an unknown one is a 400 naming the model. */
    public static BedrockModelFamily of(String modelId) {
        return find(modelId).orElseThrow(() -> GatewayError.invalid("model", unsupported(modelId)));
    }

    static String unsupported(String modelId) {
        return "model family of " + modelId + " is not supported for batch conversion (Caravan converts "
                + SUPPORTED + ")";
    }

    /**
     * The foundation-model id inside a model id: the last path segment of an ARN (foundation-model/… or
     * inference-profile/…), without a cross-region prefix such as {@code us.} or {@code global.}. Provisioned,
     * custom and application-profile ARNs end in opaque ids, which then match no family.
     */
    static String baseId(String modelId) {
        String id = modelId.trim().toLowerCase(Locale.ROOT);
        if (id.startsWith("arn:")) {
            id = id.substring(id.lastIndexOf('/') + 1);
        }
        if (!namesProvider(id)) {
            // a geography prefix (us., eu., apac., jp., global., us-gov. …): new ones appear, so drop any one segment
            id = id.substring(id.indexOf('.') + 1);
        }
        return id;
    }

    private static boolean namesProvider(String id) {
        return id.startsWith("anthropic.") || id.startsWith("amazon.") || id.startsWith("meta.")
                || id.startsWith("mistral.");
    }

    private static BedrockModelFamily familyOfBaseId(String id) {
        if (id.startsWith("anthropic.claude")) {
            return CLAUDE;
        }
        if (id.startsWith("amazon.nova-")) {
            // Canvas (images), Reel (video), Sonic (speech) and the multimodal embeddings take other bodies
            boolean understanding = !id.contains("canvas") && !id.contains("reel") && !id.contains("sonic")
                    && !id.contains("embed");
            return understanding ? NOVA : null;
        }
        if (id.startsWith("meta.llama3") || id.startsWith("meta.llama4")) {
            // Llama 2 used another prompt template and is retired on Bedrock
            return LLAMA;
        }
        if (id.startsWith("mistral.")) {
            return MISTRAL;
        }
        if (id.startsWith("amazon.titan-text-")) {
            return TITAN_TEXT;
        }
        if (id.startsWith("amazon.titan-embed-text-") || id.startsWith("amazon.titan-embed-g1-text-")) {
            return TITAN_EMBED;
        }
        return null;
    }
}
