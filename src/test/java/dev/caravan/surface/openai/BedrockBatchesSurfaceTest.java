package dev.caravan.surface.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import com.openai.errors.PermissionDeniedException;
import com.openai.models.batches.Batch;
import com.openai.models.batches.BatchCancelParams;
import com.openai.models.batches.BatchCreateParams;
import com.openai.models.batches.BatchListPage;
import com.openai.models.batches.BatchListParams;
import com.openai.models.batches.BatchRetrieveParams;
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
import dev.caravan.CaravanBedrock;
import dev.caravan.CaravanClients;
import dev.caravan.CaravanS3;
import dev.caravan.model.CaravanIds;
import dev.caravan.model.Provider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.bedrock.BedrockClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The documents' Bedrock workflow and the rest of provider {@code bedrock} behind the OpenAI Files and Batch API,
 * with the official OpenAI Java SDK against Caravan's production configuration on the sandbox (the embedded S3 store
 * and the Bedrock emulator behind it). Extra fields go where the documents put them: {@code extra_body} as additional
 * body properties (nested {@code storage_config} included), {@code extra_query} as query parameters.
 */
@CamelMainTest(mainClass = CaravanApplication.class,
        propertyPlaceholderLocations = "file:application.properties",
        properties = {"camel.server.port=0", "camel.server.host=127.0.0.1", "caravan.sandbox.enabled=true",
                "caravan.sandbox.bedrock.phase-duration=300ms",
                "caravan.bedrock.s3.allowed-buckets=your-s3-bucket,your-bucket"})
class BedrockBatchesSurfaceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String BUCKET = "your-s3-bucket";
    private static final String MODEL = "anthropic.claude-3-sonnet-20240229-v1:0";
    private static final String NOVA = "amazon.nova-lite-v1:0";

    @BeanInject
    CamelContext context;

    private OpenAIClient client;

    private OpenAIClient client() {
        if (client == null) {
            client = CaravanClients.openAi(context, "/openai");
        }
        return client;
    }

    // ---- the documents' workflow --------------------------------------------------------------------------------

    /**
     * The documents' "Bedrock Batch Workflow" as written: upload with storage_config, batches.create with model and
     * output_s3_uri, retrieve until final, then the output file: one answer per custom_id.
     */
    @Test
    void the_documents_bedrock_workflow_runs_as_written() {
        String jsonlContent = """
                {"custom_id": "req-1", "method": "POST", "url": "/v1/chat/completions", "body": {"model": "anthropic.claude-3-sonnet-20240229-v1:0", "messages": [{"role": "user", "content": "What is 2+2?"}], "max_tokens": 100}}
                {"custom_id": "req-2", "method": "POST", "url": "/v1/chat/completions", "body": {"model": "anthropic.claude-3-sonnet-20240229-v1:0", "messages": [{"role": "user", "content": "What is the capital of France?"}], "max_tokens": 100}}""";

        FileObject uploaded = upload("batch_e2e.jsonl", jsonlContent.getBytes(StandardCharsets.UTF_8),
                "batch-input");
        assertTrue(uploaded.id().startsWith("file-bedrock-"), uploaded.id());
        assertEquals("batch_e2e.jsonl", uploaded.filename());
        assertEquals(FileObject.Purpose.BATCH, uploaded.purpose());
        String s3Uri = s3Uri(uploaded.id());
        assertTrue(s3Uri.startsWith("s3://your-s3-bucket/batch-input/batch_e2e") && s3Uri.endsWith(".jsonl"),
                s3Uri);

        Batch batch = client().batches().create(BatchCreateParams.builder()
                .inputFileId(uploaded.id())
                .endpoint(BatchCreateParams.Endpoint.V1_CHAT_COMPLETIONS)
                .completionWindow(BatchCreateParams.CompletionWindow._24H)
                .putAdditionalBodyProperty("provider", JsonValue.from("bedrock"))
                .putAdditionalBodyProperty("model", JsonValue.from(MODEL))
                .putAdditionalBodyProperty("output_s3_uri", JsonValue.from("s3://" + BUCKET + "/batch-output"))
                .build());

        assertTrue(batch.id().startsWith("batch-bedrock-"), batch.id());
        assertEquals(Batch.Status.VALIDATING, batch.status());
        assertEquals(uploaded.id(), batch.inputFileId());
        assertEquals("/v1/chat/completions", batch.endpoint());
        assertEquals("24h", batch.completionWindow());
        Set<String> seen = new HashSet<>();
        Batch done = poll(batch.id(), seen);

        assertEquals(Batch.Status.COMPLETED, done.status(), () -> "statuses seen: " + seen);
        assertTrue(Set.of("validating", "in_progress", "completed").containsAll(seen), seen.toString());
        assertEquals(MODEL, done.model().orElseThrow());
        assertEquals(uploaded.id(), done.inputFileId(), "the input file id comes back as the Caravan file id");
        assertEquals(2, done.requestCounts().orElseThrow().total());
        assertEquals(2, done.requestCounts().orElseThrow().completed());
        assertEquals(0, done.requestCounts().orElseThrow().failed());
        assertTrue(done.completedAt().isPresent());
        assertTrue(done.errorFileId().isEmpty(), "nothing failed, no error file");
        List<JsonNode> lines = lines(done.outputFileId().orElseThrow());
        assertEquals(2, lines.size(), "one line per request");
        Map<String, String> questions = Map.of("req-1", "What is 2+2?", "req-2", "What is the capital of France?");
        assertEquals(questions.keySet(), lines.stream().map(l -> l.get("custom_id").asText())
                .collect(Collectors.toSet()));
        for (JsonNode line : lines) {
            assertEquals(200, line.at("/response/status_code").asInt(), line.toString());
            assertEquals("chat.completion", line.at("/response/body/object").asText());
            assertEquals("Sandbox reply to: " + questions.get(line.get("custom_id").asText()),
                    line.at("/response/body/choices/0/message/content").asText());
            assertTrue(line.get("error").isNull(), line.toString());
        }

        FileObject output = client().files().retrieve(FileRetrieveParams.builder()
                .fileId(done.outputFileId().orElseThrow()).putAdditionalQueryParam("provider", "bedrock").build());
        assertEquals(FileObject.Purpose.BATCH_OUTPUT, output.purpose());
        assertEquals(download(done.outputFileId().orElseThrow()).length, output.bytes(),
                "bytes is what a download returns");
    }

    /**
     * A file already in Bedrock's format is stored as it is. Its second record carries a member the Claude body does
     * not have, which passes Caravan's pre-submission check (Bedrock takes unknown members there) but which the model
     * refuses when the record runs: that record lands in the error file, the other in the output file.
     */
    @Test
    void a_bedrock_format_upload_runs_and_failed_records_land_in_the_error_file() {
        String claude = "{\"anthropic_version\": \"bedrock-2023-05-31\", \"max_tokens\": 50, \"messages\": "
                + "[{\"role\": \"user\", \"content\": \"Hello?\"}]";
        String lines = "{\"recordId\": \"ok\", \"modelInput\": " + claude + "}}\n"
                + "{\"recordId\": \"refused\", \"modelInput\": " + claude + ", \"no_such_member\": 1}}\n";
        FileObject file = upload("records.jsonl", lines.getBytes(StandardCharsets.UTF_8), "batch-input");
        assertEquals(lines.length(), file.bytes(), "stored as uploaded");
        assertEquals(lines, new String(download(file.id()), StandardCharsets.UTF_8));

        Batch done = poll(create(file.id(), MODEL).id(), new HashSet<>());

        assertEquals(Batch.Status.COMPLETED, done.status());
        assertEquals(2, done.requestCounts().orElseThrow().total());
        assertEquals(1, done.requestCounts().orElseThrow().completed());
        assertEquals(1, done.requestCounts().orElseThrow().failed());
        List<JsonNode> output = lines(done.outputFileId().orElseThrow());
        assertEquals(List.of("ok"), output.stream().map(l -> l.get("custom_id").asText()).toList());
        List<JsonNode> errors = lines(done.errorFileId().orElseThrow());
        assertEquals(List.of("refused"), errors.stream().map(l -> l.get("custom_id").asText()).toList());
        assertEquals(400, errors.get(0).at("/response/status_code").asInt(), errors.toString());
        assertTrue(errors.get(0).at("/response/body/error/message").asText().contains("no_such_member"),
                errors.toString());
    }

    // ---- files ---------------------------------------------------------------------------------------------------

    /**
     * The content comes back in the uploaded format through the canonical form, so it is equal as JSON where the
     * request is written the way Caravan's OpenAI writer writes it: {@code max_completion_tokens}, OpenAI's current
     * name (a deprecated {@code max_tokens} comes back under that name, with the same value).
     */
    @Test
    void files_are_listed_retrieved_downloaded_in_their_format_and_deleted() throws IOException {
        String content = openAiLine("a-1", MODEL, "First?", 100) + "\n" + openAiLine("a-2", MODEL, "Second?", 100);
        content = content.replace("\"max_tokens\"", "\"max_completion_tokens\"");
        FileObject file = upload("listed.jsonl", content.getBytes(StandardCharsets.UTF_8), "files-test");

        FileListPage listed = client().files().list(storage(FileListParams.builder()
                .putAdditionalQueryParam("provider", "bedrock"), "files-test").build());
        assertTrue(listed.data().stream().anyMatch(f -> f.id().equals(file.id())), "listed under its prefix");
        assertTrue(listed.data().stream().allMatch(f -> f.id().startsWith("file-bedrock-")));

        FileObject retrieved = client().files().retrieve(FileRetrieveParams.builder().fileId(file.id())
                .putAdditionalQueryParam("provider", "bedrock").build());
        assertEquals(file.id(), retrieved.id());
        assertEquals("listed.jsonl", retrieved.filename());
        assertEquals(file.bytes(), retrieved.bytes());
        assertEquals(FileObject.Purpose.BATCH, retrieved.purpose());

        // content comes back in the format it was uploaded in, equal line by line as JSON
        List<JsonNode> back = jsonLines(download(client().files().content(FileContentParams.builder()
                .fileId(file.id()).putAdditionalQueryParam("provider", "bedrock").build())));
        List<JsonNode> sent = jsonLines(content.getBytes(StandardCharsets.UTF_8));
        assertEquals(sent, back);

        // what S3 holds is Bedrock's format, ready for a job
        try (S3Client s3 = CaravanS3.clientBuilder(context).build()) {
            String key = s3Uri(file.id()).substring(("s3://" + BUCKET + "/").length());
            String stored = s3.getObjectAsBytes(get -> get.bucket(BUCKET).key(key)).asUtf8String();
            JsonNode first = JSON.readTree(stored.split("\n")[0]);
            assertEquals("a-1", first.get("recordId").asText());
            assertEquals("bedrock-2023-05-31", first.at("/modelInput/anthropic_version").asText());
        }

        FileDeleted deleted = client().files().delete(FileDeleteParams.builder().fileId(file.id())
                .putAdditionalQueryParam("provider", "bedrock").build());
        assertTrue(deleted.deleted());
        assertThrows(NotFoundException.class, () -> client().files().retrieve(file.id()));
        assertTrue(client().files().list(storage(FileListParams.builder()
                .putAdditionalQueryParam("provider", "bedrock"), "files-test").build())
                .data().stream().noneMatch(f -> f.id().equals(file.id())));
    }

    @Test
    void the_file_list_pages_with_limit_and_after() {
        List<String> uploaded = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            uploaded.add(upload("page-" + i + ".jsonl", openAiLine("p-" + i, MODEL, "Page " + i, 10)
                    .getBytes(StandardCharsets.UTF_8), "paging").id());
        }

        FileListPage first = client().files().list(storage(FileListParams.builder().limit(2)
                .putAdditionalQueryParam("provider", "bedrock"), "paging").build());

        assertEquals(2, first.data().size());
        assertTrue(first.hasNextPage());
        FileListPage second = first.nextPage();
        List<String> all = new ArrayList<>(first.data().stream().map(FileObject::id).toList());
        all.addAll(second.data().stream().map(FileObject::id).toList());
        assertEquals(Set.copyOf(uploaded), Set.copyOf(all), "every file once, over the pages");
        assertEquals(3, all.size());
    }

    @Test
    void uploads_of_each_model_family_are_stored_as_that_familys_body() throws IOException {
        Map<String, String> families = Map.of(
                "anthropic.claude-3-haiku-20240307-v1:0", "/modelInput/anthropic_version",
                NOVA, "/modelInput/inferenceConfig",
                "meta.llama3-8b-instruct-v1:0", "/modelInput/prompt",
                "amazon.titan-text-express-v1", "/modelInput/inputText");
        try (S3Client s3 = CaravanS3.clientBuilder(context).build()) {
            for (Map.Entry<String, String> family : families.entrySet()) {
                FileObject file = upload("family.jsonl", openAiLine("f-1", family.getKey(), "Hi", 20)
                        .getBytes(StandardCharsets.UTF_8), "families");
                String key = s3Uri(file.id()).substring(("s3://" + BUCKET + "/").length());
                JsonNode stored = JSON.readTree(s3.getObjectAsBytes(get -> get.bucket(BUCKET).key(key))
                        .asUtf8String());
                assertEquals("f-1", stored.get("recordId").asText());
                assertFalse(stored.at(family.getValue()).isMissingNode(), family.getKey() + ": " + stored);
            }
        }
    }

    /** Gemini lines name no model: the upload's {@code model} (extra_body) is the one they are written for. */
    @Test
    void gemini_lines_take_the_model_sent_with_the_upload_and_come_back_as_gemini_lines() throws IOException {
        String gemini = "{\"key\": \"g-1\", \"request\": {\"contents\": [{\"role\": \"user\", \"parts\": "
                + "[{\"text\": \"Hi\"}]}]}}";

        FileObject file = client().files().create(uploadParams("gemini.jsonl", gemini.getBytes(StandardCharsets.UTF_8),
                BUCKET, "gemini").putAdditionalBodyProperty("model", JsonValue.from(NOVA)).build());

        try (S3Client s3 = CaravanS3.clientBuilder(context).build()) {
            String key = s3Uri(file.id()).substring(("s3://" + BUCKET + "/").length());
            JsonNode stored = JSON.readTree(s3.getObjectAsBytes(get -> get.bucket(BUCKET).key(key)).asUtf8String());
            assertEquals("g-1", stored.get("recordId").asText());
            assertEquals("Hi", stored.at("/modelInput/messages/0/content/0/text").asText(), stored.toString());
        }
        assertEquals(jsonLines(gemini.getBytes(StandardCharsets.UTF_8)), jsonLines(download(file.id())));
        Batch done = poll(create(file.id(), NOVA).id(), new HashSet<>());
        assertEquals(Batch.Status.COMPLETED, done.status());
        assertEquals("Sandbox reply to: Hi", lines(done.outputFileId().orElseThrow()).get(0)
                .at("/response/body/choices/0/message/content").asText());
    }

    /**
     * A job created on the Bedrock batch API from a prefix of two input files is a batch on the OpenAI surface too:
     * retrieved by its wrapped ARN, its output file holds the records of both files' {@code .out} objects.
     */
    @Test
    void a_job_of_a_prefix_created_with_boto3_style_calls_is_a_batch_with_every_files_results() throws Exception {
        String record = "{\"recordId\": \"%s\", \"modelInput\": {\"anthropic_version\": \"bedrock-2023-05-31\", "
                + "\"max_tokens\": 20, \"messages\": [{\"role\": \"user\", \"content\": \"%s\"}]}}";
        String jobArn;
        try (S3Client s3 = CaravanS3.clientBuilder(context).build();
             BedrockClient bedrock = CaravanBedrock.client(context)) {
            s3.putObject(put -> put.bucket(BUCKET).key("prefix-job/a.jsonl"),
                    RequestBody.fromString(record.formatted("a-1", "One?")));
            s3.putObject(put -> put.bucket(BUCKET).key("prefix-job/b.jsonl"),
                    RequestBody.fromString(record.formatted("b-1", "Two?")));
            jobArn = bedrock.createModelInvocationJob(job -> job.jobName("prefix-job").modelId(MODEL)
                    .inputDataConfig(in -> in.s3InputDataConfig(s3In -> s3In.s3Uri("s3://" + BUCKET + "/prefix-job/")))
                    .outputDataConfig(out -> out.s3OutputDataConfig(s3Out -> s3Out
                            .s3Uri("s3://" + BUCKET + "/prefix-job-output/")))).jobArn();
        }
        String batchId = CaravanIds.wrap(CaravanIds.Kind.BATCH, Provider.BEDROCK, jobArn);

        Batch done = poll(batchId, new HashSet<>());

        assertEquals(Batch.Status.COMPLETED, done.status());
        assertEquals(2, done.requestCounts().orElseThrow().completed());
        assertEquals("s3://" + BUCKET + "/prefix-job/", s3Uri(done.inputFileId()));
        List<JsonNode> output = lines(done.outputFileId().orElseThrow());
        assertEquals(Map.of("a-1", "Sandbox reply to: One?", "b-1", "Sandbox reply to: Two?"), output.stream()
                .collect(Collectors.toMap(l -> l.get("custom_id").asText(),
                        l -> l.at("/response/body/choices/0/message/content").asText())));
    }

    // ---- batches: list and cancel --------------------------------------------------------------------------------

    @Test
    void batches_are_listed_with_the_model_filter() {
        FileObject claudeFile = upload("claude.jsonl", openAiLine("c", MODEL, "Hi", 10)
                .getBytes(StandardCharsets.UTF_8), "list-test");
        FileObject novaFile = upload("nova.jsonl", openAiLine("n", NOVA, "Hi", 10)
                .getBytes(StandardCharsets.UTF_8), "list-test");
        Batch claude = create(claudeFile.id(), MODEL);
        Batch nova = create(novaFile.id(), NOVA);

        BatchListPage page = client().batches().list(BatchListParams.builder().limit(10)
                .putAdditionalQueryParam("provider", "bedrock")
                .putAdditionalQueryParam("model", MODEL).build());

        List<String> ids = page.data().stream().map(Batch::id).toList();
        assertTrue(ids.contains(claude.id()), ids.toString());
        assertFalse(ids.contains(nova.id()), "the other model's batch is filtered out: " + ids);
        assertTrue(page.data().stream().allMatch(b -> MODEL.equals(b.model().orElse(null))));

        List<String> everything = new ArrayList<>();
        BatchListPage all = client().batches().list(BatchListParams.builder().limit(1)
                .putAdditionalQueryParam("provider", "bedrock").build());
        all.autoPager().forEach(b -> everything.add(b.id()));
        assertTrue(everything.containsAll(List.of(claude.id(), nova.id())), everything.toString());
        assertEquals(everything.size(), Set.copyOf(everything).size(), "no batch twice over the pages");
        assertEquals(nova.id(), everything.get(everything.indexOf(claude.id()) - 1), "newest first");
    }

    @Test
    void cancel_is_cancelling_then_cancelled() {
        FileObject file = upload("cancel.jsonl", openAiLine("x", MODEL, "Hi", 10).getBytes(StandardCharsets.UTF_8),
                "cancel-test");
        Batch batch = client().batches().create(BatchCreateParams.builder()
                .inputFileId(file.id())
                .endpoint(BatchCreateParams.Endpoint.V1_CHAT_COMPLETIONS)
                .completionWindow(BatchCreateParams.CompletionWindow._24H)
                .metadata(BatchCreateParams.Metadata.builder().putAdditionalProperty("team", JsonValue.from("docs"))
                        .build())
                .putAdditionalBodyProperty("provider", JsonValue.from("bedrock"))
                .putAdditionalBodyProperty("model", JsonValue.from(MODEL))
                .build());
        assertEquals("docs", batch.metadata().orElseThrow()._additionalProperties().get("team").asString()
                .orElseThrow(), "metadata, kept as the job's tags, is answered on create");
        assertTrue(batch.outputFileId().isEmpty());

        Batch cancelling = client().batches().cancel(BatchCancelParams.builder().batchId(batch.id())
                .putAdditionalBodyProperty("provider", JsonValue.from("bedrock")).build());

        assertEquals(batch.id(), cancelling.id());
        assertTrue(Set.of(Batch.Status.CANCELLING, Batch.Status.CANCELLED).contains(cancelling.status()),
                cancelling.status().toString());
        Batch done = poll(batch.id(), new HashSet<>());
        assertEquals(Batch.Status.CANCELLED, done.status());
        assertTrue(done.cancelledAt().isPresent());
    }

    // ---- errors --------------------------------------------------------------------------------------------------

    @Test
    void an_unknown_file_is_a_404() {
        String missing = "file-bedrock-" + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("s3://" + BUCKET + "/nowhere/missing.jsonl").getBytes(StandardCharsets.UTF_8));

        NotFoundException error = assertThrows(NotFoundException.class, () -> client().files().retrieve(
                FileRetrieveParams.builder().fileId(missing).putAdditionalQueryParam("provider", "bedrock").build()));

        assertEquals(404, error.statusCode());
        assertTrue(error.getMessage().contains(missing), error.getMessage());
        assertThrows(NotFoundException.class, () -> client().files().delete(missing));
        assertThrows(NotFoundException.class, () -> client().batches().create(BatchCreateParams.builder()
                .inputFileId(missing).endpoint(BatchCreateParams.Endpoint.V1_CHAT_COMPLETIONS)
                .completionWindow(BatchCreateParams.CompletionWindow._24H)
                .putAdditionalBodyProperty("model", JsonValue.from(MODEL)).build()));
    }

    @Test
    void a_bucket_outside_the_allow_list_is_refused_and_ids_naming_one_are_404() {
        PermissionDeniedException upload = assertThrows(PermissionDeniedException.class, () -> client().files()
                .create(uploadParams("x.jsonl", openAiLine("x", MODEL, "Hi", 10).getBytes(StandardCharsets.UTF_8),
                        "someone-elses-bucket", "in").build()));
        assertEquals(403, upload.statusCode());
        assertTrue(upload.getMessage().contains("someone-elses-bucket"), upload.getMessage());

        String forged = "file-bedrock-" + Base64.getUrlEncoder().withoutPadding()
                .encodeToString("s3://someone-elses-bucket/secret.jsonl".getBytes(StandardCharsets.UTF_8));
        assertThrows(NotFoundException.class, () -> client().files().content(forged));
    }

    @Test
    void a_missing_storage_config_or_model_is_a_400_saying_what_to_send() {
        BadRequestException noBucket = assertThrows(BadRequestException.class, () -> client().files().create(
                FileCreateParams.builder().file(file("x.jsonl", openAiLine("x", MODEL, "Hi", 10)
                                .getBytes(StandardCharsets.UTF_8))).purpose(FilePurpose.BATCH)
                        .putAdditionalBodyProperty("provider", JsonValue.from("bedrock")).build()));
        assertTrue(noBucket.getMessage().contains("storage_config[s3][bucket]"), noBucket.getMessage());

        FileObject file = upload("nomodel.jsonl", openAiLine("x", MODEL, "Hi", 10).getBytes(StandardCharsets.UTF_8),
                "errors");
        BadRequestException noModel = assertThrows(BadRequestException.class, () -> client().batches().create(
                BatchCreateParams.builder().inputFileId(file.id())
                        .endpoint(BatchCreateParams.Endpoint.V1_CHAT_COMPLETIONS)
                        .completionWindow(BatchCreateParams.CompletionWindow._24H).build()));
        assertEquals("model", noModel.param().orElseThrow());
    }

    @Test
    void a_line_no_bedrock_model_can_run_is_refused_line_numbered_and_nothing_is_stored() {
        String lines = openAiLine("good", MODEL, "Hi", 10) + "\n" + openAiLine("bad", "gpt-4o-mini", "Hi", 10);
        upload("bucket-exists.jsonl", openAiLine("x", MODEL, "Hi", 10).getBytes(StandardCharsets.UTF_8), "elsewhere");
        int before = client().files().list(storage(FileListParams.builder()
                .putAdditionalQueryParam("provider", "bedrock"), "refused").build()).data().size();

        BadRequestException error = assertThrows(BadRequestException.class, () -> upload("refused.jsonl",
                lines.getBytes(StandardCharsets.UTF_8), "refused"));

        assertTrue(error.getMessage().contains("line 2"), error.getMessage());
        assertEquals(before, client().files().list(storage(FileListParams.builder()
                .putAdditionalQueryParam("provider", "bedrock"), "refused").build()).data().size());
    }

    @Test
    void a_job_bedrock_refuses_keeps_bedrocks_message() {
        FileObject file = upload("refused-job.jsonl", openAiLine("x", MODEL, "Hi", 10)
                .getBytes(StandardCharsets.UTF_8), "errors");

        BadRequestException error = assertThrows(BadRequestException.class, () -> client().batches().create(
                BatchCreateParams.builder().inputFileId(file.id())
                        .endpoint(BatchCreateParams.Endpoint.V1_CHAT_COMPLETIONS)
                        .completionWindow(BatchCreateParams.CompletionWindow._24H)
                        .putAdditionalBodyProperty("model", JsonValue.from(MODEL))
                        .putAdditionalBodyProperty("job_name", JsonValue.from("not a valid job name!"))
                        .build()));

        assertEquals(400, error.statusCode());
        assertEquals("ValidationException", error.code().orElseThrow(), "Bedrock's exception name is the code");
        assertTrue(error.getMessage().contains("jobName"), error.getMessage());
    }

    @Test
    void an_unknown_batch_is_a_404() {
        String unknown = "batch-bedrock-" + Base64.getUrlEncoder().withoutPadding().encodeToString(
                "arn:aws:bedrock:us-east-1:123456789012:model-invocation-job/abcdefghijkl"
                        .getBytes(StandardCharsets.UTF_8));

        NotFoundException error = assertThrows(NotFoundException.class, () -> client().batches().retrieve(
                BatchRetrieveParams.builder().batchId(unknown).putAdditionalQueryParam("provider", "bedrock")
                        .build()));
        assertEquals(404, error.statusCode());
        assertThrows(NotFoundException.class, () -> client().batches().retrieve("batch-bedrock-bm90LWFuLWFybg"));
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private static String openAiLine(String customId, String model, String question, int maxTokens) {
        return "{\"custom_id\": \"" + customId + "\", \"method\": \"POST\", \"url\": \"/v1/chat/completions\", "
                + "\"body\": {\"model\": \"" + model + "\", \"messages\": [{\"role\": \"user\", \"content\": \""
                + question + "\"}], \"max_tokens\": " + maxTokens + "}}";
    }

    private static MultipartField<InputStream> file(String name, byte[] content) {
        return MultipartField.<InputStream>builder().value(new ByteArrayInputStream(content)).filename(name)
                .contentType("application/jsonl").build();
    }

    private static FileCreateParams.Builder uploadParams(String name, byte[] content, String bucket, String prefix) {
        return FileCreateParams.builder().file(file(name, content)).purpose(FilePurpose.BATCH)
                .putAdditionalBodyProperty("provider", JsonValue.from("bedrock"))
                .putAdditionalBodyProperty("storage_config", JsonValue.from(Map.of("s3", Map.of(
                        "bucket", bucket, "region", "us-west-2", "prefix", prefix))));
    }

    private FileObject upload(String name, byte[] content, String prefix) {
        return client().files().create(uploadParams(name, content, BUCKET, prefix).build());
    }

    private static FileListParams.Builder storage(FileListParams.Builder params, String prefix) {
        return params.putAdditionalQueryParam("storage_config[s3][bucket]", BUCKET)
                .putAdditionalQueryParam("storage_config[s3][region]", "us-west-2")
                .putAdditionalQueryParam("storage_config[s3][prefix]", prefix);
    }

    private Batch create(String fileId, String model) {
        return client().batches().create(BatchCreateParams.builder()
                .inputFileId(fileId)
                .endpoint(BatchCreateParams.Endpoint.V1_CHAT_COMPLETIONS)
                .completionWindow(BatchCreateParams.CompletionWindow._24H)
                .putAdditionalBodyProperty("provider", JsonValue.from("bedrock"))
                .putAdditionalBodyProperty("model", JsonValue.from(model))
                .putAdditionalBodyProperty("output_s3_uri", JsonValue.from("s3://" + BUCKET + "/batch-output"))
                .build());
    }

    /** The S3 URI inside a file id, read the way Caravan reads it. */
    private static String s3Uri(String fileId) {
        return CaravanIds.nativeId(fileId);
    }

    /** The documents' loop, {@code for i in range(10)} with a pause, as long as the sandbox may need. */
    private Batch poll(String batchId, Set<String> seen) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            Batch batch = client().batches().retrieve(BatchRetrieveParams.builder().batchId(batchId)
                    .putAdditionalQueryParam("provider", "bedrock").build());
            String status = batch.status().asString();
            seen.add(status);
            if (List.of("completed", "failed", "expired", "cancelled").contains(status)) {
                return batch;
            }
            if (System.nanoTime() > deadline) {
                fail("batch " + batchId + " still " + status + " after " + PATIENCE);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
    }

    private byte[] download(String fileId) {
        return download(client().files().content(FileContentParams.builder().fileId(fileId)
                .putAdditionalQueryParam("provider", "bedrock").build()));
    }

    private static byte[] download(HttpResponse response) {
        try (response; InputStream body = response.body()) {
            return body.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<JsonNode> lines(String fileId) {
        return jsonLines(download(fileId));
    }

    private static List<JsonNode> jsonLines(byte[] content) {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : new String(content, StandardCharsets.UTF_8).split("\n")) {
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
}
