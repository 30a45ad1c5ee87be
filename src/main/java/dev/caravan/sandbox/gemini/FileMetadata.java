package dev.caravan.sandbox.gemini;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The {@code {"file":{...}}} body that starts an upload (provider-apis.md §4.1), in either spelling: the Python SDK
 * sends {@code display_name}, {@code mime_type} and a numeric {@code size_bytes}; the Java SDK and the REST docs
 * send lowerCamel. Every field is optional. Output-only fields (state, uri, sha256Hash, ...) are ignored, as a
 * proto3 server ignores them on input.
 *
 * @param id          the requested id (after {@code files/}), or null for a generated one
 * @param sizeBytes   the declared size, or null
 */
record FileMetadata(String id, String displayName, String mimeType, Long sizeBytes) {

    static final int MAX_DISPLAY_NAME = 512;

    static final FileMetadata NONE = new FileMetadata(null, null, null, null);

    /** @param body the parsed body, or null for an empty one */
    static FileMetadata parse(JsonNode body) {
        if (body == null || body.isMissingNode() || body.isNull()) {
            return NONE;
        }
        if (!body.isObject()) {
            throw ApiError.invalid("Invalid JSON payload received. Expected an object.");
        }
        JsonNode file = Json.field(body, "file");
        if (file == null) {
            return NONE;
        }
        if (!file.isObject()) {
            throw ApiError.invalid("Invalid value at 'file' (type.googleapis.com/google.ai.generativelanguage.v1beta"
                    + ".File), " + file);
        }
        String name = Json.text(file, "name", "file.name");
        String id = null;
        if (name != null && !name.isEmpty()) {
            id = name.startsWith("files/") ? name.substring("files/".length()) : name;
            if (!Ids.validFileId(id)) {
                throw ApiError.invalid("Invalid file name '" + name + "': the id after 'files/' must be at most 40 "
                        + "characters of lowercase letters, digits or dashes, and may not start or end with a dash.");
            }
        }
        String displayName = Json.text(file, "displayName", "file.display_name");
        if (displayName != null && displayName.length() > MAX_DISPLAY_NAME) {
            throw ApiError.invalid("file.display_name is too long: at most " + MAX_DISPLAY_NAME + " characters.");
        }
        String mimeType = Json.text(file, "mimeType", "file.mime_type");
        return new FileMetadata(id, displayName, mimeType == null || mimeType.isEmpty() ? null : mimeType,
                size(Json.field(file, "sizeBytes")));
    }

    /** int64 in proto3 JSON: a string, though a number is accepted too (the Python SDK sends one). */
    private static Long size(JsonNode value) {
        if (value == null) {
            return null;
        }
        try {
            long size = value.isIntegralNumber() ? value.asLong()
                    : value.isTextual() ? Long.parseLong(value.asText()) : -1;
            if (size < 0) {
                throw new NumberFormatException();
            }
            return size;
        } catch (NumberFormatException e) {
            throw ApiError.invalid("Invalid value at 'file.size_bytes' (TYPE_INT64), " + value);
        }
    }
}
