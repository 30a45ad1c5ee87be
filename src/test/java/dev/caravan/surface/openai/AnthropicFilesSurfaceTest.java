package dev.caravan.surface.openai;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.MultipartField;
import com.openai.core.http.HttpResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.models.batches.Batch;
import com.openai.models.batches.BatchCreateParams;
import com.openai.models.files.FileContentParams;
import com.openai.models.files.FileCreateParams;
import com.openai.models.files.FileDeleteParams;
import com.openai.models.files.FileDeleted;
import com.openai.models.files.FileListPage;
import com.openai.models.files.FileListParams;
import com.openai.models.files.FileObject;
import com.openai.models.files.FilePurpose;
import com.openai.models.files.FileRetrieveParams;
import dev.caravan.CaravanApplication;
import dev.caravan.CaravanClients;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;

/**
 * Batch input files for provider {@code anthropic}, which Anthropic itself does not offer: kept in Caravan's own store
 * (the sandbox's, here), served by the OpenAI Files API, and sent as a batch's inline requests when a batch is
 * created from one. With the official OpenAI Java SDK against Caravan on the sandbox.
 */
@CamelMainTest(mainClass = CaravanApplication.class,
        propertyPlaceholderLocations = "file:application.properties",
        properties = {"camel.server.port=0", "camel.server.host=127.0.0.1", "caravan.sandbox.enabled=true",
                "caravan.sandbox.anthropic.phase-duration=1s"})
class AnthropicFilesSurfaceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String MODEL = "claude-haiku-4-5";

    @BeanInject
    CamelContext context;

    private OpenAIClient client;

    private OpenAIClient client() {
        if (client == null) {
            client = CaravanClients.openAi(context, "/openai");
        }
        return client;
    }

    @Test
    void an_uploaded_file_is_listed_retrieved_downloaded_as_uploaded_and_deleted() {
        byte[] content = jsonl(openAiLine("req-1", "What is 2+2?"), openAiLine("req-2", "Capital of France?"));
        long before = Instant.now().getEpochSecond();

        FileObject file = upload("batch_e2e.jsonl", content);

        assertTrue(file.id().startsWith("file-anthropic-"), file.id());
        assertEquals(content.length, file.bytes());
        assertEquals("batch_e2e.jsonl", file.filename());
        assertEquals(FileObject.Purpose.BATCH, file.purpose());
        assertTrue(file.createdAt() >= before - 1 && file.createdAt() <= Instant.now().getEpochSecond() + 1);

        FileObject retrieved = client().files().retrieve(file.id());
        assertEquals(file.id(), retrieved.id());
        assertEquals(file.bytes(), retrieved.bytes());
        assertEquals(file.filename(), retrieved.filename());
        assertEquals(file.createdAt(), retrieved.createdAt());
        assertTrue(listAll().stream().anyMatch(f -> f.id().equals(file.id())));
        assertArrayEquals(content, download(client().files().content(FileContentParams.builder().fileId(file.id())
                .putAdditionalQueryParam("provider", "anthropic").build())));

        FileDeleted deleted = client().files().delete(FileDeleteParams.builder().fileId(file.id())
                .putAdditionalQueryParam("provider", "anthropic").build());

        assertTrue(deleted.deleted());
        assertEquals(file.id(), deleted.id());
        assertEquals(404, assertThrows(NotFoundException.class, () -> client().files().retrieve(file.id()))
                .statusCode());
        assertThrows(NotFoundException.class, () -> client().files().delete(file.id()));
        assertTrue(listAll().stream().noneMatch(f -> f.id().equals(file.id())));
    }

    @Test
    void files_of_every_line_format_come_back_in_the_format_they_were_uploaded_in() {
        byte[] bedrock = jsonl("{\"recordId\":\"r1\",\"modelInput\":{\"anthropic_version\":\"bedrock-2023-05-31\","
                + "\"max_tokens\":50,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}}");
        byte[] anthropic = jsonl(anthropicLine("a-1", "Hi there"));
        byte[] gemini = ("{\"key\":\"g1\",\"request\":{\"contents\":[{\"role\":\"user\",\"parts\":"
                + "[{\"text\":\"Hi\"}]}]}}\r\n").getBytes(StandardCharsets.UTF_8);

        for (byte[] content : List.of(bedrock, anthropic, gemini)) {
            FileObject file = upload("format.jsonl", content);
            assertArrayEquals(content, download(client().files().content(file.id())));
        }
    }

    @Test
    void the_list_pages_newest_first_with_limit_and_after() {
        List<String> uploaded = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            uploaded.add(upload("page-" + i + ".jsonl", jsonl(openAiLine("p-" + i, "page " + i))).id());
        }

        FileListPage first = client().files().list(FileListParams.builder().limit(2)
                .putAdditionalQueryParam("provider", "anthropic").build());

        assertEquals(List.of(uploaded.get(2), uploaded.get(1)), first.data().stream().map(FileObject::id).toList(),
                "the two newest, newest first");
        assertTrue(first.hasNextPage());
        FileListPage second = first.nextPage();
        assertEquals(uploaded.get(0), second.data().get(0).id(), "after is exclusive and continues the order");
    }

    @Test
    void an_invalid_file_is_refused_line_numbered_and_nothing_is_stored() {
        int filesBefore = listAll().size();
        byte[] duplicate = jsonl(openAiLine("same", "a"), openAiLine("same", "b"));

        BadRequestException error = assertThrows(BadRequestException.class, () -> upload("dup.jsonl", duplicate));

        assertTrue(error.getMessage().contains("line 2"), error.getMessage());
        assertEquals(filesBefore, listAll().size());
        BadRequestException notBatch = assertThrows(BadRequestException.class, () -> client().files().create(
                FileCreateParams.builder().file(MultipartField.<InputStream>builder()
                                .value(new ByteArrayInputStream("hello".getBytes(StandardCharsets.UTF_8)))
                                .filename("notes.txt").build())
                        .purpose(FilePurpose.USER_DATA)
                        .putAdditionalBodyProperty("provider", JsonValue.from("anthropic")).build()));
        assertEquals("purpose", notBatch.param().orElseThrow());
    }

    @Test
    void a_batch_from_an_uploaded_openai_file_runs_and_its_results_come_back_as_output_lines() {
        Map<String, String> questions = Map.of("req-1", "What is 2+2?", "req-2", "What is the capital of France?");
        FileObject input = upload("batch_e2e.jsonl", jsonl(openAiLine("req-1", questions.get("req-1")),
                openAiLine("req-2", questions.get("req-2"))));

        Batch batch = client().batches().create(BatchCreateParams.builder()
                .inputFileId(input.id())
                .endpoint(BatchCreateParams.Endpoint.V1_CHAT_COMPLETIONS)
                .completionWindow(BatchCreateParams.CompletionWindow._24H)
                .putAdditionalBodyProperty("provider", JsonValue.from("anthropic"))
                .build());

        assertTrue(batch.id().startsWith("batch-anthropic-"), batch.id());
        assertEquals(input.id(), batch.inputFileId());
        Batch done = awaitFinal(batch.id());
        assertEquals(Batch.Status.COMPLETED, done.status());
        assertEquals(2, done.requestCounts().orElseThrow().completed());
        List<JsonNode> lines = lines(done.outputFileId().orElseThrow());
        assertEquals(questions.keySet(), lines.stream().map(l -> l.get("custom_id").asText())
                .collect(Collectors.toSet()));
        for (JsonNode line : lines) {
            assertEquals("chat.completion", line.at("/response/body/object").asText());
            assertEquals("Sandbox reply to: " + questions.get(line.get("custom_id").asText()),
                    line.at("/response/body/choices/0/message/content").asText());
        }
        BadRequestException notDeletable = assertThrows(BadRequestException.class,
                () -> client().files().delete(done.outputFileId().orElseThrow()));
        assertEquals("file_id", notDeletable.param().orElseThrow());
    }

    @Test
    void a_large_file_streams_up_as_inline_requests_and_its_results_stream_back() {
        int requests = 5_000;
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < requests; i++) {
            text.append(openAiLine("big-" + i, "Question number " + i + " ✓")).append('\n');
        }
        FileObject input = upload("big.jsonl", text.toString().getBytes(StandardCharsets.UTF_8));

        Batch done = awaitFinal(client().batches().create(BatchCreateParams.builder()
                .inputFileId(input.id())
                .endpoint(BatchCreateParams.Endpoint.V1_CHAT_COMPLETIONS)
                .completionWindow(BatchCreateParams.CompletionWindow._24H)
                .build()).id());

        assertEquals(requests, done.requestCounts().orElseThrow().completed(), () -> "batch ended " + done);
        List<JsonNode> lines = lines(done.outputFileId().orElseThrow());
        assertEquals(requests, lines.size());
        assertEquals(requests, lines.stream().map(l -> l.get("custom_id").asText()).distinct().count());
        JsonNode last = lines.stream().filter(l -> l.get("custom_id").asText().equals("big-4999")).findFirst()
                .orElseThrow();
        assertEquals("Sandbox reply to: Question number 4999 ✓",
                last.at("/response/body/choices/0/message/content").asText());
    }

    @Test
    void lines_without_a_model_take_the_batchs_model() {
        FileObject input = upload("gemini.jsonl", jsonl(
                "{\"key\":\"g-1\",\"request\":{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Hi\"}]}],"
                        + "\"generationConfig\":{\"maxOutputTokens\":40}}}"));

        Batch batch = client().batches().create(BatchCreateParams.builder()
                .inputFileId(input.id())
                .endpoint(BatchCreateParams.Endpoint.V1_CHAT_COMPLETIONS)
                .completionWindow(BatchCreateParams.CompletionWindow._24H)
                .putAdditionalBodyProperty("provider", JsonValue.from("anthropic"))
                .putAdditionalBodyProperty("model", JsonValue.from(MODEL))
                .build());

        Batch done = awaitFinal(batch.id());
        assertEquals(1, done.requestCounts().orElseThrow().completed(), () -> "batch ended " + done);
        JsonNode line = lines(done.outputFileId().orElseThrow()).get(0);
        assertEquals("g-1", line.get("custom_id").asText());
        assertEquals("Sandbox reply to: Hi", line.at("/response/body/choices/0/message/content").asText());
    }

    @Test
    void a_file_whose_lines_anthropic_cannot_take_is_refused_at_create_naming_the_line() {
        FileObject input = upload("bad-ids.jsonl", jsonl(openAiLine("fine", "a"), openAiLine("has space", "b")));

        BadRequestException error = assertThrows(BadRequestException.class, () -> client().batches().create(
                BatchCreateParams.builder()
                        .inputFileId(input.id())
                        .endpoint(BatchCreateParams.Endpoint.V1_CHAT_COMPLETIONS)
                        .completionWindow(BatchCreateParams.CompletionWindow._24H)
                        .build()));

        assertTrue(error.getMessage().contains("line 2: custom_id \"has space\""), error.getMessage());
    }

    @Test
    void a_forged_file_id_is_a_404() {
        String forged = "file-anthropic-" + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("../../etc/passwd".getBytes(StandardCharsets.UTF_8));
        assertThrows(NotFoundException.class, () -> client().files().retrieve(FileRetrieveParams.builder()
                .fileId(forged).putAdditionalQueryParam("provider", "anthropic").build()));
        assertThrows(NotFoundException.class, () -> download(client().files().content(forged)));
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private FileObject upload(String filename, byte[] content) {
        return client().files().create(FileCreateParams.builder()
                .file(MultipartField.<InputStream>builder().value(new ByteArrayInputStream(content))
                        .filename(filename).build())
                .purpose(FilePurpose.BATCH)
                .putAdditionalBodyProperty("provider", JsonValue.from("anthropic"))
                .build());
    }

    private List<FileObject> listAll() {
        List<FileObject> files = new ArrayList<>();
        client().files().list(FileListParams.builder().putAdditionalQueryParam("provider", "anthropic").build())
                .autoPager().forEach(files::add);
        return files;
    }

    private Batch awaitFinal(String batchId) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            Batch batch = client().batches().retrieve(batchId);
            if (Set.of(Batch.Status.COMPLETED, Batch.Status.FAILED, Batch.Status.EXPIRED, Batch.Status.CANCELLED)
                    .contains(batch.status())) {
                return batch;
            }
            if (System.nanoTime() > deadline) {
                fail("batch " + batchId + " still " + batch.status() + " after " + PATIENCE);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
    }

    private static byte[] download(HttpResponse response) {
        try (response; InputStream body = response.body()) {
            return body.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<JsonNode> lines(String fileId) {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : new String(download(client().files().content(fileId)), StandardCharsets.UTF_8)
                .split("\n")) {
            if (!line.isBlank()) {
                try {
                    lines.add(JSON.readTree(line));
                } catch (IOException e) {
                    throw new AssertionError("not a JSON line: " + line, e);
                }
            }
        }
        return lines;
    }

    private static byte[] jsonl(String... lines) {
        return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static String openAiLine(String customId, String question) {
        return "{\"custom_id\":\"" + customId + "\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\",\"body\":"
                + "{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + question
                + "\"}],\"max_tokens\":100}}";
    }

    private static String anthropicLine(String customId, String question) {
        return "{\"custom_id\":\"" + customId + "\",\"params\":{\"model\":\"" + MODEL + "\",\"max_tokens\":100,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"" + question + "\"}]}}";
    }
}
