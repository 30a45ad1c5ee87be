package dev.caravan.provider.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.jsonl.bedrock.BedrockModelFamily;
import java.util.Optional;

/**
 * Whether a batch line's {@code modelInput} is plausibly what Bedrock will run: the InvokeModel body of the model's
 * family, or a Converse request. Bedrock does not check {@code modelInput} before the job runs (provider-apis.md
 * §6.4), so a job of wrong bodies fails record by record hours later; this catches the wrong shape up front.
 *
 * <p>Deliberately lighter than the {@code jsonl.bedrock} readers: only the members without which the request cannot
 * be valid are checked. Tools, extra parameters and content-block types Caravan does not convert pass, because
 * Bedrock takes them. Each problem is a short sentence naming the member by its path; nothing is built for a valid
 * line.
 */
public final class ModelInputShape {

    /** Stands for the system blocks where {@link #blocks} takes a message index. */
    private static final int SYSTEM = -1;

    private ModelInputShape() {
    }

    /**
     * The first problem of {@code modelInput} as an InvokeModel body for the family, if any. A null family is one
     * Caravan does not know (Cohere, AI21, custom models…): any JSON object passes, as Caravan cannot judge it.
     */
    public static Optional<String> asInvokeModel(BedrockModelFamily family, JsonNode modelInput) {
        if (modelInput == null || !modelInput.isObject()) {
            return Optional.of("modelInput must be a JSON object");
        }
        if (family == null) {
            return Optional.empty();
        }
        String problem = switch (family) {
            case CLAUDE -> claude(modelInput);
            case NOVA -> nova(modelInput);
            case LLAMA, MISTRAL -> requiredString(modelInput, "prompt", family);
            case TITAN_TEXT -> titanText(modelInput);
            case TITAN_EMBED -> requiredString(modelInput, "inputText", family);
        };
        return Optional.ofNullable(problem);
    }

    /** The first problem of {@code modelInput} as a Converse request (modelInvocationType=Converse), if any. */
    public static Optional<String> asConverse(JsonNode modelInput) {
        if (modelInput == null || !modelInput.isObject()) {
            return Optional.of("modelInput must be a JSON object");
        }
        return Optional.ofNullable(converse(modelInput));
    }

    /** How messages name a family's models. */
    static String familyName(BedrockModelFamily family) {
        return switch (family) {
            case CLAUDE -> "Anthropic Claude models";
            case NOVA -> "Amazon Nova models";
            case LLAMA -> "Meta Llama models";
            case MISTRAL -> "Mistral AI models";
            case TITAN_TEXT -> "Amazon Titan Text models";
            case TITAN_EMBED -> "Amazon Titan Text Embeddings models";
        };
    }

    /** Anthropic Messages on Bedrock: anthropic_version, max_tokens and messages are the required members. */
    private static String claude(JsonNode input) {
        String problem = requiredString(input, "anthropic_version", BedrockModelFamily.CLAUDE);
        if (problem != null) {
            return problem;
        }
        JsonNode maxTokens = input.get("max_tokens");
        if (absent(maxTokens)) {
            return required("max_tokens", BedrockModelFamily.CLAUDE);
        }
        if (!positiveInt(maxTokens)) {
            return "modelInput.max_tokens must be a positive integer";
        }
        JsonNode messages = input.get("messages");
        problem = messagesArray(messages, BedrockModelFamily.CLAUDE);
        for (int i = 0; problem == null && i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            problem = message(message, i);
            JsonNode content = message.get("content");
            if (problem == null && !(content != null && (content.isTextual() || objects(content, false)))) {
                problem = "modelInput.messages[" + i + "].content must be a string or an array of content blocks";
            }
        }
        return problem;
    }

    /** Nova's messages-v1 body: Converse-like messages, content always an array of blocks. */
    private static String nova(JsonNode input) {
        JsonNode messages = input.get("messages");
        String problem = messagesArray(messages, BedrockModelFamily.NOVA);
        for (int i = 0; problem == null && i < messages.size(); i++) {
            problem = message(messages.get(i), i);
            if (problem == null && !objects(messages.get(i).get("content"), true)) {
                problem = "modelInput.messages[" + i + "].content must be a non-empty array of content blocks";
            }
        }
        if (problem == null && !absent(input.get("inferenceConfig")) && !input.get("inferenceConfig").isObject()) {
            problem = "modelInput.inferenceConfig must be a JSON object";
        }
        return problem;
    }

    private static String titanText(JsonNode input) {
        String problem = requiredString(input, "inputText", BedrockModelFamily.TITAN_TEXT);
        JsonNode config = input.get("textGenerationConfig");
        if (problem == null && !absent(config) && !config.isObject()) {
            problem = "modelInput.textGenerationConfig must be a JSON object";
        }
        return problem;
    }

    /**
     * The Converse request members: messages of {role, content: [block…]}, optional system blocks, inferenceConfig
     * and additionalModelRequestFields. Content blocks are unions in the Converse API, so each block is an object
     * with exactly one member ({@code {"text": …}}, {@code {"image": …}}, {@code {"toolUse": …}}…); which member is
     * not judged, since Bedrock adds block types over time. That rule also tells an Anthropic block
     * ({@code {"type": "text", "text": …}}) from a Converse one.
     */
    private static String converse(JsonNode input) {
        JsonNode messages = input.get("messages");
        String problem = messagesArray(messages, null);
        for (int i = 0; problem == null && i < messages.size(); i++) {
            problem = message(messages.get(i), i);
            if (problem == null) {
                problem = blocks(messages.get(i).get("content"), i);
            }
        }
        JsonNode system = input.get("system");
        if (problem == null && !absent(system)) {
            problem = blocks(system, SYSTEM);
        }
        JsonNode config = input.get("inferenceConfig");
        if (problem == null && !absent(config)) {
            problem = inferenceConfig(config);
        }
        JsonNode additional = input.get("additionalModelRequestFields");
        if (problem == null && !absent(additional) && !additional.isObject()) {
            problem = "modelInput.additionalModelRequestFields must be a JSON object";
        }
        return problem;
    }

    private static String inferenceConfig(JsonNode config) {
        if (!config.isObject()) {
            return "modelInput.inferenceConfig must be a JSON object";
        }
        JsonNode maxTokens = config.get("maxTokens");
        if (!absent(maxTokens) && !positiveInt(maxTokens)) {
            return "modelInput.inferenceConfig.maxTokens must be a positive integer";
        }
        JsonNode temperature = config.get("temperature");
        if (!absent(temperature) && !temperature.isNumber()) {
            return "modelInput.inferenceConfig.temperature must be a number";
        }
        JsonNode topP = config.get("topP");
        if (!absent(topP) && !topP.isNumber()) {
            return "modelInput.inferenceConfig.topP must be a number";
        }
        JsonNode stop = config.get("stopSequences");
        if (!absent(stop) && !strings(stop)) {
            return "modelInput.inferenceConfig.stopSequences must be an array of strings";
        }
        return null;
    }

    /**
     * Converse blocks: an array of one-member objects. {@code message} is the index of the message whose content
     * they are (non-empty, as Bedrock requires), or {@link #SYSTEM} for the system blocks; the path is built only
     * for an error.
     */
    private static String blocks(JsonNode blocks, int message) {
        boolean nonEmpty = message != SYSTEM;
        if (blocks == null || !blocks.isArray() || (nonEmpty && blocks.isEmpty())) {
            return blocksPath(message) + " must be " + (nonEmpty ? "a non-empty array" : "an array")
                    + " of Converse content blocks";
        }
        for (int j = 0; j < blocks.size(); j++) {
            JsonNode block = blocks.get(j);
            if (!block.isObject() || block.size() != 1) {
                return blocksPath(message) + "[" + j + "] must be a Converse content block, an object with exactly "
                        + "one member such as {\"text\": \"…\"}";
            }
        }
        return null;
    }

    private static String blocksPath(int message) {
        return message == SYSTEM ? "modelInput.system" : "modelInput.messages[" + message + "].content";
    }

    /** The messages member: required, a non-empty array. A null family means a Converse request. */
    private static String messagesArray(JsonNode messages, BedrockModelFamily family) {
        if (absent(messages)) {
            return family == null ? "modelInput.messages is required for a Converse request"
                    : required("messages", family);
        }
        if (!messages.isArray() || messages.isEmpty()) {
            return "modelInput.messages must be a non-empty array";
        }
        return null;
    }

    /** One message: an object whose role is user or assistant (system prompts have their own member). */
    private static String message(JsonNode message, int i) {
        if (!message.isObject()) {
            return "modelInput.messages[" + i + "] must be a JSON object";
        }
        JsonNode role = message.get("role");
        if (role == null || !role.isTextual() || !("user".equals(role.asText()) || "assistant".equals(role.asText()))) {
            return "modelInput.messages[" + i + "].role must be \"user\" or \"assistant\"";
        }
        return null;
    }

    private static String requiredString(JsonNode input, String name, BedrockModelFamily family) {
        JsonNode value = input.get(name);
        if (absent(value)) {
            return required(name, family);
        }
        return value.isTextual() ? null : "modelInput." + name + " must be a string";
    }

    private static String required(String name, BedrockModelFamily family) {
        return "modelInput." + name + " is required for " + familyName(family);
    }

    /** A JSON null counts as missing: the member still has no value. */
    private static boolean absent(JsonNode value) {
        return value == null || value.isNull();
    }

    private static boolean positiveInt(JsonNode value) {
        return value.isIntegralNumber() && value.canConvertToInt() && value.asInt() > 0;
    }

    private static boolean objects(JsonNode array, boolean nonEmpty) {
        if (array == null || !array.isArray() || (nonEmpty && array.isEmpty())) {
            return false;
        }
        for (JsonNode item : array) {
            if (!item.isObject()) {
                return false;
            }
        }
        return true;
    }

    private static boolean strings(JsonNode array) {
        if (!array.isArray()) {
            return false;
        }
        for (JsonNode item : array) {
            if (!item.isTextual()) {
                return false;
            }
        }
        return true;
    }
}
