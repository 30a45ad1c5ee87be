package dev.caravan.seeds.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.models.batches.Batch;
import com.openai.models.batches.BatchCancelParams;
import com.openai.models.batches.BatchCreateParams;
import com.openai.models.batches.BatchListPage;
import com.openai.models.batches.BatchListParams;
import com.openai.models.batches.BatchRetrieveParams;
import com.openai.models.files.FileCreateParams;
import com.openai.models.files.FileObject;
import com.openai.models.files.FilePurpose;
import dev.caravan.CaravanApplication;
import dev.caravan.CaravanBedrock;
import dev.caravan.model.CaravanIds;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.bedrock.BedrockClient;
import software.amazon.awssdk.services.bedrock.model.GetModelInvocationJobResponse;

/**
 * The "Batch API" section of the OpenAI-SDK documents (seeds 001 and 004), once per provider: create (OpenAI in both
 * copies; Bedrock, Anthropic inline and Gemini in seed 004), list, retrieve, cancel, with the documents' values. The
 * documents' {@code "file-abc123"} and {@code "batch-abc123"} are placeholders no provider issues: each test uploads
 * the Files section's file for its provider and uses that id, then the id its create returned.
 *
 * <p>The phases last 1 s here, not 300 ms: the section cancels the batch it just created, and a cancel must reach it
 * while it runs (every provider refuses to cancel a batch that has ended).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS) // one Caravan for the whole class
@CamelMainTest(mainClass = CaravanApplication.class,
        propertyPlaceholderLocations = "file:application.properties",
        properties = {"camel.server.port=0", "camel.server.host=127.0.0.1", "caravan.sandbox.enabled=true",
                "caravan.sandbox.openai.phase-duration=1s", "caravan.sandbox.bedrock.phase-duration=1s",
                "caravan.sandbox.anthropic.phase-duration=1s", "caravan.sandbox.gemini.phase-duration=1s"})
class BatchesSectionTest {

    private static final String BEDROCK_MODEL = "anthropic.claude-3-sonnet-20240229-v1:0";
    private static final String ANTHROPIC_MODEL = "claude-3-sonnet-20240229";
    private static final Set<String> CANCEL_ANSWERS = Set.of("cancelling", "cancelled");

    @BeanInject
    CamelContext context;

    /** "For native OpenAI batching": create from an uploaded file, then list, retrieve and cancel for "openai". */
    @Test
    void openai_batch_is_created_listed_retrieved_and_cancelled() {
        OpenAIClient client = DocumentClient.create(context, "your-openai-api-key");
        // "First upload a file (see Files API section)": the section's OpenAI upload
        FileObject file = client.files().create(FileCreateParams.builder()
                .file(DocumentJsonl.file("batch_input.jsonl", DocumentJsonl.FILES_OPENAI))
                .purpose(FilePurpose.BATCH)
                .putAdditionalBodyProperty("provider", JsonValue.from("openai"))
                .build());

        Batch batch = client.batches().create(BatchCreateParams.builder()
                .inputFileId(file.id()) // the documents' "file-abc123"
                .endpoint(BatchCreateParams.Endpoint.V1_CHAT_COMPLETIONS)
                .completionWindow(BatchCreateParams.CompletionWindow._24H)
                .putAdditionalBodyProperty("provider", JsonValue.from("openai"))
                .build());

        // OpenAI's own batch ids pass through unchanged (DESIGN §3)
        assertTrue(batch.id().startsWith("batch_"), batch.id());
        assertEquals(Batch.Status.VALIDATING, batch.status());
        assertEquals(file.id(), batch.inputFileId());
        listRetrieveCancel(client, batch, "openai");
    }

    /** Seed 004's Bedrock create: model and output_s3_uri in extra_body, the input uploaded with storage_config. */
    @Test
    void bedrock_batch_is_created_listed_by_model_retrieved_and_cancelled() {
        OpenAIClient client = DocumentClient.create(context, "your-api-key");
        // "First upload a file with S3 config (see Files API section)": the section's Bedrock upload
        FileObject file = client.files().create(FileCreateParams.builder()
                .file(DocumentJsonl.file("batch_input.jsonl", DocumentJsonl.FILES_BEDROCK))
                .purpose(FilePurpose.BATCH)
                .putAdditionalBodyProperty("provider", JsonValue.from("bedrock"))
                .putAdditionalBodyProperty("storage_config", JsonValue.from(Map.of("s3", Map.of(
                        "bucket", "your-s3-bucket", "region", "us-west-2", "prefix", "bifrost-batch-output"))))
                .build());

        Batch batch = client.batches().create(BatchCreateParams.builder()
                .inputFileId(file.id()) // the documents' "file-abc123"
                .endpoint(BatchCreateParams.Endpoint.V1_CHAT_COMPLETIONS)
                .completionWindow(BatchCreateParams.CompletionWindow._24H)
                .putAdditionalBodyProperty("provider", JsonValue.from("bedrock"))
                .putAdditionalBodyProperty("model", JsonValue.from(BEDROCK_MODEL))
                // the documents write your-bucket here, not the input's your-s3-bucket
                .putAdditionalBodyProperty("output_s3_uri", JsonValue.from("s3://your-bucket/batch-output"))
                .build());

        assertTrue(batch.id().startsWith("batch-bedrock-"), batch.id());
        assertEquals(Batch.Status.VALIDATING, batch.status());
        assertEquals(file.id(), batch.inputFileId());
        // model and output_s3_uri are what the job was given: the same job seen through the Bedrock batch API
        try (BedrockClient bedrock = CaravanBedrock.client(context)) {
            GetModelInvocationJobResponse job = bedrock.getModelInvocationJob(get -> get
                    .jobIdentifier(CaravanIds.nativeId(batch.id())));
            assertEquals(BEDROCK_MODEL, job.modelId());
            assertTrue(job.outputDataConfig().s3OutputDataConfig().s3Uri().startsWith("s3://your-bucket/batch-output"),
                    job.outputDataConfig().toString());
            assertEquals(CaravanIds.nativeId(file.id()), job.inputDataConfig().s3InputDataConfig().s3Uri());
        }
        listRetrieveCancel(client, batch, "bedrock");
    }

    /** Seed 004's Anthropic create: inline requests in extra_body, input_file_id "" ("Empty for inline requests"). */
    @Test
    void anthropic_inline_batch_is_created_listed_retrieved_and_cancelled() {
        OpenAIClient client = DocumentClient.create(context, "your-anthropic-api-key");
        List<Map<String, Object>> requests = List.of(
                inlineRequest("request-1", "Hello!"),
                inlineRequest("request-2", "How are you?"));

        Batch batch = client.batches().create(BatchCreateParams.builder()
                .inputFileId("")
                .endpoint(BatchCreateParams.Endpoint.V1_CHAT_COMPLETIONS)
                .completionWindow(BatchCreateParams.CompletionWindow._24H)
                .putAdditionalBodyProperty("provider", JsonValue.from("anthropic"))
                .putAdditionalBodyProperty("requests", JsonValue.from(requests))
                .build());

        assertTrue(batch.id().startsWith("batch-anthropic-"), batch.id());
        // a Message Batch is in_progress from its creation; Anthropic has no validating phase
        assertEquals(Batch.Status.IN_PROGRESS, batch.status());
        assertEquals(2, batch.requestCounts().orElseThrow().total());
        listRetrieveCancel(client, batch, "anthropic");
    }

    /** Seed 004's Gemini create: the model in extra_body, the input uploaded for "gemini". */
    @Test
    void gemini_batch_is_created_listed_retrieved_and_cancelled() {
        OpenAIClient client = DocumentClient.create(context, "your-api-key");
        // "First upload a file with Gemini format (see Files API section)": the section's Gemini upload
        FileObject file = client.files().create(FileCreateParams.builder()
                .file(DocumentJsonl.file("batch_input.jsonl", DocumentJsonl.FILES_GEMINI))
                .purpose(FilePurpose.BATCH)
                .putAdditionalBodyProperty("provider", JsonValue.from("gemini"))
                .build());

        Batch batch = client.batches().create(BatchCreateParams.builder()
                .inputFileId(file.id()) // the documents' "file-abc123"
                .endpoint(BatchCreateParams.Endpoint.V1_CHAT_COMPLETIONS)
                .completionWindow(BatchCreateParams.CompletionWindow._24H)
                .putAdditionalBodyProperty("provider", JsonValue.from("gemini"))
                .putAdditionalBodyProperty("model", JsonValue.from("gemini-1.5-flash"))
                .build());

        assertTrue(batch.id().startsWith("batch-gemini-"), batch.id());
        assertEquals(Batch.Status.VALIDATING, batch.status());
        assertEquals(file.id(), batch.inputFileId());
        listRetrieveCancel(client, batch, "gemini");
    }

    // ---- the section's list, retrieve and cancel -----------------------------------------------------------------

    /**
     * "List Batches", "Retrieve Batch Status" and "Cancel a Batch" with {@code "provider": provider} (the examples'
     * {@code # or "openai", "anthropic", "gemini"}), on the batch just created (the documents' {@code "batch-abc123"});
     * then the cancel is seen through to "cancelled". The list's extra_query is the example's, provider aside: its
     * {@code "model"} ("Required for bedrock") stays, as it does when a reader changes only the provider; it filters
     * Bedrock's jobs by model and has no bearing on the other providers' lists.
     */
    private static void listRetrieveCancel(OpenAIClient client, Batch created, String provider) {
        BatchListPage page = client.batches().list(BatchListParams.builder()
                .limit(10)
                .putAdditionalQueryParam("provider", provider)
                .putAdditionalQueryParam("model", BEDROCK_MODEL)
                .build());
        assertTrue(page.data().size() <= 10, "limit=10");
        List<Batch> listed = page.data().stream().filter(b -> b.id().equals(created.id())).toList();
        assertEquals(1, listed.size(), () -> created.id() + " in " + page.data().stream().map(Batch::id).toList());
        assertFalse(listed.get(0).status().asString().isEmpty());

        Batch batch = client.batches().retrieve(BatchRetrieveParams.builder().batchId(created.id())
                .putAdditionalQueryParam("provider", provider).build());
        assertEquals(created.id(), batch.id());
        assertFalse(DocumentPolling.FINAL.contains(batch.status().asString()), "still running: " + batch.status());
        // "if batch.request_counts:" prints total, completed and failed
        batch.requestCounts().ifPresent(counts -> assertTrue(counts.completed() + counts.failed() <= counts.total(),
                counts.toString()));

        Batch cancelled = client.batches().cancel(BatchCancelParams.builder().batchId(created.id())
                .putAdditionalBodyProperty("provider", JsonValue.from(provider)).build());
        assertEquals(created.id(), cancelled.id());
        // print(f"Status: {batch.status}")  # "cancelling" or "cancelled"
        assertTrue(CANCEL_ANSWERS.contains(cancelled.status().asString()), cancelled.status().asString());

        DocumentPolling.Polls polls = DocumentPolling.poll(client, created.id(), provider, DocumentPolling.FINAL);
        assertEquals(Batch.Status.CANCELLED, polls.last().status(), polls.statuses().toString());
        assertTrue(polls.last().cancelledAt().isPresent());
    }

    private static Map<String, Object> inlineRequest(String customId, String content) {
        return Map.of("custom_id", customId, "params", Map.of("model", ANTHROPIC_MODEL, "max_tokens", 100,
                "messages", List.of(Map.of("role", "user", "content", content))));
    }
}
