package dev.caravan.jsonl.bedrock;

import static dev.caravan.jsonl.bedrock.ModelInputFields.hasExactly;
import static dev.caravan.jsonl.bedrock.ModelInputFields.nonEmptyArray;
import static dev.caravan.jsonl.bedrock.ModelInputFields.nonNegativeInt;
import static dev.caravan.jsonl.bedrock.ModelInputFields.number;
import static dev.caravan.jsonl.bedrock.ModelInputFields.object;
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
 * Reads the Nova / Converse shape (what {@link ConverseBodyWriter} writes): {@code system: [{text}]},
 * {@code messages: [{role, content: [{text} | {image}]}]}, {@code inferenceConfig} and, for Converse,
 * {@code additionalModelRequestFields}. Parameters inside those objects that have no canonical field are kept in
 * unmapped under their path, e.g. {@code inferenceConfig.reasoningConfig}. Paths for error messages are built only
 * once something is wrong.
 */
final class ConverseInputReader {

    private static final String INPUT = "modelInput.";
    private static final String CONFIG = "modelInput.inferenceConfig.";
    private static final String ADDITIONAL = "modelInput.additionalModelRequestFields.";

    private ConverseInputReader() {
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
                case "schemaVersion":
                    // Nova's body version marker: says which shape this is, nothing about the request
                    text(value, n, INPUT, name);
                    break;
                case "system":
                    system = value;
                    break;
                case "messages":
                    messages = value;
                    break;
                case "inferenceConfig":
                    inferenceConfig(value, n, parameters);
                    break;
                case "additionalModelRequestFields":
                    additionalFields(value, n, parameters);
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

    private static void inferenceConfig(JsonNode config, int n, ParametersBuilder parameters) {
        object(config, n, "modelInput.inferenceConfig");
        for (Iterator<Map.Entry<String, JsonNode>> fields = config.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            JsonNode value = field.getValue();
            switch (name) {
                case "maxTokens":
                case "max_new_tokens": // Nova's earlier documented name
                    parameters.maxTokens = positiveInt(value, n, CONFIG, name);
                    break;
                case "temperature":
                    parameters.temperature = number(value, n, CONFIG, name);
                    break;
                case "topP":
                    parameters.topP = number(value, n, CONFIG, name);
                    break;
                case "topK":
                    parameters.topK = nonNegativeInt(value, n, CONFIG, name);
                    break;
                case "stopSequences":
                    parameters.stop = strings(value, n, CONFIG, name);
                    break;
                default:
                    parameters.unmapped("inferenceConfig." + name, value);
            }
        }
    }

    /** The two documented top_k placements: Claude's {@code top_k} and Nova's {@code inferenceConfig.topK}. */
    private static void additionalFields(JsonNode fields, int n, ParametersBuilder parameters) {
        object(fields, n, "modelInput.additionalModelRequestFields");
        for (Iterator<Map.Entry<String, JsonNode>> it = fields.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (name.equals("top_k")) {
                parameters.topK = nonNegativeInt(value, n, ADDITIONAL, name);
            } else if (name.equals("inferenceConfig") && value.isObject() && value.size() == 1 && value.has("topK")) {
                parameters.topK = nonNegativeInt(value.get("topK"), n, ADDITIONAL, "inferenceConfig.topK");
            } else {
                parameters.unmapped("additionalModelRequestFields." + name, value);
            }
        }
    }

    private static List<Part> system(JsonNode system, int n) {
        nonEmptyArray(system, n, "modelInput.system");
        List<Part> parts = new ArrayList<>(system.size());
        for (int i = 0; i < system.size(); i++) {
            String text = textBlock(system.get(i));
            if (text == null) {
                String where = "modelInput.system[" + i + "]";
                onlyFields(system.get(i), n, where, "text");
                throw LineError.at(n, where + ".text must be a string");
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
        if (!content.isArray() || content.isEmpty()) {
            throw LineError.at(n, "modelInput.messages[" + i + "].content must be a non-empty array");
        }
        List<Part> parts = new ArrayList<>(content.size());
        for (int j = 0; j < content.size(); j++) {
            JsonNode block = content.get(j);
            String text = textBlock(block);
            Part part = text != null ? new Part.Text(text) : inlineImage(block);
            parts.add(part != null ? part : otherBlock(block, n, "modelInput.messages[" + i + "].content[" + j + "]"));
        }
        return parts;
    }

    /** The text of a well-formed {@code {text}} block, else null. */
    private static String textBlock(JsonNode block) {
        JsonNode text = block.get("text");
        return block.size() == 1 && text != null && text.isTextual() ? text.asText() : null;
    }

    /** A well-formed {@code {image: {format, source: {bytes}}}} block in a known format, else null. */
    private static Part inlineImage(JsonNode block) {
        JsonNode image = block.get("image");
        if (block.size() != 1 || image == null || !hasExactly(image, "format", "source")) {
            return null;
        }
        JsonNode source = image.get("source");
        JsonNode bytes = source.get("bytes");
        String mediaType = ImageFormats.mediaType(image.get("format").asText());
        return mediaType != null && source.size() == 1 && bytes != null && bytes.isTextual()
                ? new Part.Image(mediaType, bytes.asText(), null) : null;
    }

    /** An S3 image, or the error that says what is wrong with the block. */
    private static Part otherBlock(JsonNode block, int n, String at) {
        if (block.has("text")) {
            onlyFields(block, n, at, "text");
            text(block.get("text"), n, at, ".text");
        }
        if (!block.has("image")) {
            String kind = block.fieldNames().hasNext() ? block.fieldNames().next() : "(empty)";
            throw LineError.at(n, at + ": content block \"" + kind + "\" has no equivalent outside Bedrock");
        }
        onlyFields(block, n, at, "image");
        String where = at + ".image";
        JsonNode image = block.get("image");
        onlyFields(image, n, where, "format", "source");
        if (ImageFormats.mediaType(text(image.get("format"), n, where, ".format")) == null) {
            throw LineError.at(n, where + ".format must be jpeg, png, gif or webp");
        }
        JsonNode source = image.get("source");
        if (source != null && source.has("s3Location")) {
            onlyFields(source, n, where + ".source", "s3Location");
            JsonNode location = source.get("s3Location");
            onlyFields(location, n, where + ".source.s3Location", "uri");
            return new Part.Image(null, null, text(location.get("uri"), n, where, ".source.s3Location.uri"));
        }
        if (source != null && source.has("bytes")) {
            onlyFields(source, n, where + ".source", "bytes");
            text(source.get("bytes"), n, where, ".source.bytes");
        }
        throw LineError.at(n, where + ".source must hold bytes or s3Location");
    }
}
