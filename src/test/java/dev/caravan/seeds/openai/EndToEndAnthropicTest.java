package dev.caravan.seeds.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.models.batches.Batch;
import com.openai.models.batches.BatchCreateParams;
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
 * "Anthropic Inline Batch Workflow" of the OpenAI-SDK documents (seeds 001 and 004, identical there): two inline
 * requests, create with {@code input_file_id=""}, poll ten times at most (the loop also breaks on Anthropic's
 * "ended"). The documents' model, claude-3-sonnet-20240229, is retired: Anthropic (and the sandbox's Anthropic)
 * accepts the batch and answers each of its requests with not_found_error, so the batch completes with both requests
 * in its error file. That is what the reader of this document gets today, and what is asserted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS) // one Caravan for the whole class
@CamelMainTest(mainClass = CaravanApplication.class,
        propertyPlaceholderLocations = "file:application.properties",
        properties = {"camel.server.port=0", "camel.server.host=127.0.0.1", "caravan.sandbox.enabled=true",
                "caravan.sandbox.openai.phase-duration=300ms", "caravan.sandbox.bedrock.phase-duration=300ms",
                "caravan.sandbox.anthropic.phase-duration=300ms", "caravan.sandbox.gemini.phase-duration=300ms"})
class EndToEndAnthropicTest {

    @BeanInject
    CamelContext context;

    @Test
    void the_anthropic_inline_batch_workflow_runs_as_written() {
        OpenAIClient client = DocumentClient.create(context, "your-anthropic-api-key");
        String provider = "anthropic";

        // Step 1: Create inline requests
        List<Map<String, Object>> requests = List.of(
                Map.of("custom_id", "math-question", "params", Map.of(
                        "model", "claude-3-sonnet-20240229",
                        "max_tokens", 100,
                        "messages", List.of(Map.of("role", "user", "content", "What is 15 * 7?")))),
                Map.of("custom_id", "geography-question", "params", Map.of(
                        "model", "claude-3-sonnet-20240229",
                        "max_tokens", 100,
                        "messages", List.of(Map.of("role", "user", "content", "What is the largest ocean?")))));

        // Step 2: Create batch
        Batch batch = client.batches().create(BatchCreateParams.builder()
                .inputFileId("")
                .endpoint(BatchCreateParams.Endpoint.V1_CHAT_COMPLETIONS)
                .completionWindow(BatchCreateParams.CompletionWindow._24H)
                .putAdditionalBodyProperty("provider", JsonValue.from(provider))
                .putAdditionalBodyProperty("requests", JsonValue.from(requests))
                .build());
        assertTrue(batch.id().startsWith("batch-anthropic-"), batch.id());
        assertEquals(Batch.Status.IN_PROGRESS, batch.status());
        assertEquals(2, batch.requestCounts().orElseThrow().total());

        // Step 3: Poll for completion
        DocumentPolling.Polls polls = DocumentPolling.poll(client, batch.id(), provider,
                DocumentPolling.FINAL_OR_ENDED);

        // print(f"\nSuccess! Batch {batch.id} workflow completed.")
        Batch done = polls.last();
        assertEquals(batch.id(), done.id());
        assertEquals(Batch.Status.COMPLETED, done.status(), () -> "within ten polls: " + polls.statuses());
        assertFalse(polls.statuses().contains("ended"), "Anthropic's 'ended' is OpenAI's 'completed' on this wire");
        assertTrue(Set.of("in_progress", "completed").containsAll(polls.statuses()), polls.statuses().toString());
        assertEquals(2, done.requestCounts().orElseThrow().total());
        // the retired model: both requests failed, so there is no output file, and the error file holds both
        assertEquals(0, done.requestCounts().orElseThrow().completed());
        assertEquals(2, done.requestCounts().orElseThrow().failed());
        assertTrue(done.outputFileId().isEmpty(), "nothing succeeded, no output file");
        List<JsonNode> errors = FileLines.json(client, done.errorFileId().orElseThrow(), provider);
        assertEquals(Set.of("math-question", "geography-question"), errors.stream()
                .map(l -> l.get("custom_id").asText()).collect(Collectors.toSet()));
        assertEquals(2, errors.size());
        for (JsonNode line : errors) {
            assertEquals(404, line.at("/response/status_code").asInt(), line.toString());
            assertEquals("not_found_error", line.at("/response/body/error/type").asText(), line.toString());
            assertTrue(line.at("/response/body/error/message").asText().contains("claude-3-sonnet-20240229"),
                    line.toString());
        }
    }
}
