package dev.caravan.sandbox.gemini;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The File resource (provider-apis.md §4.4) in proto3 JSON: {@code sizeBytes} an int64 string (left out at 0, as
 * proto3 JSON leaves out zero values), timestamps RFC 3339, {@code downloadUri} only on generated files. Every file
 * is ACTIVE at once: the emulator has no processing step, and a JSONL file has none at the real API either.
 *
 * <p>UNCONFIRMED: {@code sha256Hash} is the base64 of the digest's 32 bytes, as the reference gives it (a proto
 * {@code bytes} field); some real answers look like the base64 of the hex digest instead. Clients treat it as opaque.
 */
final class FileJson {

    private FileJson() {
    }

    /** @param baseUrl the emulator's own address, for {@code uri} and {@code downloadUri} */
    static ObjectNode file(StoredFile file, String baseUrl) {
        ObjectNode json = Json.object();
        json.put("name", file.name());
        if (file.displayName() != null) {
            json.put("displayName", file.displayName());
        }
        json.put("mimeType", file.mimeType());
        if (file.sizeBytes() != 0) {
            json.put("sizeBytes", Long.toString(file.sizeBytes()));
        }
        json.put("createTime", Timestamps.format(file.createMillis()));
        json.put("updateTime", Timestamps.format(file.createMillis()));
        json.put("expirationTime", Timestamps.format(file.expireMillis()));
        json.put("sha256Hash", file.sha256());
        json.put("uri", baseUrl + "/v1beta/" + file.name());
        if (file.source() == FileSource.GENERATED) {
            json.put("downloadUri", baseUrl + "/download/v1beta/" + file.name() + ":download?alt=media");
        }
        json.put("state", "ACTIVE");
        json.put("source", file.source().name());
        return json;
    }

    /** {@code {"file": File}}, the answer to a finished upload. */
    static ObjectNode wrapped(StoredFile file, String baseUrl) {
        ObjectNode json = Json.object();
        json.set("file", file(file, baseUrl));
        return json;
    }
}
