package dev.caravan.sandbox.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.sandbox.Words;
import java.util.Set;

/**
 * Reads the {@code messages} and {@code system} of the message-shaped bodies: Claude's Messages API (content a string
 * or typed blocks), and Nova's messages-v1 and Converse (content an array of blocks keyed by kind: {@code {text}},
 * {@code {image}}, ...). Only text counts as tokens and as the prompt the reply quotes.
 */
final class MessageList {

    private static final Set<String> ROLES = Set.of("user", "assistant");

    private MessageList() {
    }

    /** @param typedBlocks Claude's {@code {"type":"text","text":…}} blocks (and string content); else {@code {text}} */
    static Conversation read(JsonNode body, boolean typedBlocks) {
        JsonNode messages = ModelInput.requiredArray(body, "messages", "#");
        if (messages.isEmpty()) {
            throw ModelInputException.malformed("#/messages: expected minimum item count: 1, found: 0");
        }
        int words = systemWords(body, typedBlocks);
        String lastUser = null;
        for (int i = 0; i < messages.size(); i++) {
            String pointer = "#/messages/" + i;
            JsonNode message = messages.get(i);
            if (!message.isObject()) {
                throw ModelInputException.wrongType(pointer, "JSONObject", ModelInput.typeName(message));
            }
            String role = ModelInput.requiredString(message, "role", pointer);
            if (!ROLES.contains(role)) {
                throw ModelInputException.malformed(pointer + "/role: " + role + " is not a valid enum value");
            }
            String text = content(message, pointer, typedBlocks);
            words += Words.count(text);
            if (role.equals("user")) {
                lastUser = text;
            }
        }
        if (!"user".equals(messages.get(0).path("role").asText())) {
            // Anthropic's, Nova's and Converse's rule alike (wording of the Converse API)
            throw ModelInputException.invalid("A conversation must start with a user message. Try again with a "
                    + "conversation that starts with a user message.");
        }
        return new Conversation(words, lastUser);
    }

    private static int systemWords(JsonNode body, boolean typedBlocks) {
        JsonNode system = body.get("system");
        if (system == null || system.isNull()) {
            return 0;
        }
        if (typedBlocks && system.isTextual()) {
            return Words.count(system.asText());
        }
        if (!system.isArray()) {
            throw ModelInputException.wrongType("#/system", typedBlocks ? "String or JSONArray" : "JSONArray",
                    ModelInput.typeName(system));
        }
        return Words.count(blocksText(system, "#/system", typedBlocks));
    }

    private static String content(JsonNode message, String pointer, boolean typedBlocks) {
        JsonNode content = message.get("content");
        if (content == null) {
            throw ModelInputException.requiredKey(pointer, "content");
        }
        if (typedBlocks && content.isTextual()) {
            return content.asText();
        }
        if (!content.isArray()) {
            throw ModelInputException.wrongType(pointer + "/content", typedBlocks ? "String or JSONArray"
                    : "JSONArray", ModelInput.typeName(content));
        }
        return blocksText(content, pointer + "/content", typedBlocks);
    }

    private static String blocksText(JsonNode blocks, String pointer, boolean typedBlocks) {
        StringBuilder text = new StringBuilder();
        for (int j = 0; j < blocks.size(); j++) {
            JsonNode block = blocks.get(j);
            String blockPointer = pointer + "/" + j;
            if (!block.isObject()) {
                throw ModelInputException.wrongType(blockPointer, "JSONObject", ModelInput.typeName(block));
            }
            boolean isText = typedBlocks ? "text".equals(ModelInput.requiredString(block, "type", blockPointer))
                    : block.has("text");
            if (isText) {
                String part = ModelInput.requiredString(block, "text", blockPointer);
                if (text.length() > 0) {
                    text.append(' ');
                }
                text.append(part);
            }
        }
        return text.toString();
    }
}
