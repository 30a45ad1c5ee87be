package dev.caravan.sandbox.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.jsonl.ConversionSettings;
import dev.caravan.jsonl.ResultLineReader;
import dev.caravan.jsonl.canonical.BatchResult;
import dev.caravan.jsonl.canonical.ResultBody;
import dev.caravan.jsonl.gemini.GeminiResultLines;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Batches over raw HTTP (provider-apis.md §5): the Operation's JSON to the field, the three input line forms,
 * per-request errors, both download paths, cancel and delete, and that Caravan's own Gemini result reader reads the
 * results file.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GeminiBatchWireTest {

    static final String KEY = "AIza-batch-wire-0123456789";
    static final Duration PATIENCE = Duration.ofSeconds(20);

    @TempDir
    static Path dataDir;

    private GeminiEmulator emulator;
    private RawGemini raw;

    @BeforeAll
    void start() {
        emulator = new GeminiEmulator(GeminiEmulatorSettings.defaults(dataDir, KEY)
                .withPhaseDuration(Duration.ofMillis(150))).start("127.0.0.1", 0);
        raw = new RawGemini(emulator.baseUrl(), KEY);
    }

    @AfterAll
    void stop() {
        emulator.close();
    }

    private static final String LINES = String.join("\n",
            "{\"key\":\"a-keyed\",\"request\":{\"contents\":[{\"role\":\"user\",\"parts\":"
                    + "[{\"text\":\"Hello one\"}]}]}}",
            "{\"contents\":[{\"parts\":[{\"text\":\"Bare two\"}]}],\"generation_config\":{\"max_output_tokens\":3}}",
            "",
            "{\"request\":{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Meta three\"}]}]},"
                    + "\"metadata\":{\"key\":\"c-meta\"}}",
            "{\"key\":\"no-contents\",\"request\":{\"generationConfig\":{\"temperature\":0.5}}}",
            "{\"key\":\"bad-config\",\"request\":{\"contents\":[{\"parts\":[{\"text\":\"x\"}]}],"
                    + "\"generationConfig\":{\"maxOutputTokens\":\"many\"}}}",
            "{not json",
            "") + "\n";

    @Test
    void aFileBatchAnswersEveryLineFormInOrderWithPerRequestErrors() throws Exception {
        JsonNode input = raw.upload(LINES.getBytes(StandardCharsets.UTF_8), "application/jsonl");
        JsonNode created = raw.createBatch("gemini-2.5-flash", "{\"batch\":{\"display_name\":\"wire\","
                + "\"input_config\":{\"file_name\":\"" + input.path("name").asText() + "\"}}}");

        String name = created.path("name").asText();
        assertTrue(name.matches("batches/[a-z0-9]{20}"), name);
        JsonNode metadata = created.get("metadata");
        assertEquals("type.googleapis.com/google.ai.generativelanguage.v1main.GenerateContentBatch",
                metadata.path("@type").asText());
        assertEquals(name, metadata.path("name").asText());
        assertEquals("models/gemini-2.5-flash", metadata.path("model").asText());
        assertEquals("wire", metadata.path("displayName").asText());
        assertEquals(input.path("name").asText(), metadata.at("/inputConfig/fileName").asText());
        assertEquals("BATCH_STATE_PENDING", metadata.path("state").asText());
        assertEquals("6", metadata.at("/batchStats/requestCount").asText(), "blank lines are no requests");
        assertEquals("6", metadata.at("/batchStats/pendingRequestCount").asText());
        assertFalse(metadata.get("batchStats").has("successfulRequestCount"), "zero counts are left out");
        assertFalse(created.has("done"));
        assertFalse(metadata.has("endTime"));

        JsonNode done = raw.awaitDone(name, PATIENCE);

        JsonNode ended = done.get("metadata");
        assertEquals("BATCH_STATE_SUCCEEDED", ended.path("state").asText());
        assertEquals("6", ended.at("/batchStats/requestCount").asText());
        assertEquals("3", ended.at("/batchStats/successfulRequestCount").asText());
        assertEquals("3", ended.at("/batchStats/failedRequestCount").asText());
        assertFalse(ended.get("batchStats").has("pendingRequestCount"));
        String resultsFile = "files/batch-" + name.substring("batches/".length());
        assertEquals(resultsFile, ended.at("/output/responsesFile").asText());
        assertEquals("type.googleapis.com/google.ai.generativelanguage.v1main.GenerateContentBatchOutput",
                done.at("/response/@type").asText());
        assertEquals(resultsFile, done.at("/response/responsesFile").asText(), "the output in both places");
        assertFalse(ended.path("endTime").asText().isEmpty());
        assertEquals(ended.path("endTime").asText(), ended.path("updateTime").asText());

        JsonNode file = RawGemini.json(raw.get("/v1beta/" + resultsFile));
        assertEquals("GENERATED", file.path("source").asText());
        assertEquals(emulator.baseUrl() + "/download/v1beta/" + resultsFile + ":download?alt=media",
                file.path("downloadUri").asText());

        HttpResponse<String> viaApi = raw.get("/v1beta/" + resultsFile + ":download?alt=media");
        HttpResponse<String> viaDownload = raw.get("/download/v1beta/" + resultsFile + ":download?alt=media");
        assertEquals(200, viaApi.statusCode(), viaApi.body());
        assertEquals(200, viaDownload.statusCode(), viaDownload.body());
        assertEquals(viaApi.body(), viaDownload.body(), "both download paths serve the same bytes");
        assertEquals(file.path("sizeBytes").asText(), Integer.toString(viaApi.body().getBytes(StandardCharsets.UTF_8)
                .length));

        List<JsonNode> lines = new ArrayList<>();
        for (String line : viaApi.body().split("\n")) {
            lines.add(RawGemini.JSON.readTree(line));
        }
        assertEquals(6, lines.size());
        assertEquals("a-keyed", lines.get(0).path("key").asText());
        assertEquals("Sandbox reply to: Hello one", lines.get(0).at("/response/candidates/0/content/parts/0/text")
                .asText());
        assertEquals("STOP", lines.get(0).at("/response/candidates/0/finishReason").asText());
        assertEquals("gemini-2.5-flash", lines.get(0).at("/response/modelVersion").asText());
        assertFalse(lines.get(0).at("/response/responseId").asText().isEmpty());
        assertEquals(2, lines.get(0).at("/response/usageMetadata/promptTokenCount").asInt());
        assertEquals(5, lines.get(0).at("/response/usageMetadata/candidatesTokenCount").asInt());
        assertEquals(7, lines.get(0).at("/response/usageMetadata/totalTokenCount").asInt());

        assertFalse(lines.get(1).has("key"), "a bare request is answered without a key");
        assertEquals("Sandbox reply to:", lines.get(1).at("/response/candidates/0/content/parts/0/text").asText(),
                "cut at max_output_tokens (snake_case config)");
        assertEquals("MAX_TOKENS", lines.get(1).at("/response/candidates/0/finishReason").asText());

        assertEquals("c-meta", lines.get(2).path("key").asText(), "the metadata form's key");
        assertEquals("Sandbox reply to: Meta three", lines.get(2).at("/response/candidates/0/content/parts/0/text")
                .asText());

        assertEquals("no-contents", lines.get(3).path("key").asText());
        assertEquals(400, lines.get(3).at("/error/code").asInt());
        assertEquals("INVALID_ARGUMENT", lines.get(3).at("/error/status").asText());
        assertEquals("bad-config", lines.get(4).path("key").asText());
        assertTrue(lines.get(4).at("/error/message").asText().contains("max_output_tokens"), lines.get(4).toString());
        assertEquals("INVALID_ARGUMENT", lines.get(5).at("/error/status").asText(), "a line that is no JSON");
    }

    @Test
    void caravansGeminiResultReaderReadsTheResultsFile() throws Exception {
        String lines = "{\"key\":\"ok-1\",\"request\":{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":"
                + "\"What is 2+2?\"}]}],\"generationConfig\":{\"maxOutputTokens\":100}}}\n"
                + "{\"request\":{\"contents\":[]},\"metadata\":{\"key\":\"broken-2\"}}\n";
        JsonNode input = raw.upload(lines.getBytes(StandardCharsets.UTF_8), "application/jsonl");
        JsonNode created = raw.createBatch("gemini-2.5-flash", "{\"batch\":{\"displayName\":\"reader\","
                + "\"inputConfig\":{\"fileName\":\"" + input.path("name").asText() + "\"}}}");
        JsonNode done = raw.awaitDone(created.path("name").asText(), PATIENCE);
        String results = raw.get("/v1beta/" + done.at("/response/responsesFile").asText() + ":download?alt=media")
                .body();

        ResultLineReader reader = GeminiResultLines.reader(ConversionSettings.forModel("gemini-2.5-flash"));
        String[] out = results.split("\n");
        BatchResult first = reader.read(RawGemini.JSON.readTree(out[0]), 1);
        BatchResult second = reader.read(RawGemini.JSON.readTree(out[1]), 2);

        assertEquals("ok-1", first.id());
        assertTrue(first.succeeded());
        ResultBody.Completion completion = (ResultBody.Completion) first.body();
        assertEquals("Sandbox reply to: What is 2+2?", completion.choices().get(0).text());
        assertEquals("gemini-2.5-flash", completion.model());
        assertEquals(3, completion.usage().prompt(), "one token per word");
        assertEquals("broken-2", second.id());
        assertFalse(second.succeeded());
        assertEquals(400, second.error().status());
    }

    @Test
    void anInlineBatchAnswersWithDoublyNestedInlinedResponses() {
        JsonNode created = raw.createBatch("gemini-2.0-flash", "{\"batch\":{\"displayName\":\"inline\","
                + "\"inputConfig\":{\"requests\":{\"requests\":["
                + "{\"request\":{\"contents\":[{\"parts\":[{\"text\":\"first\"}],\"role\":\"user\"}]},"
                + "\"metadata\":{\"key\":\"x1\"}},"
                + "{\"request\":{\"contents\":[{\"parts\":[{\"text\":\"second\"}],\"role\":\"wizard\"}]},"
                + "\"metadata\":{\"key\":\"x2\"}}]}}}}");
        assertEquals("2", created.at("/metadata/batchStats/requestCount").asText());

        JsonNode done = raw.awaitDone(created.path("name").asText(), PATIENCE);

        JsonNode responses = done.at("/metadata/output/inlinedResponses/inlinedResponses");
        assertEquals(responses, done.at("/response/inlinedResponses/inlinedResponses"));
        assertEquals(2, responses.size());
        assertEquals("x1", responses.get(0).at("/metadata/key").asText());
        assertEquals("Sandbox reply to: first", responses.get(0).at("/response/candidates/0/content/parts/0/text")
                .asText());
        assertEquals("x2", responses.get(1).at("/metadata/key").asText());
        assertEquals(3, responses.get(1).at("/error/code").asInt(), "a google.rpc.Status: INVALID_ARGUMENT is 3");
        assertEquals("1", done.at("/metadata/batchStats/failedRequestCount").asText());
    }

    @Test
    void anUnservedModelMakesABatchWhoseRequestsAllFail() {
        JsonNode created = raw.createBatch("gemini-1.5-flash", "{\"batch\":{\"displayName\":\"retired\","
                + "\"inputConfig\":{\"requests\":{\"requests\":[{\"request\":{\"contents\":[{\"parts\":"
                + "[{\"text\":\"hi\"}]}]}}]}}}}");
        JsonNode done = raw.awaitDone(created.path("name").asText(), PATIENCE);
        assertEquals("BATCH_STATE_SUCCEEDED", done.at("/metadata/state").asText());
        assertEquals("1", done.at("/metadata/batchStats/failedRequestCount").asText());
        JsonNode error = done.at("/response/inlinedResponses/inlinedResponses/0/error");
        assertEquals(5, error.path("code").asInt(), "NOT_FOUND");
        assertTrue(error.path("message").asText().contains("models/gemini-1.5-flash is not found"), error.toString());

        RawGemini.error(raw.postJson("/v1beta/models/Not_A_Model:batchGenerateContent", "{}"), 400,
                "INVALID_ARGUMENT");
    }

    @Test
    void createIsCheckedBeforeABatchIsMade() {
        String model = "/v1beta/models/gemini-2.5-flash:batchGenerateContent";
        RawGemini.error(raw.postJson(model, "{\"batch\":{\"displayName\":\"both\",\"inputConfig\":{\"fileName\":"
                + "\"files/abc\",\"requests\":{\"requests\":[]}}}}"), 400, "INVALID_ARGUMENT");
        RawGemini.error(raw.postJson(model, "{\"batch\":{\"displayName\":\"none\",\"inputConfig\":{}}}"), 400,
                "INVALID_ARGUMENT");
        RawGemini.error(raw.postJson(model, "{\"batch\":{\"inputConfig\":{\"fileName\":\"files/abc\"}}}"), 400,
                "INVALID_ARGUMENT");
        RawGemini.error(raw.postJson(model, "{\"batch\":{\"displayName\":\"empty\",\"inputConfig\":{\"requests\":"
                + "{\"requests\":[]}}}}"), 400, "INVALID_ARGUMENT");
        RawGemini.error(raw.postJson(model, "not json"), 400, "INVALID_ARGUMENT");
        RawGemini.error(raw.postJson(model, "{\"batch\":{\"displayName\":\"missing\",\"inputConfig\":{\"fileName\":"
                + "\"files/nosuchfile\"}}}"), 404, "NOT_FOUND");
        HttpResponse<String> list = raw.get("/v1beta/batches?pageSize=100");
        for (JsonNode operation : RawGemini.json(list).path("operations")) {
            assertFalse(List.of("both", "none", "empty", "missing").contains(operation.at("/metadata/displayName")
                    .asText()), "no batch from a refused create");
        }
    }

    @Test
    void onlyGeneratedFilesDownload() {
        JsonNode uploaded = raw.upload("{}\n".getBytes(StandardCharsets.UTF_8), "application/jsonl");
        String name = uploaded.path("name").asText();
        RawGemini.error(raw.get("/v1beta/" + name + ":download?alt=media"), 400, "FAILED_PRECONDITION");
        RawGemini.error(raw.get("/download/v1beta/" + name + ":download?alt=media"), 400, "FAILED_PRECONDITION");
        RawGemini.error(raw.get("/v1beta/files/nosuchfile:download?alt=media"), 404, "NOT_FOUND");
        RawGemini.error(raw.get("/v1beta/" + name + ":download"), 400, "INVALID_ARGUMENT");
    }

    @Test
    void cancelEndsABatchAndDeleteRemovesIt() {
        JsonNode created = raw.createBatch("gemini-2.5-flash", "{\"batch\":{\"displayName\":\"cancel\","
                + "\"inputConfig\":{\"requests\":{\"requests\":[{\"request\":{\"contents\":[{\"parts\":"
                + "[{\"text\":\"hi\"}]}]}}]}}}}");
        String name = created.path("name").asText();

        HttpResponse<String> cancelled = raw.send(raw.keyed("/v1beta/" + name + ":cancel")
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(200, cancelled.statusCode(), cancelled.body());
        assertEquals("{}", cancelled.body());

        JsonNode operation = RawGemini.json(raw.get("/v1beta/" + name));
        assertEquals("BATCH_STATE_CANCELLED", operation.at("/metadata/state").asText());
        assertTrue(operation.path("done").asBoolean());
        assertEquals(1, operation.at("/error/code").asInt(), "google.rpc CANCELLED");
        assertFalse(operation.has("response"));
        assertFalse(operation.at("/metadata/batchStats").has("pendingRequestCount"));
        RawGemini.error(raw.send(raw.keyed("/v1beta/" + name + ":cancel").POST(HttpRequest.BodyPublishers.noBody())
                .build()), 400, "FAILED_PRECONDITION");

        HttpResponse<String> deleted = raw.send(raw.keyed("/v1beta/" + name + ":delete")
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(200, deleted.statusCode(), deleted.body());
        RawGemini.error(raw.get("/v1beta/" + name), 404, "NOT_FOUND");

        JsonNode other = raw.createBatch("gemini-2.5-flash", "{\"batch\":{\"displayName\":\"delete\","
                + "\"inputConfig\":{\"requests\":{\"requests\":[{\"request\":{\"contents\":[{\"parts\":"
                + "[{\"text\":\"hi\"}]}]}}]}}}}");
        String otherName = other.path("name").asText();
        assertEquals(200, raw.send(raw.keyed("/v1beta/" + otherName).DELETE().build()).statusCode());
        RawGemini.error(raw.get("/v1beta/" + otherName), 404, "NOT_FOUND");
        for (JsonNode listed : RawGemini.json(raw.get("/v1beta/batches?pageSize=100")).path("operations")) {
            assertFalse(listed.path("name").asText().equals(otherName), "a deleted batch is not listed");
        }
    }

    @Test
    void pageSizesAndTokensAreChecked() {
        RawGemini.error(raw.get("/v1beta/files?pageSize=-1"), 400, "INVALID_ARGUMENT");
        RawGemini.error(raw.get("/v1beta/files?pageToken=garbage"), 400, "INVALID_ARGUMENT");
        RawGemini.error(raw.get("/v1beta/batches?pageSize=x"), 400, "INVALID_ARGUMENT");
        RawGemini.error(raw.get("/v1beta/nothing-here"), 404, "NOT_FOUND");
    }
}
