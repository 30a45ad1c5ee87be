package dev.caravan.sandbox.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The size limits, set small (the API's are 2 GB per file and 20 MB of inline requests): a file over its limit is
 * refused whether declared up front or found out from the bytes, and so is a batch create body.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GeminiEmulatorLimitsTest {

    static final String KEY = "AIza-limits-0123456789";
    static final int FILE_LIMIT = 1000;
    static final int INLINE_LIMIT = 2000;

    @TempDir
    static Path dataDir;

    private GeminiEmulator emulator;
    private RawGemini raw;

    @BeforeAll
    void start() {
        emulator = new GeminiEmulator(GeminiEmulatorSettings.defaults(dataDir, KEY)
                .withPhaseDuration(Duration.ofMillis(100)).withLimits(FILE_LIMIT, INLINE_LIMIT))
                .start("127.0.0.1", 0);
        raw = new RawGemini(emulator.baseUrl(), KEY);
    }

    @AfterAll
    void stop() {
        emulator.close();
    }

    @Test
    void aFileAtTheLimitIsTakenAndOneByteMoreIsNot() {
        JsonNode atLimit = raw.upload(new byte[FILE_LIMIT], "application/octet-stream");
        assertEquals(Integer.toString(FILE_LIMIT), atLimit.path("sizeBytes").asText());

        HttpResponse<String> declared = raw.send(raw.keyed("/upload/v1beta/files")
                .header("X-Goog-Upload-Protocol", "resumable").header("X-Goog-Upload-Command", "start")
                .header("X-Goog-Upload-Header-Content-Length", Integer.toString(FILE_LIMIT + 1))
                .POST(HttpRequest.BodyPublishers.ofString("{\"file\":{}}")).build());
        JsonNode error = RawGemini.error(declared, 400, "INVALID_ARGUMENT");
        assertTrue(error.path("message").asText().contains(Integer.toString(FILE_LIMIT)), error.toString());

        String undeclared = raw.startUpload("{}", null, "text/plain");
        RawGemini.error(raw.chunk(undeclared, "upload, finalize", 0, new byte[FILE_LIMIT + 1]), 400,
                "INVALID_ARGUMENT");

        RawGemini.error(raw.send(raw.keyed("/upload/v1beta/files").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[FILE_LIMIT + 1])).build()), 400,
                "INVALID_ARGUMENT");
    }

    @Test
    void aCreateBodyOverTheInlineLimitIsRefused() {
        String prompt = "x".repeat(INLINE_LIMIT);
        HttpResponse<String> refused = raw.postJson("/v1beta/models/gemini-2.5-flash:batchGenerateContent",
                "{\"batch\":{\"displayName\":\"big\",\"inputConfig\":{\"requests\":{\"requests\":[{\"request\":"
                        + "{\"contents\":[{\"parts\":[{\"text\":\"" + prompt + "\"}]}]}}]}}}}");
        JsonNode error = RawGemini.error(refused, 400, "INVALID_ARGUMENT");
        assertTrue(error.path("message").asText().startsWith("Request payload size exceeds the limit"),
                error.toString());

        JsonNode small = raw.createBatch("gemini-2.5-flash", "{\"batch\":{\"displayName\":\"small\","
                + "\"inputConfig\":{\"requests\":{\"requests\":[{\"request\":{\"contents\":[{\"parts\":"
                + "[{\"text\":\"fits\"}]}]}}]}}}}");
        assertEquals("BATCH_STATE_SUCCEEDED", raw.awaitDone(small.path("name").asText(), Duration.ofSeconds(10))
                .at("/metadata/state").asText());
    }
}
