package dev.caravan.jsonl.bedrock;

import static dev.caravan.jsonl.bedrock.ModelInputFields.hasExactly;
import static dev.caravan.jsonl.bedrock.ModelInputFields.nonEmptyArray;
import static dev.caravan.jsonl.bedrock.ModelInputFields.nonNegativeInt;
import static dev.caravan.jsonl.bedrock.ModelInputFields.number;
import static dev.caravan.jsonl.bedrock.ModelInputFields.onlyFields;
import static dev.caravan.jsonl.bedrock.ModelInputFields.positiveInt;
import static dev.caravan.jsonl.bedrock.ModelInputFields.strings;
import static dev.caravan.jsonl.bedrock.ModelInputFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.jsonl.LineError;
import dev.caravan.jsonl.canonical.Message;
import dev.caravan.jsonl.canonical.Part;
import dev.caravan.jsonl.canonical.Role;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads Claude's Anthropic Messages body (the shape {@link ClaudeBodyWriter} writes) into canonical form. Paths for
 * error messages are built only once something is wrong.
 */
final class ClaudeInputReader {

    private static final String INPUT = "modelInput.";

    private ClaudeInputReader() {
    }

    static ModelInputContent read(JsonNode input, int n) {
        ParametersBuilder parameters = new ParametersBuilder();
        JsonNode system = null;
        JsonNode messages = null;
        for (Iterator<Map.Entry<String, JsonNode>> fields = input.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (value.isNull()) {
                continue;
            }
            switch (name) {
                case "anthropic_version":
                    // names the API version, which every target fixes for itself
                    text(value, n, INPUT, name);
                    break;
                case "max_tokens":
                    parameters.maxTokens = positiveInt(value, n, INPUT, name);
                    break;
                case "system":
                    system = value;
                    break;
                case "messages":
                    messages = value;
                    break;
                case "temperature":
                    parameters.temperature = number(value, n, INPUT, name);
                    break;
                case "top_p":
                    parameters.topP = number(value, n, INPUT, name);
                    break;
                case "top_k":
                    parameters.topK = nonNegativeInt(value, n, INPUT, name);
                    break;
                case "stop_sequences":
                    parameters.stop = strings(value, n, INPUT, name);
                    break;
                default:
                    parameters.unmapped(name, value);
            }
        }
        nonEmptyArray(messages, n, "modelInput.messages");
        List<Message> result = new ArrayList<>(messages.size() + 1);
        if (system != null) {
            result.add(new Message(Role.SYSTEM, system(system, n)));
        }
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            if (!hasExactly(message, "role", "content")) {
                String where = "modelInput.messages[" + i + "]";
                onlyFields(message, n, where, "role", "content");
                throw LineError.at(n, where + " needs a role and a content");
            }
            result.add(new Message(role(message.get("role"), n, i), content(message.get("content"), n, i)));
        }
        return ModelInputContent.chat(result, parameters.build());
    }

    /** A string, or an array of text blocks. */
    private static List<Part> system(JsonNode system, int n) {
        if (system.isTextual()) {
            return List.of(new Part.Text(system.asText()));
        }
        nonEmptyArray(system, n, "modelInput.system");
        List<Part> parts = new ArrayList<>(system.size());
        for (int i = 0; i < system.size(); i++) {
            String text = textBlock(system.get(i));
            if (text == null) {
                String where = "modelInput.system[" + i + "]";
                onlyFields(system.get(i), n, where, "type", "text");
                throw LineError.at(n, where + " must be {\"type\":\"text\",\"text\":\"…\"}");
            }
            parts.add(new Part.Text(text));
        }
        return parts;
    }

    private static Role role(JsonNode role, int n, int i) {
        switch (role.asText()) {
            case "user":
                return Role.USER;
            case "assistant":
                return Role.ASSISTANT;
            default:
                throw LineError.at(n, "modelInput.messages[" + i + "].role must be \"user\" or \"assistant\"");
        }
    }

    private static List<Part> content(JsonNode content, int n, int i) {
        if (content.isTextual()) {
            return List.of(new Part.Text(content.asText()));
        }
        if (!content.isArray() || content.isEmpty()) {
            throw LineError.at(n, "modelInput.messages[" + i + "].content must be a string or a non-empty array of "
                    + "content blocks");
        }
        List<Part> parts = new ArrayList<>(content.size());
        for (int j = 0; j < content.size(); j++) {
            JsonNode block = content.get(j);
            String text = textBlock(block);
            Part part = text != null ? new Part.Text(text) : base64Image(block);
            parts.add(part != null ? part : otherBlock(block, n, "modelInput.messages[" + i + "].content[" + j + "]"));
        }
        return parts;
    }

    /** The text of a well-formed {@code {type: text, text}} block, else null. */
    private static String textBlock(JsonNode block) {
        JsonNode text = block.get("text");
        return hasExactly(block, "type", "text") && text.isTextual() && "text".equals(block.get("type").asText())
                ? text.asText() : null;
    }

    /** A well-formed {@code {type: image, source: {type: base64, media_type, data}}} block, else null. */
    private static Part base64Image(JsonNode block) {
        if (!hasExactly(block, "type", "source") || !"image".equals(block.get("type").asText())) {
            return null;
        }
        JsonNode source = block.get("source");
        JsonNode mediaType = source.get("media_type");
        JsonNode data = source.get("data");
        boolean valid = source.isObject() && source.size() == 3 && "base64".equals(source.path("type").asText())
                && mediaType != null && mediaType.isTextual() && data != null && data.isTextual();
        return valid ? new Part.Image(mediaType.asText(), data.asText(), null) : null;
    }

    /** A URL image (Anthropic's API takes it; Bedrock does not, and a Bedrock writer says so), or the error. */
    private static Part otherBlock(JsonNode block, int n, String at) {
        String type = block.path("type").asText();
        if (type.equals("text")) {
            onlyFields(block, n, at, "type", "text");
            text(block.get("text"), n, at, ".text");
        }
        if (!type.equals("image")) {
            throw LineError.at(n, at + ".type \"" + type + "\" has no equivalent outside Claude");
        }
        onlyFields(block, n, at, "type", "source");
        JsonNode source = block.get("source");
        String where = at + ".source";
        String sourceType = source == null ? "" : source.path("type").asText();
        if (sourceType.equals("url")) {
            onlyFields(source, n, where, "type", "url");
            return new Part.Image(null, null, text(source.get("url"), n, where, ".url"));
        }
        if (!sourceType.equals("base64")) {
            throw LineError.at(n, where + ".type must be \"base64\" or \"url\"");
        }
        onlyFields(source, n, where, "type", "media_type", "data");
        text(source.get("media_type"), n, where, ".media_type");
        text(source.get("data"), n, where, ".data");
        throw LineError.at(n, where + " must have media_type and data");
    }
}
