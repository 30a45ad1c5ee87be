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
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * "OpenAI Batch Workflow" of the OpenAI-SDK documents (seeds 001 and 004, identical there): upload batch_e2e.jsonl,
 * create the batch, poll it ten times at most, then (what the reader does next) read its output file.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS) // one Caravan for the whole class
@CamelMainTest(mainClass = CaravanApplication.class,
        propertyPlaceholderLocations = "file:application.properties",
        properties = {"camel.server.port=0", "camel.server.host=127.0.0.1", "caravan.sandbox.enabled=true",
                "caravan.sandbox.openai.phase-duration=300ms", "caravan.sandbox.bedrock.phase-duration=300ms",
                "caravan.sandbox.anthropic.phase-duration=300ms", "caravan.sandbox.gemini.phase-duration=300ms"})
class EndToEndOpenAiTest {

    @BeanInject
    CamelContext context;

    @Test
    void the_openai_batch_workflow_runs_as_written() {
        OpenAIClient client = DocumentClient.create(context, "your-openai-api-key");
        String provider = "openai";

        // Step 2: Upload file (uses OpenAI's native file storage)
        FileObject uploadedFile = client.files().create(FileCreateParams.builder()
                .file(DocumentJsonl.file("batch_e2e.jsonl", DocumentJsonl.E2E_OPENAI))
                .purpose(FilePurpose.BATCH)
                .putAdditionalBodyProperty("provider", JsonValue.from(provider))
                .build());
        assertTrue(uploadedFile.id().startsWith("file-"), uploadedFile.id());
        assertEquals("batch_e2e.jsonl", uploadedFile.filename());

        // Step 3: Create batch
        Batch batch = client.batches().create(BatchCreateParams.builder()
                .inputFileId(uploadedFile.id())
                .endpoint(BatchCreateParams.Endpoint.V1_CHAT_COMPLETIONS)
                .completionWindow(BatchCreateParams.CompletionWindow._24H)
                .putAdditionalBodyProperty("provider", JsonValue.from(provider))
                .build());
        assertTrue(batch.id().startsWith("batch_"), batch.id());
        assertEquals(Batch.Status.VALIDATING, batch.status());

        // Step 4: Poll for completion
        DocumentPolling.Polls polls = DocumentPolling.poll(client, batch.id(), provider, DocumentPolling.FINAL);

        // print(f"\nSuccess! Batch {batch.id} workflow completed.")
        Batch done = polls.last();
        assertEquals(batch.id(), done.id());
        assertEquals(Batch.Status.COMPLETED, done.status(), () -> "within ten polls: " + polls.statuses());
        assertTrue(Set.of("validating", "in_progress", "finalizing", "completed").containsAll(polls.statuses()),
                polls.statuses().toString());
        assertEquals(2, done.requestCounts().orElseThrow().total());
        assertEquals(2, done.requestCounts().orElseThrow().completed());
        assertEquals(0, done.requestCounts().orElseThrow().failed());
        assertTrue(done.errorFileId().isEmpty(), "nothing failed, no error file");

        // the results, as OpenAI batch output lines: one chat completion per custom_id
        List<JsonNode> output = FileLines.json(client, done.outputFileId().orElseThrow(), provider);
        assertEquals(2, output.size());
        Map<String, String> questions = Map.of("req-1", "What is 2+2?", "req-2", "What is the capital of France?");
        assertEquals(questions.keySet(), output.stream().map(l -> l.get("custom_id").asText())
                .collect(Collectors.toSet()));
        for (JsonNode line : output) {
            assertTrue(line.get("id").asText().startsWith("batch_req_"), line.toString());
            assertTrue(line.get("error").isNull(), line.toString());
            assertEquals(200, line.at("/response/status_code").asInt(), line.toString());
            JsonNode body = line.at("/response/body");
            assertEquals("chat.completion", body.get("object").asText());
            assertTrue(body.get("model").asText().startsWith("gpt-4o-mini"), body.toString());
            assertEquals("Sandbox reply to: " + questions.get(line.get("custom_id").asText()),
                    body.at("/choices/0/message/content").asText());
        }
    }
}
