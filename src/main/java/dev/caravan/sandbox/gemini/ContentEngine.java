package dev.caravan.sandbox.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.regex.Pattern;

/**
 * Runs one GenerateContentRequest as the model would, deterministically: the request is checked
 * ({@link RequestCheck}); the answer quotes the last user turn, "Sandbox reply to: &lt;its text&gt;", one token per
 * word, cut at {@code maxOutputTokens} (finishReason MAX_TOKENS, else STOP). A GenerateContentResponse
 * (provider-apis.md §5.5): {@code candidates[0].content.parts[0].text}, {@code usageMetadata}, {@code modelVersion},
 * {@code responseId}.
 */
final class ContentEngine {

    static final String PREFIX = "Sandbox reply to: ";
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    /** A response, or the error the request gets instead. */
    record Outcome(ObjectNode response, ApiError error) {
    }

    private ContentEngine() {
    }

    static Outcome run(String model, JsonNode request, String batchId, long index) {
        if (!ModelCatalog.serves(model)) {
            return new Outcome(null, ModelCatalog.notServed(model));
        }
        try {
            RequestCheck.check(request);
        } catch (ApiError refused) {
            return new Outcome(null, refused);
        }
        JsonNode contents = Json.field(request, "contents");
        String prompt = lastUserText(contents);
        String[] words = words(PREFIX + prompt);
        JsonNode maxNode = Json.field(Json.field(request, "generationConfig"), "maxOutputTokens");
        long max = maxNode == null ? Long.MAX_VALUE : maxNode.asLong();
        boolean cut = max > 0 && words.length > max;
        String text = cut ? String.join(" ", java.util.Arrays.copyOf(words, (int) max)) : PREFIX + prompt;
        long output = cut ? max : words.length;
        long input = promptTokens(contents) + promptTokens(Json.field(request, "systemInstruction"));

        ObjectNode response = Json.object();
        ObjectNode candidate = response.putArray("candidates").addObject();
        ObjectNode content = candidate.putObject("content");
        content.putArray("parts").addObject().put("text", text);
        content.put("role", "model");
        candidate.put("finishReason", cut ? "MAX_TOKENS" : "STOP");
        // index 0 is a zero value: proto3 JSON leaves it out
        ObjectNode usage = response.putObject("usageMetadata");
        usage.put("promptTokenCount", input);
        usage.put("candidatesTokenCount", output);
        usage.put("totalTokenCount", input + output);
        ObjectNode details = usage.putArray("promptTokensDetails").addObject();
        details.put("modality", "TEXT");
        details.put("tokenCount", input);
        response.put("modelVersion", model);
        response.put("responseId", Ids.response(batchId, index));
        return new Outcome(response, null);
    }

    /** The text parts of the last user turn, joined with spaces; empty when it has none (an image alone). */
    private static String lastUserText(JsonNode contents) {
        for (int i = contents.size() - 1; i >= 0; i--) {
            JsonNode content = contents.get(i);
            String role = Json.field(content, "role") == null ? "user" : Json.field(content, "role").asText();
            if (role.isEmpty() || role.equals("user")) {
                return texts(content);
            }
        }
        return "";
    }

    private static String texts(JsonNode content) {
        StringBuilder text = new StringBuilder();
        for (JsonNode part : Json.field(content, "parts")) {
            JsonNode value = part.get("text");
            if (value != null && value.isTextual()) {
                if (text.length() > 0) {
                    text.append(' ');
                }
                text.append(value.asText());
            }
        }
        return text.toString().strip();
    }

    private static long promptTokens(JsonNode contents) {
        if (contents == null) {
            return 0;
        }
        if (contents.isObject()) {
            return words(texts(contents)).length;
        }
        long count = 0;
        for (JsonNode content : contents) {
            count += words(texts(content)).length;
        }
        return count;
    }

    private static String[] words(String text) {
        String trimmed = text.strip();
        return trimmed.isEmpty() ? new String[0] : WHITESPACE.split(trimmed);
    }
}
