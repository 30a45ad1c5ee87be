package dev.caravan.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.model.FileObject;

/**
 * A Gemini File (provider-apis.md §4.4) as the canonical file: the id self-routing ({@link GeminiFileId}),
 * {@code sizeBytes} (an int64, so a JSON string) as bytes, {@code createTime} / {@code expirationTime} as unix
 * seconds, {@code displayName} as the filename.
 */
final class GeminiFileMapping {

    static final String PURPOSE = "batch";

    private GeminiFileMapping() {
    }

    static FileObject file(JsonNode file) {
        String name = file.path("name").asText("");
        if (!GeminiFileId.Uploaded.NAME.matcher(name).matches()) {
            throw GeminiUpstreamErrors.unexpected("a file named '" + name + "'");
        }
        Long createdAt = GeminiTimes.seconds(file, "createTime");
        if (createdAt == null) {
            throw GeminiUpstreamErrors.unexpected("file " + name + " without createTime");
        }
        String displayName = file.path("displayName").asText("");
        return new FileObject(new GeminiFileId.Uploaded(name).id(),
                // proto3 JSON leaves a zero size out
                file.path("sizeBytes").asLong(0),
                createdAt,
                GeminiTimes.seconds(file, "expirationTime"),
                displayName.isEmpty() ? name.substring("files/".length()) : displayName,
                // what Gemini generates (batch results) is served under the batch's output and error file ids
                "GENERATED".equals(file.path("source").asText()) ? "batch_output" : PURPOSE,
                status(file.path("state").asText("")));
    }

    /** Whether Gemini generated the file (a batch's responses) rather than someone uploading it. */
    static boolean generated(JsonNode file) {
        return "GENERATED".equals(file.path("source").asText());
    }

    /**
     * OpenAI's (deprecated, still sent) file status: {@code ACTIVE} is ready for use, {@code processed};
     * {@code PROCESSING} is not yet, {@code uploaded}; {@code FAILED} is {@code error}.
     */
    static String status(String state) {
        switch (state) {
            case "PROCESSING":
                return "uploaded";
            case "FAILED":
                return "error";
            default:
                // ACTIVE, and STATE_UNSPECIFIED (proto3 JSON leaves the zero value out): the file is there
                return "processed";
        }
    }
}
