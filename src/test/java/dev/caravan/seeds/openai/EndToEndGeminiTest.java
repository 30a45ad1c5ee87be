package dev.caravan.seeds.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.models.batches.Batch;
import com.openai.models.batches.BatchCreateParams;
import com.openai.models.files.FileCreateParams;
import com.openai.models.files.FileObject;
import com.openai.models.files.FilePurpose;
import dev.caravan.CaravanApplication;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * "Gemini Batch Workflow" of the OpenAI-SDK documents (seeds 001 and 004, identical there): upload batch_e2e.jsonl for
 * gemini, create the batch with the model in extra_body, poll it ten times at most. The documents' model,
 * gemini-1.5-flash, is retired: Gemini (and the sandbox's Gemini) runs the batch and fails each request with 404
 * NOT_FOUND, so the batch completes with both requests in its error file. That is what the reader of this document
 * gets today, and what is asserted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS) // one Caravan for the whole class
@CamelMainTest(mainClass = CaravanApplication.class,
        propertyPlaceholderLocations = "file:application.properties",
        properties = {"camel.server.port=0", "camel.server.host=127.0.0.1", "caravan.sandbox.enabled=true",
                "caravan.sandbox.openai.phase-duration=300ms", "caravan.sandbox.bedrock.phase-duration=300ms",
                "caravan.sandbox.anthropic.phase-duration=300ms", "caravan.sandbox.gemini.phase-duration=300ms"})
class EndToEndGeminiTest {

    @BeanInject
    CamelContext context;

    @Test
    void the_gemini_batch_workflow_runs_as_written() {
        OpenAIClient client = DocumentClient.create(context, "your-api-key");
        // Configuration
        String provider = "gemini";
        String model = "gemini-1.5-flash";

        // Step 2: Upload file (uses Gemini's native file storage)
        FileObject uploadedFile = client.files().create(FileCreateParams.builder()
                .file(DocumentJsonl.file("batch_e2e.jsonl", DocumentJsonl.E2E_GEMINI))
                .purpose(FilePurpose.BATCH)
                .putAdditionalBodyProperty("provider", JsonValue.from(provider))
                .build());
        assertTrue(uploadedFile.id().startsWith("file-gemini-"), uploadedFile.id());
        assertEquals("batch_e2e.jsonl", uploadedFile.filename());

        // Step 3: Create batch
        Batch batch = client.batches().create(BatchCreateParams.builder()
                .inputFileId(uploadedFile.id())
                .endpoint(BatchCreateParams.Endpoint.V1_CHAT_COMPLETIONS)
                .completionWindow(BatchCreateParams.CompletionWindow._24H)
                .putAdditionalBodyProperty("provider", JsonValue.from(provider))
                .putAdditionalBodyProperty("model", JsonValue.from(model))
                .build());
        assertTrue(batch.id().startsWith("batch-gemini-"), batch.id());
        assertEquals(Batch.Status.VALIDATING, batch.status());

        // Step 4: Poll for completion
        DocumentPolling.Polls polls = DocumentPolling.poll(client, batch.id(), provider, DocumentPolling.FINAL);

        // print(f"\nSuccess! Batch {batch.id} workflow completed.")
        Batch done = polls.last();
        assertEquals(batch.id(), done.id());
        assertEquals(Batch.Status.COMPLETED, done.status(), () -> "within ten polls: " + polls.statuses());
        assertTrue(Set.of("validating", "in_progress", "completed").containsAll(polls.statuses()),
                "Gemini's states in OpenAI's enum: " + polls.statuses());
        assertEquals(2, done.requestCounts().orElseThrow().total());
        // the retired model: both requests failed, so there is no output file, and the error file holds both
        assertEquals(0, done.requestCounts().orElseThrow().completed());
        assertEquals(2, done.requestCounts().orElseThrow().failed());
        assertTrue(done.outputFileId().isEmpty(), "nothing succeeded, no output file");
        List<JsonNode> errors = FileLines.json(client, done.errorFileId().orElseThrow(), provider);
        assertEquals(Set.of("req-1", "req-2"), errors.stream().map(l -> l.get("custom_id").asText())
                .collect(Collectors.toSet()));
        assertEquals(2, errors.size());
        for (JsonNode line : errors) {
            assertEquals(404, line.at("/response/status_code").asInt(), line.toString());
            assertTrue(line.toString().contains("gemini-1.5-flash"), "the error names the model: " + line);
        }
    }
}
