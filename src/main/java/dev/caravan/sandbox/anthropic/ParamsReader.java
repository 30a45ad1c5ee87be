package dev.caravan.sandbox.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.sandbox.Words;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Checks one request's {@code params} as the Messages API checks a create body, when the request runs: an unknown
 * parameter, an unknown model, a {@code max_tokens} above the model's output limit, malformed messages or system
 * prompt, sampling parameters out of range. Each problem is an {@link ApiError} that becomes the request's
 * {@code errored} result: {@code not_found_error} for the model, {@code invalid_request_error} for the rest.
 * (Whether model, max_tokens and messages are present at all was checked at create, {@link RequestCheck}.)
 *
 * <p>Only text counts: text blocks of the messages and the system prompt make the input tokens; images, documents
 * and tool blocks are accepted and add nothing.
 *
 * <p>UNCONFIRMED wording: "model: &lt;name&gt;", "max_tokens: N &gt; M, which is the maximum allowed number of output
 * tokens for &lt;model&gt;", "X: Extra inputs are not permitted", "messages: first message must use the "user" role",
 * the non-empty content messages are the real API's as remembered; the others follow its pydantic style.
 */
final class ParamsReader {

    private static final Set<String> PARAMETERS = Set.of("model", "max_tokens", "messages", "system", "metadata",
            "stop_sequences", "stream", "temperature", "top_k", "top_p", "tools", "tool_choice", "thinking",
            "service_tier", "container", "mcp_servers", "context_management", "cache_control", "diagnostics",
            "inference_geo", "output_config", "speed");
    private static final Set<String> ROLES = Set.of("user", "assistant");
    private static final Set<String> BLOCK_TYPES = Set.of("text", "image", "document", "search_result", "tool_use",
            "tool_result", "thinking", "redacted_thinking", "server_tool_use", "web_search_tool_result",
            "web_fetch_tool_result", "code_execution_tool_result", "mcp_tool_use", "mcp_tool_result",
            "container_upload");

    private ParamsReader() {
    }

    static Prompt read(JsonNode params) {
        for (Iterator<String> names = params.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!PARAMETERS.contains(name)) {
                throw ApiError.invalid(name + ": Extra inputs are not permitted");
            }
        }
        String modelName = params.get("model").asText();
        ModelCatalog.Model model = ModelCatalog.find(modelName)
                .orElseThrow(() -> ApiError.notFound("model: " + modelName));
        long maxTokens = params.get("max_tokens").asLong();
        if (maxTokens > model.maxOutputTokens()) {
            throw ApiError.invalid("max_tokens: " + maxTokens + " > " + model.maxOutputTokens() + ", which is the "
                    + "maximum allowed number of output tokens for " + model.id());
        }
        unitInterval(params, "temperature");
        unitInterval(params, "top_p");
        JsonNode topK = params.get("top_k");
        if (topK != null && !topK.isNull() && (!topK.isIntegralNumber() || topK.asLong() < 0)) {
            throw ApiError.invalid("top_k: Input should be an integer greater than or equal to 0");
        }
        objectIfPresent(params, "metadata");
        objectIfPresent(params, "tool_choice");
        objectIfPresent(params, "thinking");
        JsonNode tools = params.get("tools");
        if (tools != null && !tools.isNull() && !tools.isArray()) {
            throw ApiError.invalid("tools: Input should be a valid list");
        }
        List<String> stops = stopSequences(params.get("stop_sequences"));
        int systemWords = Words.count(system(params.get("system")));
        Conversation turns = messages(params.get("messages"));
        return new Prompt(model, maxTokens, stops,
                new Conversation(systemWords + turns.inputTokens(), turns.lastUserText()));
    }

    private static void unitInterval(JsonNode params, String name) {
        JsonNode value = params.get(name);
        if (value == null || value.isNull()) {
            return;
        }
        if (!value.isNumber()) {
            throw ApiError.invalid(name + ": Input should be a valid number");
        }
        if (value.asDouble() < 0 || value.asDouble() > 1) {
            throw ApiError.invalid(name + ": Input should be " + (value.asDouble() < 0
                    ? "greater than or equal to 0" : "less than or equal to 1"));
        }
    }

    private static void objectIfPresent(JsonNode params, String name) {
        JsonNode value = params.get(name);
        if (value != null && !value.isNull() && !value.isObject()) {
            throw ApiError.invalid(name + ": Input should be a valid dictionary");
        }
    }

    private static List<String> stopSequences(JsonNode value) {
        List<String> stops = new ArrayList<>();
        if (value == null || value.isNull()) {
            return stops;
        }
        if (!value.isArray()) {
            throw ApiError.invalid("stop_sequences: Input should be a valid list");
        }
        for (int i = 0; i < value.size(); i++) {
            if (!value.get(i).isTextual()) {
                throw ApiError.invalid("stop_sequences." + i + ": Input should be a valid string");
            }
            stops.add(value.get(i).asText());
        }
        return stops;
    }

    /** A string, or an array of text blocks. */
    private static String system(JsonNode system) {
        if (system == null || system.isNull()) {
            return "";
        }
        if (system.isTextual()) {
            return system.asText();
        }
        if (!system.isArray()) {
            throw ApiError.invalid("system: Input should be a valid string or a list of text blocks");
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < system.size(); i++) {
            JsonNode block = system.get(i);
            if (!block.isObject() || !"text".equals(block.path("type").asText())) {
                throw ApiError.invalid("system." + i + ".type: Input should be 'text'");
            }
            append(text, textOf(block, "system." + i));
        }
        return text.toString();
    }

    private static Conversation messages(JsonNode messages) {
        int words = 0;
        String lastUser = null;
        for (int i = 0; i < messages.size(); i++) {
            String at = "messages." + i;
            JsonNode message = messages.get(i);
            if (!message.isObject()) {
                throw ApiError.invalid(at + ": Input should be a valid dictionary");
            }
            JsonNode role = message.get("role");
            if (role == null) {
                throw ApiError.invalid(at + ".role: Field required");
            }
            if (!role.isTextual() || !ROLES.contains(role.asText())) {
                throw ApiError.invalid(at + ".role: Input should be 'user' or 'assistant'");
            }
            for (Iterator<String> names = message.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!name.equals("role") && !name.equals("content")) {
                    throw ApiError.invalid(at + "." + name + ": Extra inputs are not permitted");
                }
            }
            boolean finalAssistant = i == messages.size() - 1 && role.asText().equals("assistant");
            String text = content(message.get("content"), at, finalAssistant);
            words += Words.count(text);
            if (role.asText().equals("user")) {
                lastUser = text;
            }
        }
        if (!"user".equals(messages.get(0).path("role").asText())) {
            throw ApiError.invalid("messages: first message must use the \"user\" role");
        }
        return new Conversation(words, lastUser);
    }

    /** The message's text: a string, or its text blocks joined by a space. */
    private static String content(JsonNode content, String at, boolean finalAssistant) {
        if (content == null) {
            throw ApiError.invalid(at + ".content: Field required");
        }
        if (content.isTextual()) {
            if (content.asText().isEmpty() && !finalAssistant) {
                throw ApiError.invalid("messages: all messages must have non-empty content except for the optional "
                        + "final assistant message");
            }
            return content.asText();
        }
        if (!content.isArray()) {
            throw ApiError.invalid(at + ".content: Input should be a valid string or a list of content blocks");
        }
        if (content.isEmpty() && !finalAssistant) {
            throw ApiError.invalid("messages: all messages must have non-empty content except for the optional "
                    + "final assistant message");
        }
        StringBuilder text = new StringBuilder();
        for (int j = 0; j < content.size(); j++) {
            String blockAt = at + ".content." + j;
            JsonNode block = content.get(j);
            if (!block.isObject()) {
                throw ApiError.invalid(blockAt + ": Input should be a valid dictionary");
            }
            JsonNode type = block.get("type");
            if (type == null || !type.isTextual()) {
                throw ApiError.invalid(blockAt + ".type: Field required");
            }
            if (!BLOCK_TYPES.contains(type.asText())) {
                throw ApiError.invalid(blockAt + ": Input tag '" + type.asText() + "' found using 'type' does not "
                        + "match any of the expected tags");
            }
            if (type.asText().equals("text")) {
                append(text, textOf(block, blockAt));
            } else if (type.asText().equals("image") && !block.path("source").isObject()) {
                throw ApiError.invalid(blockAt + ".source: Field required");
            }
        }
        return text.toString();
    }

    private static String textOf(JsonNode block, String at) {
        JsonNode text = block.get("text");
        if (text == null || !text.isTextual()) {
            throw ApiError.invalid(at + ".text: Field required");
        }
        if (text.asText().isEmpty()) {
            throw ApiError.invalid((at.startsWith("system") ? "system" : "messages")
                    + ": text content blocks must be non-empty");
        }
        return text.asText();
    }

    private static void append(StringBuilder text, String part) {
        if (text.length() > 0) {
            text.append(' ');
        }
        text.append(part);
    }
}
