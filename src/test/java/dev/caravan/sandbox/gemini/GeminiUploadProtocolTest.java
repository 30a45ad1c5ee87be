package dev.caravan.sandbox.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The resumable upload protocol's edges and the key check, over raw HTTP (provider-apis.md §4.1, §4.5). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GeminiUploadProtocolTest {

    static final String KEY = "AIza-upload-protocol-0123456789";

    @TempDir
    static Path dataDir;

    private GeminiEmulator emulator;
    private RawGemini raw;

    @BeforeAll
    void start() {
        emulator = new GeminiEmulator(GeminiEmulatorSettings.defaults(dataDir, KEY)).start("127.0.0.1", 0);
        raw = new RawGemini(emulator.baseUrl(), KEY);
    }

    @AfterAll
    void stop() {
        emulator.close();
    }

    @Test
    void theUploadUrlIsAbsoluteOnTheAddressTheClientUsed() {
        String viaIp = raw.startUpload("{\"file\":{}}", 3L, "text/plain");
        assertTrue(viaIp.startsWith(emulator.baseUrl() + "/upload/v1beta/files?upload_id="), viaIp);

        RawGemini viaName = new RawGemini("http://localhost:" + emulator.port(), KEY);
        String url = viaName.startUpload("{\"file\":{}}", 3L, "text/plain");
        assertTrue(url.startsWith("http://localhost:" + emulator.port() + "/upload/v1beta/files?upload_id="), url);
    }

    @Test
    void chunksAreCheckedAgainstTheOffsetAndTheDeclaredSize() throws Exception {
        byte[] whole = "0123456789".getBytes(StandardCharsets.UTF_8);
        String url = raw.startUpload("{\"file\":{\"displayName\":\"chunks\"}}", 10L, "text/plain");

        HttpResponse<String> first = raw.chunk(url, "upload", 0, slice(whole, 0, 4));
        assertEquals(200, first.statusCode(), first.body());
        assertEquals("active", first.headers().firstValue("X-Goog-Upload-Status").orElse(null));
        assertEquals("4", first.headers().firstValue("X-Goog-Upload-Size-Received").orElse(null));

        HttpResponse<String> wrongOffset = raw.chunk(url, "upload", 2, slice(whole, 2, 6));
        RawGemini.error(wrongOffset, 400, "INVALID_ARGUMENT");
        assertEquals("active", wrongOffset.headers().firstValue("X-Goog-Upload-Status").orElse(null),
                "the session survives a refused chunk");
        assertEquals("4", wrongOffset.headers().firstValue("X-Goog-Upload-Size-Received").orElse(null));

        HttpResponse<String> pastTheEnd = raw.chunk(url, "upload", 4,
                "456789AB".getBytes(StandardCharsets.UTF_8)); // 8 bytes where 6 are left
        RawGemini.error(pastTheEnd, 400, "INVALID_ARGUMENT");
        assertEquals("4", pastTheEnd.headers().firstValue("X-Goog-Upload-Size-Received").orElse(null),
                "nothing of a refused chunk is kept");

        HttpResponse<String> shortFinalize = raw.chunk(url, "upload, finalize", 4, slice(whole, 4, 7));
        JsonNode shortError = RawGemini.error(shortFinalize, 400, "INVALID_ARGUMENT");
        assertTrue(shortError.path("message").asText().contains("10"), shortError.toString());
        assertEquals("7", shortFinalize.headers().firstValue("X-Goog-Upload-Size-Received").orElse(null));

        HttpResponse<String> query = raw.send(raw.anonymous(url).header("X-Goog-Upload-Command", "query")
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals("7", query.headers().firstValue("X-Goog-Upload-Size-Received").orElse(null));

        HttpResponse<String> last = raw.chunk(url, "upload, finalize", 7, slice(whole, 7, 10));
        assertEquals(200, last.statusCode(), last.body());
        assertEquals("final", last.headers().firstValue("X-Goog-Upload-Status").orElse(null));
        JsonNode file = RawGemini.json(last).get("file");
        assertEquals("10", file.path("sizeBytes").asText(), "int64 as a string");
        assertEquals("chunks", file.path("displayName").asText());
        assertEquals("text/plain", file.path("mimeType").asText());
        assertEquals(Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(whole)),
                file.path("sha256Hash").asText());
        assertEquals("UPLOADED", file.path("source").asText());
        assertEquals("ACTIVE", file.path("state").asText());
        assertFalse(file.has("downloadUri"));
        assertEquals(emulator.baseUrl() + "/v1beta/" + file.path("name").asText(), file.path("uri").asText());

        RawGemini.error(raw.chunk(url, "upload, finalize", 10, new byte[0]), 404, "NOT_FOUND");
    }

    @Test
    void snakeCaseMetadataAndAChosenNameAreTaken() {
        String url = raw.startUpload("{\"file\":{\"name\":\"files/my-input-1\",\"display_name\":\"snake\","
                + "\"mime_type\":\"jsonl\",\"size_bytes\":2}}", null, null);
        JsonNode file = RawGemini.json(raw.chunk(url, "upload, finalize", 0, "{}".getBytes(StandardCharsets.UTF_8)))
                .get("file");
        assertEquals("files/my-input-1", file.path("name").asText());
        assertEquals("snake", file.path("displayName").asText());
        assertEquals("jsonl", file.path("mimeType").asText(), "the MIME type as sent, even 'jsonl'");
        assertEquals("2", file.path("sizeBytes").asText());

        HttpResponse<String> again = raw.send(raw.keyed("/upload/v1beta/files")
                .header("X-Goog-Upload-Protocol", "resumable").header("X-Goog-Upload-Command", "start")
                .POST(HttpRequest.BodyPublishers.ofString("{\"file\":{\"name\":\"files/my-input-1\"}}")).build());
        RawGemini.error(again, 409, "ALREADY_EXISTS");
    }

    @Test
    void badMetadataIsRefused() {
        for (String metadata : new String[] {"{\"file\":{\"name\":\"files/-bad\"}}", "{\"file\":{\"name\":\"files/"
                + "x".repeat(41) + "\"}}", "{\"file\":{\"displayName\":7}}", "{\"file\":{\"sizeBytes\":\"ten\"}}",
                "{\"file\":", "{\"file\":{\"displayName\":\"" + "d".repeat(513) + "\"}}"}) {
            HttpResponse<String> refused = raw.send(raw.keyed("/upload/v1beta/files")
                    .header("X-Goog-Upload-Protocol", "resumable").header("X-Goog-Upload-Command", "start")
                    .POST(HttpRequest.BodyPublishers.ofString(metadata)).build());
            RawGemini.error(refused, 400, "INVALID_ARGUMENT");
        }
    }

    @Test
    void aSimpleUploadIsTheRawBytes() {
        HttpResponse<String> uploaded = raw.send(raw.keyed("/upload/v1beta/files")
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString("a,b\n1,2\n")).build());
        assertEquals(200, uploaded.statusCode(), uploaded.body());
        JsonNode file = RawGemini.json(uploaded).get("file");
        assertEquals("text/csv", file.path("mimeType").asText());
        assertEquals("8", file.path("sizeBytes").asText());
    }

    @Test
    void aMultipartUploadIsSplitIntoMetadataAndBytes() throws Exception {
        String body = "--sep\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n"
                + "{\"file\":{\"display_name\":\"multi\"}}\r\n"
                + "--sep\r\nContent-Type: text/plain\r\n\r\nhello\r\n--sepia\r\n--sep--\r\n";
        HttpResponse<String> uploaded = raw.send(raw.keyed("/upload/v1beta/files")
                .header("X-Goog-Upload-Protocol", "multipart")
                .header("Content-Type", "multipart/related; boundary=sep")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertEquals(200, uploaded.statusCode(), uploaded.body());
        JsonNode file = RawGemini.json(uploaded).get("file");
        assertEquals("multi", file.path("displayName").asText());
        assertEquals("text/plain", file.path("mimeType").asText(), "the media part's type");
        byte[] media = "hello\r\n--sepia".getBytes(StandardCharsets.UTF_8);
        assertEquals(Integer.toString(media.length), file.path("sizeBytes").asText(),
                "a boundary-like line inside the bytes is data");
        assertEquals(Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(media)),
                file.path("sha256Hash").asText());

        RawGemini.error(raw.send(raw.keyed("/upload/v1beta/files").header("X-Goog-Upload-Protocol", "multipart")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build()),
                400, "INVALID_ARGUMENT");
        RawGemini.error(raw.send(raw.keyed("/upload/v1beta/files").header("X-Goog-Upload-Protocol", "multipart")
                .header("Content-Type", "multipart/related; boundary=sep")
                .POST(HttpRequest.BodyPublishers.ofString("--sep\r\n\r\n{}\r\n--sep\r\n\r\nno end")).build()),
                400, "INVALID_ARGUMENT");
    }

    @Test
    void theKeyIsCheckedEverywhereButOnTheUploadUrl() {
        JsonNode missing = RawGemini.error(raw.send(raw.anonymous("/v1beta/files").GET().build()), 403,
                "PERMISSION_DENIED");
        assertFalse(missing.path("message").asText().contains(KEY));
        JsonNode wrong = RawGemini.error(raw.send(raw.anonymous("/v1beta/files").header("x-goog-api-key", "AIza-no")
                .GET().build()), 400, "INVALID_ARGUMENT");
        assertEquals("API_KEY_INVALID", wrong.at("/details/0/reason").asText());
        assertEquals(200, raw.send(raw.anonymous("/v1beta/files?key=" + KEY).GET().build()).statusCode(),
                "the key as a query parameter");
        RawGemini.error(raw.send(raw.anonymous("/upload/v1beta/files").header("X-Goog-Upload-Protocol", "resumable")
                .header("X-Goog-Upload-Command", "start").POST(HttpRequest.BodyPublishers.noBody()).build()), 403,
                "PERMISSION_DENIED");
        RawGemini.error(raw.chunk(emulator.baseUrl() + "/upload/v1beta/files?upload_id=nosuchsession"
                + "&upload_protocol=resumable", "upload, finalize", 0, new byte[1]), 404, "NOT_FOUND");
    }

    private static byte[] slice(byte[] bytes, int from, int to) {
        return java.util.Arrays.copyOfRange(bytes, from, to);
    }
}
