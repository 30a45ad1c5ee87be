package dev.caravan.provider.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.jsonl.ResultSelection;
import dev.caravan.model.Batch;
import dev.caravan.model.BatchStatus;
import dev.caravan.model.CaravanIds;
import dev.caravan.model.GatewayError;
import dev.caravan.model.Provider;
import dev.caravan.model.RequestCounts;
import dev.caravan.wire.Json;
import dev.caravan.wire.OpenAiJson;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Anthropic MessageBatch objects (provider-apis.md §3.3) as canonical batches (DESIGN §5). */
class MessageBatchMappingTest {

    private static final String ID = "msgbatch_013Zva2CMHLNnXjNJJKqJ2EF";
    private static final String CREATED = "2026-01-01T00:00:00Z";
    private static final String ENDED = "2026-01-01T00:05:30.123456Z";

    @ParameterizedTest
    @CsvSource({
            "in_progress, false, IN_PROGRESS",
            "in_progress, true,  IN_PROGRESS",
            "canceling,   true,  CANCELLING",
            "ended,       false, COMPLETED",
            "ended,       true,  CANCELLED"})
    void processing_status_maps_to_openai_status(String processing, boolean cancelInitiated, BatchStatus expected) {
        assertEquals(expected, MessageBatchMapping.status(processing, cancelInitiated));
    }

    @Test
    void no_anthropic_status_reaches_the_wire() {
        for (String processing : new String[] {"in_progress", "canceling", "ended"}) {
            for (boolean cancelled : new boolean[] {false, true}) {
                String wire = MessageBatchMapping.status(processing, cancelled).wireName();
                assertTrue(Arrays.stream(BatchStatus.values()).map(BatchStatus::wireName).anyMatch(wire::equals));
                assertTrue(!wire.equals("ended") && !wire.equals("canceling"), wire);
            }
        }
    }

    @Test
    void an_unknown_processing_status_is_an_upstream_error_not_a_guess() {
        GatewayError error = assertThrows(GatewayError.class, () -> MessageBatchMapping.status("paused", false));
        assertEquals(502, error.status());
        assertTrue(error.getMessage().contains("paused"), error.getMessage());
    }

    @Test
    void counts_total_every_request_completed_the_succeeded_failed_the_rest() {
        JsonNode counts = counts(3, 10, 2, 4, 1);
        assertEquals(new RequestCounts(3 + 10 + 2 + 4 + 1, 10, 2 + 4 + 1), MessageBatchMapping.counts(counts));
    }

    @Test
    void counts_while_processing_are_in_the_total_only() {
        assertEquals(new RequestCounts(5, 0, 0), MessageBatchMapping.counts(counts(5, 0, 0, 0, 0)));
    }

    @Test
    void an_in_progress_batch() {
        Batch batch = MessageBatchMapping.batch(messageBatch("in_progress", counts(2, 0, 0, 0, 0), null, null, null),
                "");

        assertEquals(CaravanIds.wrap(CaravanIds.Kind.BATCH, Provider.ANTHROPIC, ID), batch.id());
        assertEquals(ID, CaravanIds.nativeId(batch.id()));
        assertTrue(batch.id().startsWith("batch-anthropic-"), batch.id());
        assertEquals(BatchStatus.IN_PROGRESS, batch.status());
        assertEquals("/v1/chat/completions", batch.endpoint());
        assertEquals("24h", batch.completionWindow());
        assertEquals("", batch.inputFileId());
        long created = Instant.parse(CREATED).getEpochSecond();
        assertEquals(created, batch.createdAt());
        assertEquals(created, batch.inProgressAt());
        assertEquals(created + 24 * 3600, batch.expiresAt());
        assertNull(batch.completedAt());
        assertNull(batch.cancellingAt());
        assertNull(batch.outputFileId());
        assertNull(batch.errorFileId());
        assertEquals(new RequestCounts(2, 0, 0), batch.requestCounts());
    }

    @Test
    void an_ended_batch_is_completed_with_its_result_files() {
        Batch batch = MessageBatchMapping.batch(messageBatch("ended", counts(0, 2, 1, 0, 0), ENDED, null,
                "https://api.anthropic.com/v1/messages/batches/" + ID + "/results"), "file-anthropic-abc");

        assertEquals(BatchStatus.COMPLETED, batch.status());
        assertEquals(Instant.parse(ENDED).getEpochSecond(), batch.completedAt());
        assertNull(batch.cancelledAt());
        assertEquals("file-anthropic-abc", batch.inputFileId());
        assertEquals(new AnthropicFileId.Results(ID, ResultSelection.SUCCEEDED).id(), batch.outputFileId());
        assertEquals(new AnthropicFileId.Results(ID, ResultSelection.FAILED).id(), batch.errorFileId());
        assertEquals(new RequestCounts(3, 2, 1), batch.requestCounts());
        assertEquals("completed", OpenAiJson.batch(batch).get("status").asText());
    }

    @Test
    void no_output_file_when_nothing_succeeded_and_no_error_file_when_nothing_failed() {
        String results = "https://api.anthropic.com/v1/messages/batches/" + ID + "/results";
        Batch allFailed = MessageBatchMapping.batch(messageBatch("ended", counts(0, 0, 1, 1, 1), ENDED, null,
                results), "");
        Batch allSucceeded = MessageBatchMapping.batch(messageBatch("ended", counts(0, 3, 0, 0, 0), ENDED, null,
                results), "");

        assertNull(allFailed.outputFileId());
        assertEquals(new AnthropicFileId.Results(ID, ResultSelection.FAILED).id(), allFailed.errorFileId());
        assertEquals(new AnthropicFileId.Results(ID, ResultSelection.SUCCEEDED).id(), allSucceeded.outputFileId());
        assertNull(allSucceeded.errorFileId());
    }

    @Test
    void a_cancel_is_cancelling_then_cancelled() {
        String initiated = "2026-01-01T00:01:00Z";
        Batch cancelling = MessageBatchMapping.batch(messageBatch("canceling", counts(4, 0, 0, 0, 0), null,
                initiated, null), "");
        Batch cancelled = MessageBatchMapping.batch(messageBatch("ended", counts(0, 1, 0, 3, 0), ENDED, initiated,
                "https://api.anthropic.com/v1/messages/batches/" + ID + "/results"), "");

        assertEquals(BatchStatus.CANCELLING, cancelling.status());
        assertEquals(Instant.parse(initiated).getEpochSecond(), cancelling.cancellingAt());
        assertNull(cancelling.cancelledAt());
        assertEquals(BatchStatus.CANCELLED, cancelled.status());
        assertEquals(Instant.parse(ENDED).getEpochSecond(), cancelled.cancelledAt());
        assertNull(cancelled.completedAt());
        assertEquals(new RequestCounts(4, 1, 3), cancelled.requestCounts());
    }

    @Test
    void archived_results_are_no_longer_offered() {
        ObjectNode archived = messageBatch("ended", counts(0, 2, 1, 0, 0), ENDED, null,
                "https://api.anthropic.com/v1/messages/batches/" + ID + "/results");
        archived.put("archived_at", "2026-01-30T00:00:00Z");

        Batch batch = MessageBatchMapping.batch(archived, "");

        assertEquals(BatchStatus.COMPLETED, batch.status());
        assertNull(batch.outputFileId());
        assertNull(batch.errorFileId());
    }

    @Test
    void a_time_that_is_no_rfc3339_is_an_upstream_error() {
        ObjectNode odd = messageBatch("in_progress", counts(1, 0, 0, 0, 0), null, null, null);
        odd.put("created_at", "yesterday");
        assertEquals(502, assertThrows(GatewayError.class, () -> MessageBatchMapping.batch(odd, "")).status());
    }

    private static ObjectNode counts(long processing, long succeeded, long errored, long canceled, long expired) {
        ObjectNode counts = Json.MAPPER.createObjectNode();
        counts.put("processing", processing);
        counts.put("succeeded", succeeded);
        counts.put("errored", errored);
        counts.put("canceled", canceled);
        counts.put("expired", expired);
        return counts;
    }

    private static ObjectNode messageBatch(String status, JsonNode counts, String endedAt, String cancelInitiatedAt,
                                           String resultsUrl) {
        ObjectNode batch = Json.MAPPER.createObjectNode();
        batch.put("id", ID);
        batch.put("type", "message_batch");
        batch.put("processing_status", status);
        batch.set("request_counts", counts);
        batch.put("created_at", CREATED);
        batch.put("expires_at", "2026-01-02T00:00:00Z");
        batch.put("ended_at", endedAt);
        batch.put("cancel_initiated_at", cancelInitiatedAt);
        batch.putNull("archived_at");
        batch.put("results_url", resultsUrl);
        return batch;
    }
}
