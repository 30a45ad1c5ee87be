package dev.caravan.jsonl.gemini;

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
 * Reads Gemini batch file lines, keyed {@code {key, request}} or {@code {request, metadata:{key}}}
 * (provider-apis.md §5.5), whose {@code request} is a GenerateContentRequest in proto3 JSON (camelCase or
 * snake_case names). {@code systemInstruction} becomes a system message ahead of the {@code contents} turns;
 * {@code generationConfig} becomes the canonical parameters; any other request field is kept as unmapped.
 */
final class GeminiRequestReader implements RequestLineReader {

    private static final String OTHERS = "providers other than Gemini";
    /** The content index standing for systemInstruction in error paths. */
    private static final int SYSTEM_INSTRUCTION = -1;

    private final Endpoint endpoint;

    GeminiRequestReader(ConversionSettings settings) {
        // a generateContent request is a chat request; it runs as a Responses request only if the batch says so
        this.endpoint = settings.endpoint() == null ? Endpoint.CHAT_COMPLETIONS : settings.endpoint();
    }

    @Override
    public BatchRequest read(JsonNode line, int n) {
        GeminiParameters parameters = new GeminiParameters(n);
        String id = id(line, n, parameters);
        if (endpoint == Endpoint.EMBEDDINGS) {
            throw LineError.at(n, "a Gemini generateContent request cannot run on the batch endpoint "
                    + endpoint.url());
        }
        JsonNode request = line.get("request");
        if (request == null || !request.isObject()) {
            throw LineError.at(n, "request must be a JSON object");
        }
        JsonNode contents = null;
        JsonNode system = null;
        String model = null;
        for (Iterator<Map.Entry<String, JsonNode>> fields = request.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            if (value.isNull()) {
                continue;
            }
            String name = field.getKey();
            String json = ProtoFieldName.json(name);
            if (!json.equals(name)) {
                ProtoFieldName.requireOneSpelling(request, name, json, n, "request");
            }
            switch (json) {
                case "contents":
                    contents = value;
                    break;
                case "systemInstruction":
                    system = value;
                    break;
                case "generationConfig":
                    parameters.generationConfig(name, value);
                    break;
                case "model":
                    model = model(value, n);
                    break;
                default:
                    // safetySettings, tools, toolConfig, cachedContent, labels...
                    parameters.unmapped(name, value);
            }
        }
        if (contents == null || !contents.isArray() || contents.isEmpty()) {
            throw LineError.at(n, "request.contents must be a non-empty array");
        }
        List<Message> messages = new ArrayList<>(contents.size() + 1);
        if (system != null) {
            messages.add(systemMessage(system, n));
        }
        for (int i = 0; i < contents.size(); i++) {
            messages.add(turn(contents.get(i), n, i));
        }
        return new BatchRequest(id, n, endpoint, model, messages, List.of(), parameters.parameters());
    }

    /** The key of either form; any other top-level field (or metadata entry) is kept so a target can refuse it. */
    private static String id(JsonNode line, int n, GeminiParameters parameters) {
        JsonNode key = line.get("key");
        String idField = "key";
        JsonNode metadata = line.get("metadata");
        if (key == null && metadata != null && metadata.isObject()) {
            key = metadata.get("key");
            idField = "metadata.key";
        }
        if (key == null || !key.isTextual() || key.asText().isEmpty()) {
            throw LineError.at(n, idField + " must be a non-empty string");
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = line.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            if (name.equals("metadata") && field.getValue().isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> entries = field.getValue().fields(); entries.hasNext(); ) {
                    Map.Entry<String, JsonNode> entry = entries.next();
                    // the id itself, or a copy of it next to a top-level key, is not extra data
                    boolean theId = entry.getKey().equals("key")
                            && (idField.equals("metadata.key") || entry.getValue().equals(key));
                    if (!theId) {
                        parameters.unmapped("metadata." + entry.getKey(), entry.getValue());
                    }
                }
            } else if (!name.equals("key") && !name.equals("request")) {
                parameters.unmapped(name, field.getValue());
            }
        }
        return key.asText();
    }

    /** The REST path names a model as {@code models/x}; the canonical model is the bare name. */
    private static String model(JsonNode value, int n) {
        if (!value.isTextual() || value.asText().isBlank()) {
            throw LineError.at(n, "request.model must be a non-empty string");
        }
        String model = value.asText();
        return model.startsWith("models/") ? model.substring("models/".length()) : model;
    }

    /** systemInstruction is a Content whose role is ignored; only its text can become a system message. */
    private static Message systemMessage(JsonNode system, int n) {
        if (!system.isObject()) {
            throw LineError.at(n, "request.systemInstruction must be a Content object {parts:[…]}");
        }
        List<Part> parts = parts(system, n, SYSTEM_INSTRUCTION);
        for (Part part : parts) {
            if (!(part instanceof Part.Text)) {
                throw LineError.at(n, "request.systemInstruction may hold text parts only");
            }
        }
        return new Message(Role.SYSTEM, parts);
    }

    private static Message turn(JsonNode content, int n, int c) {
        if (!content.isObject()) {
            throw LineError.at(n, contentPath(c) + " must be a Content object {role, parts}");
        }
        JsonNode roleNode = content.get("role");
        // role may be left unset for a single-turn request: the API then takes it as the user's
        String role = roleNode == null || roleNode.isNull() ? "user" : roleNode.asText();
        Role canonical;
        if (role.equals("user")) {
            canonical = Role.USER;
        } else if (role.equals("model")) {
            canonical = Role.ASSISTANT;
        } else {
            throw LineError.at(n, contentPath(c) + ".role \"" + role + "\" must be \"user\" or \"model\"");
        }
        return new Message(canonical, parts(content, n, c));
    }

    private static List<Part> parts(JsonNode content, int n, int c) {
        for (Iterator<String> names = content.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("role") && !name.equals("parts")) {
                throw LineError.unsupported(n, contentPath(c) + "." + name, OTHERS);
            }
        }
        JsonNode parts = content.get("parts");
        if (parts == null || !parts.isArray() || parts.isEmpty()) {
            throw LineError.at(n, contentPath(c) + ".parts must be a non-empty array");
        }
        List<Part> result = new ArrayList<>(parts.size());
        for (int p = 0; p < parts.size(); p++) {
            result.add(part(parts.get(p), n, c, p));
        }
        return result;
    }

    /** A Part holds one kind of data; text, inlineData and fileData convert, the others are Gemini's own. */
    private static Part part(JsonNode part, int n, int c, int p) {
        if (!part.isObject()) {
            throw LineError.at(n, partPath(c, p) + " must be a JSON object");
        }
        Part result = null;
        for (Iterator<Map.Entry<String, JsonNode>> fields = part.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            JsonNode value = field.getValue();
            String json = ProtoFieldName.json(name);
            if (!json.equals(name)) {
                ProtoFieldName.requireOneSpelling(part, name, json, n, partPath(c, p));
            }
            Part read;
            switch (json) {
                case "text":
                    if (!value.isTextual()) {
                        throw LineError.at(n, partPath(c, p) + ".text must be a string");
                    }
                    read = new Part.Text(value.asText());
                    break;
                case "inlineData":
                    read = inlineImage(value, n, c, p, name);
                    break;
                case "fileData":
                    read = fileImage(value, n, c, p, name);
                    break;
                default:
                    // functionCall, functionResponse, executableCode, thought, videoMetadata...
                    throw LineError.unsupported(n, partPath(c, p) + "." + name, OTHERS);
            }
            if (result != null) {
                throw LineError.at(n, partPath(c, p) + " must hold exactly one of text, inlineData, fileData");
            }
            result = read;
        }
        if (result == null) {
            throw LineError.at(n, partPath(c, p) + " must hold one of text, inlineData, fileData");
        }
        return result;
    }

    private static Part inlineImage(JsonNode blob, int n, int c, int p, String blobName) {
        String mimeType = null;
        String data = null;
        for (Iterator<Map.Entry<String, JsonNode>> fields = fieldsOf(blob, n, c, p, blobName); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            String json = ProtoFieldName.json(name);
            if (!json.equals(name)) {
                ProtoFieldName.requireOneSpelling(blob, name, json, n, partPath(c, p) + "." + blobName);
            }
            switch (json) {
                case "mimeType":
                    mimeType = imageMimeType(field.getValue(), n, c, p, blobName, name);
                    break;
                case "data":
                    data = nonEmptyString(field.getValue(), n, c, p, blobName, name);
                    break;
                default:
                    throw LineError.unsupported(n, partPath(c, p) + "." + blobName + "." + name, OTHERS);
            }
        }
        if (mimeType == null || data == null) {
            throw LineError.at(n, partPath(c, p) + "." + blobName + " needs mimeType and data");
        }
        return new Part.Image(mimeType, data, null);
    }

    /** A file by URI (Files API or gs://); its mime type, when given, is kept alongside the URL. */
    private static Part fileImage(JsonNode file, int n, int c, int p, String fileName) {
        String mimeType = null;
        String uri = null;
        for (Iterator<Map.Entry<String, JsonNode>> fields = fieldsOf(file, n, c, p, fileName); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            String json = ProtoFieldName.json(name);
            if (!json.equals(name)) {
                ProtoFieldName.requireOneSpelling(file, name, json, n, partPath(c, p) + "." + fileName);
            }
            switch (json) {
                case "mimeType":
                    mimeType = imageMimeType(field.getValue(), n, c, p, fileName, name);
                    break;
                case "fileUri":
                    uri = nonEmptyString(field.getValue(), n, c, p, fileName, name);
                    break;
                default:
                    throw LineError.unsupported(n, partPath(c, p) + "." + fileName + "." + name, OTHERS);
            }
        }
        if (uri == null) {
            throw LineError.at(n, partPath(c, p) + "." + fileName + " needs fileUri");
        }
        return new Part.Image(mimeType, null, uri);
    }

    private static Iterator<Map.Entry<String, JsonNode>> fieldsOf(JsonNode node, int n, int c, int p,
                                                                 String name) {
        if (!node.isObject()) {
            throw LineError.at(n, partPath(c, p) + "." + name + " must be a JSON object");
        }
        return node.fields();
    }

    /** Only images have a canonical part; PDFs, audio and video stay Gemini's. */
    private static String imageMimeType(JsonNode value, int n, int c, int p, String holder, String name) {
        String mimeType = nonEmptyString(value, n, c, p, holder, name);
        if (!mimeType.startsWith("image/")) {
            throw LineError.at(n, partPath(c, p) + "." + holder + "." + name + " \"" + mimeType + "\" is not an "
                    + "image; only text and images convert to " + OTHERS);
        }
        return mimeType;
    }

    private static String nonEmptyString(JsonNode value, int n, int c, int p, String holder, String name) {
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw LineError.at(n, partPath(c, p) + "." + holder + "." + name + " must be a non-empty string");
        }
        return value.asText();
    }

    /** Paths for error messages, built only when a line is wrong: this code runs once per line of huge files. */
    private static String contentPath(int c) {
        return c == SYSTEM_INSTRUCTION ? "request.systemInstruction" : "request.contents[" + c + "]";
    }

    private static String partPath(int c, int p) {
        return contentPath(c) + ".parts[" + p + "]";
    }
}
