package dev.caravan.jsonl.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.jsonl.ConversionSettings;
import dev.caravan.jsonl.LineError;
import dev.caravan.jsonl.RequestLineReader;
import dev.caravan.jsonl.canonical.BatchRequest;
import dev.caravan.jsonl.canonical.Endpoint;
import dev.caravan.jsonl.canonical.Message;
import dev.caravan.jsonl.canonical.Part;
import dev.caravan.jsonl.canonical.Role;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads Anthropic batch request lines {@code {custom_id, params}} (provider-apis.md §3.2), {@code params} being a
 * Messages API request: {@code system} becomes a leading system message, text and image blocks become parts, and the
 * sampling parameters their canonical fields. Every other parameter (metadata, tools, thinking...) is kept as
 * unmapped; content a canonical message cannot hold (documents, tool results, cache_control) is refused here.
 */
final class AnthropicRequestReader implements RequestLineReader {

    private static final String OTHERS = "providers other than Anthropic";
    /** The message index standing for the system blocks in error paths. */
    private static final int SYSTEM = -1;

    private final Endpoint endpoint;

    AnthropicRequestReader(ConversionSettings settings) {
        // a Messages request is a chat request; it runs as a Responses request only if the batch says so
        this.endpoint = settings.endpoint() == null ? Endpoint.CHAT_COMPLETIONS : settings.endpoint();
    }

    @Override
    public BatchRequest read(JsonNode line, int n) {
        JsonNode customId = line.get("custom_id");
        if (customId == null || !customId.isTextual() || customId.asText().isEmpty()) {
            throw LineError.at(n, "custom_id must be a non-empty string");
        }
        if (endpoint == Endpoint.EMBEDDINGS) {
            throw LineError.at(n, "an Anthropic Messages request cannot run on the batch endpoint " + endpoint.url());
        }
        JsonNode params = line.get("params");
        if (params == null || !params.isObject()) {
            throw LineError.at(n, "params must be a JSON object");
        }
        AnthropicParameters parameters = new AnthropicParameters(n);
        for (Iterator<Map.Entry<String, JsonNode>> it = line.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!field.getKey().equals("custom_id") && !field.getKey().equals("params")) {
                parameters.unmapped(field.getKey(), field.getValue());
            }
        }
        JsonNode messages = null;
        JsonNode system = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (value.isNull()) {
                continue;
            }
            if (name.equals("messages")) {
                messages = value;
            } else if (name.equals("system")) {
                system = value;
            } else {
                parameters.parameter(name, value);
            }
        }
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw LineError.at(n, "params.messages must be a non-empty array");
        }
        List<Message> result = new ArrayList<>(messages.size() + 1);
        if (system != null) {
            Message systemMessage = system(system, n);
            if (systemMessage != null) {
                result.add(systemMessage);
            }
        }
        for (int i = 0; i < messages.size(); i++) {
            result.add(message(messages.get(i), n, i));
        }
        return new BatchRequest(customId.asText(), n, endpoint, parameters.model(), result, List.of(),
                parameters.parameters());
    }

    /** {@code system}: a string or a list of text blocks. An empty string says nothing and makes no message. */
    private static Message system(JsonNode system, int n) {
        if (system.isTextual()) {
            return system.asText().isEmpty() ? null : Message.text(Role.SYSTEM, system.asText());
        }
        if (!system.isArray() || system.isEmpty()) {
            throw LineError.at(n, "params.system must be a string or a non-empty array of text blocks");
        }
        List<Part> parts = new ArrayList<>(system.size());
        for (int b = 0; b < system.size(); b++) {
            JsonNode block = system.get(b);
            if (!"text".equals(block.path("type").asText())) {
                throw LineError.at(n, blockPath(SYSTEM, b) + " must be a text block");
            }
            parts.add(text(block, n, SYSTEM, b));
        }
        return new Message(Role.SYSTEM, parts);
    }

    private static Message message(JsonNode message, int n, int m) {
        if (!message.isObject()) {
            throw LineError.at(n, messagePath(m) + " must be a JSON object {role, content}");
        }
        for (Iterator<String> names = message.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("role") && !name.equals("content")) {
                throw LineError.unsupported(n, messagePath(m) + "." + name, OTHERS);
            }
        }
        String role = message.path("role").asText();
        Role canonical;
        if (role.equals("user")) {
            canonical = Role.USER;
        } else if (role.equals("assistant")) {
            canonical = Role.ASSISTANT;
        } else {
            throw LineError.at(n, messagePath(m) + ".role must be \"user\" or \"assistant\"");
        }
        JsonNode content = message.get("content");
        if (content != null && content.isTextual()) {
            return Message.text(canonical, content.asText());
        }
        if (content == null || !content.isArray() || content.isEmpty()) {
            throw LineError.at(n, messagePath(m) + ".content must be a string or a non-empty array of content "
                    + "blocks");
        }
        List<Part> parts = new ArrayList<>(content.size());
        for (int b = 0; b < content.size(); b++) {
            JsonNode block = content.get(b);
            String type = block.path("type").asText();
            if (type.equals("text")) {
                parts.add(text(block, n, m, b));
            } else if (type.equals("image")) {
                parts.add(image(block, n, m, b));
            } else {
                // document, tool_use, tool_result, thinking, search_result...
                throw LineError.unsupported(n, blockPath(m, b) + " of type \"" + type + "\"", OTHERS);
            }
        }
        return new Message(canonical, parts);
    }

    private static Part text(JsonNode block, int n, int m, int b) {
        onlyFields(block, n, m, b, false, "type", "text");
        JsonNode text = block.get("text");
        if (text == null || !text.isTextual()) {
            throw LineError.at(n, blockPath(m, b) + ".text must be a string");
        }
        return new Part.Text(text.asText());
    }

    /** {@code source}: {@code {type: base64, media_type, data}} or {@code {type: url, url}}; files stay Anthropic's. */
    private static Part image(JsonNode block, int n, int m, int b) {
        onlyFields(block, n, m, b, false, "type", "source");
        JsonNode source = block.path("source");
        String sourceType = source.path("type").asText();
        if (sourceType.equals("base64")) {
            onlyFields(source, n, m, b, true, "type", "media_type", "data");
            return new Part.Image(nonEmpty(source, "media_type", n, m, b), nonEmpty(source, "data", n, m, b), null);
        }
        if (sourceType.equals("url")) {
            onlyFields(source, n, m, b, true, "type", "url");
            return new Part.Image(null, null, nonEmpty(source, "url", n, m, b));
        }
        if (sourceType.equals("file")) {
            throw LineError.unsupported(n, blockPath(m, b) + ".source of type \"file\"", OTHERS);
        }
        throw LineError.at(n, blockPath(m, b) + ".source.type must be \"base64\" or \"url\"");
    }

    private static String nonEmpty(JsonNode source, String field, int n, int m, int b) {
        JsonNode value = source.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw LineError.at(n, blockPath(m, b) + ".source." + field + " must be a non-empty string");
        }
        return value.asText();
    }

    /** Block-level extras such as cache_control or citations have no canonical place and are refused by name. */
    private static void onlyFields(JsonNode node, int n, int m, int b, boolean source, String first,
                                   String... more) {
        if (!node.isObject()) {
            throw LineError.at(n, blockPath(m, b) + (source ? ".source" : "") + " must be a JSON object");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals(first) && !contains(more, name)) {
                throw LineError.unsupported(n, blockPath(m, b) + (source ? ".source." : ".") + name, OTHERS);
            }
        }
    }

    private static boolean contains(String[] names, String name) {
        for (String candidate : names) {
            if (candidate.equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** Paths for error messages, built only when a line is wrong: this code runs once per line of huge files. */
    private static String messagePath(int m) {
        return "params.messages[" + m + "]";
    }

    private static String blockPath(int m, int b) {
        return (m == SYSTEM ? "params.system" : messagePath(m) + ".content") + "[" + b + "]";
    }
}
