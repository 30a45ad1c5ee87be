package dev.caravan.sandbox.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * A deterministic stand-in for {@code POST /v1/chat/completions}: validates the body like the real endpoint (the
 * checks a batch line most often fails) and replies "Sandbox reply to: &lt;last user message&gt;".
 *
 * <p>The 400 messages and codes imitate the real API's wording from memory; only the envelope shape is confirmed.
 */
final class ChatCompletionEngine implements RequestEngine {

    static final ChatCompletionEngine INSTANCE = new ChatCompletionEngine();

    private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool", "function");
    private static final String REPLY_PREFIX = "Sandbox reply to: ";

    private ChatCompletionEngine() {
    }

    private record Prompt(int words, String lastUserText) {
    }

    @Override
    public Execution execute(JsonNode body, String customId, long createdSeconds) {
        try {
            String model = readModel(body);
            Prompt prompt = readPrompt(body.get("messages"));
            Integer maxTokens = readLimit(body);
            String reply = prompt.lastUserText() == null ? "Sandbox reply." : REPLY_PREFIX + prompt.lastUserText();
            String[] words = WordCounter.words(reply);
            boolean cut = maxTokens != null && words.length > maxTokens;
            String content = cut ? String.join(" ", Arrays.copyOf(words, maxTokens)) : reply;
            int completionTokens = cut ? maxTokens : words.length;
            ObjectNode response = completion(body, model, customId, createdSeconds, content, cut ? "length" : "stop",
                    prompt.words(), completionTokens);
            return new Execution(200, response, prompt.words(), completionTokens);
        } catch (ApiError rejected) {
            return new Execution(rejected.status(), rejected.error().envelope(), 0, 0);
        }
    }

    static String readModel(JsonNode body) {
        JsonNode model = body.get("model");
        if (model == null || !model.isTextual() || model.asText().isEmpty()) {
            throw new ApiError(400, OpenAiError.invalidRequest("you must provide a model parameter", null, null));
        }
        return model.asText();
    }

    private static Prompt readPrompt(JsonNode messages) {
        if (messages == null || messages.isNull()) {
            throw ApiError.missingParameter("messages");
        }
        if (!messages.isArray()) {
            throw invalidType("messages", "an array of objects", messages);
        }
        if (messages.isEmpty()) {
            throw ApiError.badRequest("Invalid 'messages': empty array. Expected an array with minimum length 1, but "
                    + "got an empty array instead.", "messages", "empty_array");
        }
        int words = 0;
        String lastUserText = null;
        for (int i = 0; i < messages.size(); i++) {
            String param = "messages[" + i + "]";
            JsonNode message = messages.get(i);
            if (!message.isObject()) {
                throw invalidType(param, "an object", message);
            }
            JsonNode role = message.get("role");
            if (role == null || role.isNull()) {
                throw ApiError.missingParameter(param + ".role");
            }
            if (!role.isTextual() || !ROLES.contains(role.asText())) {
                throw ApiError.badRequest("Invalid value: '" + role.asText() + "'. Supported values are: 'system', "
                        + "'assistant', 'user', 'function', 'tool', and 'developer'.", param + ".role", "invalid_value");
            }
            String text = readContent(message, role.asText(), param);
            words += WordCounter.count(text);
            if ("user".equals(role.asText())) {
                lastUserText = text;
            }
        }
        return new Prompt(words, lastUserText);
    }

    /** The message's text: a string, or the concatenated text parts of a content array (other parts add nothing). */
    private static String readContent(JsonNode message, String role, String param) {
        JsonNode content = message.get("content");
        if (content == null || content.isNull()) {
            // Assistant turns that only carry tool calls have no content.
            if ("assistant".equals(role) && (message.has("tool_calls") || message.has("function_call"))) {
                return "";
            }
            throw ApiError.missingParameter(param + ".content");
        }
        if (content.isTextual()) {
            return content.asText();
        }
        if (!content.isArray()) {
            throw invalidType(param + ".content", "one of a string or array of objects", content);
        }
        StringBuilder text = new StringBuilder();
        for (int j = 0; j < content.size(); j++) {
            JsonNode part = content.get(j);
            String partParam = param + ".content[" + j + "]";
            if (!part.isObject() || !part.path("type").isTextual()) {
                throw ApiError.missingParameter(partParam + ".type");
            }
            if ("text".equals(part.get("type").asText())) {
                JsonNode partText = part.get("text");
                if (partText == null || !partText.isTextual()) {
                    throw ApiError.missingParameter(partParam + ".text");
                }
                if (text.length() > 0) {
                    text.append(' ');
                }
                text.append(partText.asText());
            }
        }
        return text.toString();
    }

    /** {@code max_completion_tokens} supersedes the deprecated {@code max_tokens}; either must be an integer >= 1. */
    private static Integer readLimit(JsonNode body) {
        Integer limit = null;
        for (String name : new String[] {"max_tokens", "max_completion_tokens"}) {
            JsonNode value = body.get(name);
            if (value == null || value.isNull()) {
                continue;
            }
            if (!value.isIntegralNumber() || !value.canConvertToInt()) {
                throw invalidType(name, "an integer", value);
            }
            if (value.asInt() < 1) {
                throw ApiError.badRequest("Invalid '" + name + "': integer below minimum value. Expected a value >= 1, "
                        + "but got " + value.asInt() + " instead.", name, "integer_below_min_value");
            }
            limit = value.asInt();
        }
        return limit;
    }

    static ApiError invalidType(String param, String expected, JsonNode got) {
        return ApiError.badRequest("Invalid type for '" + param + "': expected " + expected + ", but got "
                + got.getNodeType().name().toLowerCase(Locale.ROOT) + " instead.", param, "invalid_type");
    }

    private static ObjectNode completion(JsonNode body, String model, String customId, long created, String content,
            String finishReason, int promptTokens, int completionTokens) {
        ObjectNode node = WireFormat.MAPPER.createObjectNode();
        node.put("id", IdGenerator.stableAlphanumeric("chatcmpl-", 29, customId, body.toString()));
        node.put("object", "chat.completion");
        node.put("created", created);
        node.put("model", model);
        ObjectNode choice = node.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        message.put("content", content);
        message.putNull("refusal");
        message.putArray("annotations");
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        ObjectNode usage = node.putObject("usage");
        usage.put("prompt_tokens", promptTokens);
        usage.put("completion_tokens", completionTokens);
        usage.put("total_tokens", promptTokens + completionTokens);
        ObjectNode promptDetails = usage.putObject("prompt_tokens_details");
        promptDetails.put("cached_tokens", 0);
        promptDetails.put("audio_tokens", 0);
        ObjectNode completionDetails = usage.putObject("completion_tokens_details");
        completionDetails.put("reasoning_tokens", 0);
        completionDetails.put("audio_tokens", 0);
        completionDetails.put("accepted_prediction_tokens", 0);
        completionDetails.put("rejected_prediction_tokens", 0);
        node.put("service_tier", "default");
        node.put("system_fingerprint", "fp_sandbox");
        return node;
    }
}
