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
import dev.caravan.model.CaravanIds;
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
 * "Bedrock Batch Workflow" of the OpenAI-SDK documents (seeds 001 and 004, identical there): upload batch_e2e.jsonl
 * with storage_config, create the batch with model and output_s3_uri, poll it ten times at most, then read its output.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS) // one Caravan for the whole class
@CamelMainTest(mainClass = CaravanApplication.class,
        propertyPlaceholderLocations = "file:application.properties",
        properties = {"camel.server.port=0", "camel.server.host=127.0.0.1", "caravan.sandbox.enabled=true",
                "caravan.sandbox.openai.phase-duration=300ms", "caravan.sandbox.bedrock.phase-duration=300ms",
                "caravan.sandbox.anthropic.phase-duration=300ms", "caravan.sandbox.gemini.phase-duration=300ms"})
class EndToEndBedrockTest {

    @BeanInject
    CamelContext context;

    @Test
    void the_bedrock_batch_workflow_runs_as_written() {
        OpenAIClient client = DocumentClient.create(context, "your-api-key");
        // Configuration
        String provider = "bedrock";
        String s3Bucket = "your-s3-bucket";
        String s3Region = "us-west-2";
        String model = "anthropic.claude-3-sonnet-20240229-v1:0";

        // Step 2: Upload file
        FileObject uploadedFile = client.files().create(FileCreateParams.builder()
                .file(DocumentJsonl.file("batch_e2e.jsonl", DocumentJsonl.E2E_BEDROCK))
                .purpose(FilePurpose.BATCH)
                .putAdditionalBodyProperty("provider", JsonValue.from(provider))
                .putAdditionalBodyProperty("storage_config", JsonValue.from(Map.of("s3", Map.of(
                        "bucket", s3Bucket, "region", s3Region, "prefix", "batch-input"))))
                .build());
        assertTrue(uploadedFile.id().startsWith("file-bedrock-"), uploadedFile.id());
        String s3Uri = CaravanIds.nativeId(uploadedFile.id());
        assertTrue(s3Uri.startsWith("s3://your-s3-bucket/batch-input/"), "stored where storage_config says: " + s3Uri);

        // Step 3: Create batch
        Batch batch = client.batches().create(BatchCreateParams.builder()
                .inputFileId(uploadedFile.id())
                .endpoint(BatchCreateParams.Endpoint.V1_CHAT_COMPLETIONS)
                .completionWindow(BatchCreateParams.CompletionWindow._24H)
                .putAdditionalBodyProperty("provider", JsonValue.from(provider))
                .putAdditionalBodyProperty("model", JsonValue.from(model))
                .putAdditionalBodyProperty("output_s3_uri", JsonValue.from("s3://" + s3Bucket + "/batch-output"))
                .build());
        assertTrue(batch.id().startsWith("batch-bedrock-"), batch.id());
        assertEquals(Batch.Status.VALIDATING, batch.status());

        // Step 4: Poll for completion
        DocumentPolling.Polls polls = DocumentPolling.poll(client, batch.id(), provider, DocumentPolling.FINAL);

        // print(f"\nSuccess! Batch {batch.id} workflow completed.")
        Batch done = polls.last();
        assertEquals(batch.id(), done.id());
        assertEquals(Batch.Status.COMPLETED, done.status(), () -> "within ten polls: " + polls.statuses());
        assertTrue(Set.of("validating", "in_progress", "completed").containsAll(polls.statuses()),
                "Bedrock's statuses in OpenAI's enum: " + polls.statuses());
        assertEquals(model, done.model().orElseThrow());
        assertEquals(2, done.requestCounts().orElseThrow().total());
        assertEquals(2, done.requestCounts().orElseThrow().completed());
        assertEquals(0, done.requestCounts().orElseThrow().failed());
        assertTrue(done.errorFileId().isEmpty(), "nothing failed, no error file");

        // the results, read from s3://your-s3-bucket/batch-output/<job id>/ as OpenAI batch output lines
        String outputId = done.outputFileId().orElseThrow();
        assertTrue(CaravanIds.nativeId(outputId).contains("s3://your-s3-bucket/batch-output/"), outputId);
        List<JsonNode> output = FileLines.json(client, outputId, provider);
        assertEquals(2, output.size());
        Map<String, String> questions = Map.of("req-1", "What is 2+2?", "req-2", "What is the capital of France?");
        assertEquals(questions.keySet(), output.stream().map(l -> l.get("custom_id").asText())
                .collect(Collectors.toSet()));
        for (JsonNode line : output) {
            assertTrue(line.get("error").isNull(), line.toString());
            assertEquals(200, line.at("/response/status_code").asInt(), line.toString());
            JsonNode body = line.at("/response/body");
            assertEquals("chat.completion", body.get("object").asText());
            assertEquals("assistant", body.at("/choices/0/message/role").asText());
            assertEquals("Sandbox reply to: " + questions.get(line.get("custom_id").asText()),
                    body.at("/choices/0/message/content").asText());
        }
    }
}
