package dev.caravan.jsonl.openai;

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
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads OpenAI batch lines {@code {custom_id, method, url, body}} (provider-apis.md §2.4) for conversion to another
 * provider. Chat and responses bodies become messages and parameters; anything else in the body is kept in
 * {@code unmapped} so the target can refuse it by name.
 */
final class OpenAiRequestReader implements RequestLineReader {

    private final ConversionSettings settings;

    OpenAiRequestReader(ConversionSettings settings) {
        this.settings = settings;
    }

    @Override
    public BatchRequest read(JsonNode line, int n) {
        String id = line.path("custom_id").asText();
        if (!"POST".equals(line.path("method").asText())) {
            throw LineError.at(n, "method must be \"POST\"");
        }
        String url = line.path("url").asText();
        Endpoint endpoint = Endpoint.ofUrl(url).orElseThrow(() -> LineError.at(n, "url \"" + url
                + "\" is not an endpoint Caravan converts; expected one of " + Arrays.stream(Endpoint.values())
                .map(Endpoint::url).collect(Collectors.joining(", "))));
        if (settings.endpoint() != null && settings.endpoint() != endpoint) {
            throw LineError.at(n, "url \"" + url + "\" does not match the batch endpoint "
                    + settings.endpoint().url());
        }
        JsonNode body = line.get("body");
        if (body == null || !body.isObject()) {
            throw LineError.at(n, "body must be a JSON object");
        }
        JsonNode model = body.get("model");
        if (model == null || !model.isTextual() || model.asText().isBlank()) {
            throw LineError.at(n, "body.model is missing");
        }
        OpenAiParameters parameters = new OpenAiParameters(n);
        if (endpoint == Endpoint.EMBEDDINGS) {
            return new BatchRequest(id, n, endpoint, model.asText(), List.of(), inputs(body.get("input"), n),
                    parameters.read(body, "model", "input"));
        }
        List<Message> messages = endpoint == Endpoint.CHAT_COMPLETIONS
                ? chatMessages(body.get("messages"), n)
                : responsesInput(body, n);
        return new BatchRequest(id, n, endpoint, model.asText(), messages, List.of(),
                endpoint == Endpoint.CHAT_COMPLETIONS ? parameters.read(body, "model", "messages")
                        : parameters.readResponses(body));
    }

    private static List<Message> chatMessages(JsonNode messages, int n) {
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw LineError.at(n, "body.messages must be a non-empty array");
        }
        List<Message> result = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            String where = "body.messages[" + i + "]";
            rejectExtraFields(message, n, where, "role", "content");
            Role role = role(message.path("role").asText(), n, where);
            result.add(new Message(role, content(message.get("content"), n, where, "text", "image_url")));
        }
        return result;
    }

    /** The Responses API: {@code input} is a string or a list of messages; {@code instructions} is a system turn. */
    private static List<Message> responsesInput(JsonNode body, int n) {
        List<Message> result = new ArrayList<>();
        JsonNode instructions = body.get("instructions");
        if (instructions != null && !instructions.isNull()) {
            if (!instructions.isTextual()) {
                throw LineError.at(n, "body.instructions must be a string");
            }
            result.add(Message.text(Role.SYSTEM, instructions.asText()));
        }
        JsonNode input = body.get("input");
        if (input != null && input.isTextual()) {
            result.add(Message.text(Role.USER, input.asText()));
        } else if (input != null && input.isArray() && !input.isEmpty()) {
            for (int i = 0; i < input.size(); i++) {
                JsonNode message = input.get(i);
                String where = "body.input[" + i + "]";
                rejectExtraFields(message, n, where, "role", "content", "type");
                if (message.has("type") && !"message".equals(message.path("type").asText())) {
                    throw LineError.at(n, where + ".type \"" + message.path("type").asText()
                            + "\" has no equivalent outside OpenAI");
                }
                Role role = role(message.path("role").asText(), n, where);
                result.add(new Message(role, content(message.get("content"), n, where, "input_text",
                        "input_image", "output_text")));
            }
        } else {
            throw LineError.at(n, "body.input must be a string or a non-empty array of messages");
        }
        return result;
    }

    private static Role role(String role, int n, String where) {
        switch (role) {
            case "system":
            case "developer":
                return Role.SYSTEM;
            case "user":
                return Role.USER;
            case "assistant":
                return Role.ASSISTANT;
            default:
                throw LineError.at(n, where + ".role \"" + role + "\" has no equivalent outside OpenAI");
        }
    }

    private static List<Part> content(JsonNode content, int n, String where, String... partTypes) {
        if (content != null && content.isTextual()) {
            return List.of(new Part.Text(content.asText()));
        }
        if (content == null || !content.isArray() || content.isEmpty()) {
            throw LineError.at(n, where + ".content must be a string or a non-empty array of parts");
        }
        List<String> allowed = List.of(partTypes);
        List<Part> parts = new ArrayList<>(content.size());
        for (int i = 0; i < content.size(); i++) {
            JsonNode part = content.get(i);
            String type = part.path("type").asText();
            String at = where + ".content[" + i + "]";
            if (!allowed.contains(type)) {
                throw LineError.at(n, at + ".type \"" + type + "\" has no equivalent outside OpenAI");
            }
            if (type.endsWith("text")) {
                rejectExtraFields(part, n, at, "type", "text", "annotations");
                parts.add(new Part.Text(part.path("text").asText()));
            } else {
                parts.add(image(part, type, n, at));
            }
        }
        return parts;
    }

    /** {@code image_url: {url, detail}} (chat) or {@code image_url: "…", detail} (responses). */
    private static Part image(JsonNode part, String type, int n, String at) {
        JsonNode holder = type.equals("image_url") ? part.path("image_url") : part;
        JsonNode urlNode = holder.isTextual() ? holder : holder.path(type.equals("image_url") ? "url" : "image_url");
        String detail = holder.isObject() ? holder.path("detail").asText("auto") : "auto";
        if (!detail.equals("auto")) {
            throw LineError.unsupported(n, at + " detail \"" + detail + "\"", "providers other than OpenAI");
        }
        String url = urlNode.asText();
        if (url.startsWith("data:")) {
            int comma = url.indexOf(',');
            String header = comma < 0 ? "" : url.substring(5, comma);
            if (comma < 0 || !header.endsWith(";base64")) {
                throw LineError.at(n, at + " must be a base64 data URL or an http(s) URL");
            }
            return new Part.Image(header.substring(0, header.length() - ";base64".length()),
                    url.substring(comma + 1), null);
        }
        if (url.isEmpty()) {
            throw LineError.at(n, at + " has no image URL");
        }
        return new Part.Image(null, null, url);
    }

    private static List<String> inputs(JsonNode input, int n) {
        if (input != null && input.isTextual()) {
            return List.of(input.asText());
        }
        if (input == null || !input.isArray() || input.isEmpty()) {
            throw LineError.at(n, "body.input must be a string or a non-empty array of strings");
        }
        List<String> inputs = new ArrayList<>(input.size());
        for (JsonNode item : input) {
            if (!item.isTextual()) {
                // token arrays are an OpenAI tokenizer's ids: meaningless to any other provider
                throw LineError.at(n, "body.input must hold strings; token arrays have no equivalent outside "
                        + "OpenAI");
            }
            inputs.add(item.asText());
        }
        return inputs;
    }

    private static void rejectExtraFields(JsonNode node, int n, String where, String... known) {
        if (!node.isObject()) {
            throw LineError.at(n, where + " must be a JSON object");
        }
        List<String> allowed = List.of(known);
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            String name = fields.next().getKey();
            if (!allowed.contains(name)) {
                throw LineError.unsupported(n, where + "." + name, "providers other than OpenAI");
            }
        }
    }
}
