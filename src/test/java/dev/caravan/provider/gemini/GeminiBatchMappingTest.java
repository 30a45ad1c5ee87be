package dev.caravan.provider.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.model.Batch;
import dev.caravan.model.BatchStatus;
import dev.caravan.model.CaravanIds;
import dev.caravan.model.GatewayError;
import dev.caravan.model.Provider;
import dev.caravan.model.RequestCounts;
import dev.caravan.wire.Json;
import java.time.OffsetDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GeminiBatchMappingTest {

    private static final long CREATED = OffsetDateTime.parse("2026-11-23T10:00:00Z").toEpochSecond();
    private static final long ENDED = OffsetDateTime.parse("2026-11-23T10:05:30.123456Z").toEpochSecond();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "BATCH_STATE_PENDING, validating", "JOB_STATE_PENDING, validating",
            "BATCH_STATE_RUNNING, in_progress", "JOB_STATE_RUNNING, in_progress",
            "BATCH_STATE_SUCCEEDED, completed", "JOB_STATE_SUCCEEDED, completed",
            "BATCH_STATE_FAILED, failed", "JOB_STATE_FAILED, failed",
            "BATCH_STATE_CANCELLED, cancelled", "JOB_STATE_CANCELLED, cancelled",
            "BATCH_STATE_EXPIRED, expired", "JOB_STATE_EXPIRED, expired",
            "BATCH_STATE_UNSPECIFIED, validating", "JOB_STATE_UNSPECIFIED, validating"})
    void both_spellings_of_each_state_map_to_openais_status(String state, String status) {
        assertEquals(status, GeminiBatchMapping.status(state, false).wireName());
    }

    @ParameterizedTest(name = "{0} after a cancel -> {1}")
    @CsvSource({"BATCH_STATE_PENDING, cancelling", "JOB_STATE_RUNNING, cancelling",
            "BATCH_STATE_CANCELLED, cancelled", "BATCH_STATE_SUCCEEDED, completed", "JOB_STATE_FAILED, failed"})
    void right_after_a_cancel_a_batch_still_running_is_cancelling(String state, String status) {
        assertEquals(status, GeminiBatchMapping.status(state, true).wireName());
    }

    @Test
    void an_unknown_state_is_an_upstream_error_not_a_guess() {
        GatewayError error = assertThrows(GatewayError.class,
                () -> GeminiBatchMapping.status("BATCH_STATE_PAUSED", false));
        assertEquals(502, error.status());
        assertTrue(error.getMessage().contains("BATCH_STATE_PAUSED"), error.getMessage());
    }

    @Test
    void counts_come_from_int64_strings_and_a_missing_one_is_zero() {
        assertEquals(new RequestCounts(9, 7, 2), GeminiBatchMapping.counts(json(
                "{\"requestCount\":\"9\",\"successfulRequestCount\":\"7\",\"failedRequestCount\":\"2\","
                        + "\"pendingRequestCount\":\"0\"}")));
        assertEquals(new RequestCounts(3, 0, 0), GeminiBatchMapping.counts(json(
                "{\"requestCount\":\"3\",\"pendingRequestCount\":\"3\"}")));
        assertEquals(new RequestCounts(0, 0, 0), GeminiBatchMapping.counts(json("{}")));
        assertEquals(new RequestCounts(5, 5, 0), GeminiBatchMapping.counts(json(
                "{\"requestCount\":5,\"successfulRequestCount\":5}")), "numbers read as well as strings");
    }

    @Test
    void a_succeeded_operation_is_a_completed_batch_with_self_routing_ids() {
        Batch batch = GeminiBatchMapping.batch(json("""
                {"name":"batches/b1",
                 "metadata":{"@type":"type.googleapis.com/google.ai.generativelanguage.v1main.GenerateContentBatch",
                   "name":"batches/b1","model":"models/gemini-2.5-flash","displayName":"job-1",
                   "inputConfig":{"fileName":"files/abc123"},
                   "output":{"responsesFile":"files/batch-b1"},
                   "createTime":"2026-11-23T10:00:00Z","updateTime":"2026-11-23T10:05:31Z",
                   "endTime":"2026-11-23T10:05:30.123456Z",
                   "batchStats":{"requestCount":"9","successfulRequestCount":"8","failedRequestCount":"1"},
                   "state":"BATCH_STATE_SUCCEEDED"},
                 "done":true,
                 "response":{"responsesFile":"files/batch-b1"}}"""), null);

        assertEquals(CaravanIds.wrap(CaravanIds.Kind.BATCH, Provider.GEMINI, "batches/b1"), batch.id());
        assertTrue(batch.id().startsWith("batch-gemini-"), batch.id());
        assertEquals(BatchStatus.COMPLETED, batch.status());
        assertEquals("gemini-2.5-flash", batch.model());
        assertEquals("/v1/chat/completions", batch.endpoint());
        assertEquals("24h", batch.completionWindow());
        assertEquals(CaravanIds.wrap(CaravanIds.Kind.FILE, Provider.GEMINI, "files/abc123"), batch.inputFileId());
        assertEquals(CaravanIds.wrap(CaravanIds.Kind.FILE, Provider.GEMINI, "batches/b1/output"),
                batch.outputFileId());
        assertEquals(CaravanIds.wrap(CaravanIds.Kind.FILE, Provider.GEMINI, "batches/b1/errors"),
                batch.errorFileId());
        assertEquals(new RequestCounts(9, 8, 1), batch.requestCounts());
        assertEquals(CREATED, batch.createdAt());
        assertEquals(ENDED, batch.completedAt());
        assertEquals(CREATED + 48 * 3600, batch.expiresAt());
        assertNull(batch.failedAt());
        assertNull(batch.cancelledAt());
        assertEquals(Map.of("job_name", "job-1"), batch.metadata());
        assertNull(batch.errors());
    }

    @Test
    void the_responses_file_is_read_from_the_response_when_the_metadata_has_no_output() {
        Batch batch = GeminiBatchMapping.batch(json("""
                {"name":"batches/b2","metadata":{"name":"batches/b2","model":"models/gemini-2.5-flash",
                   "createTime":"2026-11-23T10:00:00Z","endTime":"2026-11-23T10:05:30Z",
                   "batchStats":{"requestCount":"2","successfulRequestCount":"2"},"state":"JOB_STATE_SUCCEEDED"},
                 "done":true,"response":{"responsesFile":"files/batch-b2"}}"""), null);

        assertEquals(BatchStatus.COMPLETED, batch.status());
        assertEquals(CaravanIds.wrap(CaravanIds.Kind.FILE, Provider.GEMINI, "batches/b2/output"),
                batch.outputFileId());
        assertNull(batch.errorFileId(), "nothing failed: no error file");
        assertEquals("files/batch-b2", GeminiBatchMapping.responsesFile(json(
                "{\"metadata\":{},\"response\":{\"responsesFile\":\"files/batch-b2\"}}")));
        assertEquals("files/batch-b3", GeminiBatchMapping.responsesFile(json(
                "{\"metadata\":{\"output\":{\"responsesFile\":\"files/batch-b3\"}}}")));
    }

    @Test
    void a_running_batch_has_no_result_files_and_no_end_times() {
        Batch batch = GeminiBatchMapping.batch(json("""
                {"name":"batches/b3","metadata":{"name":"batches/b3","model":"models/gemini-2.5-flash",
                   "displayName":"caravan-batch-1","inputConfig":{"fileName":"files/in1"},
                   "createTime":"2026-11-23T10:00:00Z","updateTime":"2026-11-23T10:01:00Z",
                   "batchStats":{"requestCount":"4","successfulRequestCount":"1","pendingRequestCount":"3"},
                   "state":"BATCH_STATE_RUNNING"}}"""), null);

        assertEquals(BatchStatus.IN_PROGRESS, batch.status());
        assertNull(batch.outputFileId());
        assertNull(batch.errorFileId());
        assertNull(batch.completedAt());
        assertEquals(new RequestCounts(4, 1, 0), batch.requestCounts());
    }

    @Test
    void a_cancel_just_accepted_shows_cancelling_since_then() {
        Batch batch = GeminiBatchMapping.batch(json("""
                {"name":"batches/b4","metadata":{"name":"batches/b4","createTime":"2026-11-23T10:00:00Z",
                   "state":"BATCH_STATE_RUNNING"}}"""), 1_800_000_000L);

        assertEquals(BatchStatus.CANCELLING, batch.status());
        assertEquals(1_800_000_000L, batch.cancellingAt());
        assertNull(batch.metadata(), "no display name, no metadata");
    }

    @Test
    void a_cancelled_batch_ends_at_its_end_time() {
        Batch batch = GeminiBatchMapping.batch(json("""
                {"name":"batches/b5","metadata":{"name":"batches/b5","createTime":"2026-11-23T10:00:00Z",
                   "endTime":"2026-11-23T10:05:30Z","state":"BATCH_STATE_CANCELLED"},
                 "done":true,"error":{"code":1,"message":"cancelled"}}"""), null);

        assertEquals(BatchStatus.CANCELLED, batch.status());
        assertEquals(OffsetDateTime.parse("2026-11-23T10:05:30Z").toEpochSecond(), batch.cancelledAt());
        assertNull(batch.errors(), "a cancel is not a failure");
    }

    @Test
    void a_failed_batch_carries_its_operation_error() {
        Batch batch = GeminiBatchMapping.batch(json("""
                {"name":"batches/b6","metadata":{"name":"batches/b6","createTime":"2026-11-23T10:00:00Z",
                   "endTime":"2026-11-23T10:00:05Z","state":"BATCH_STATE_FAILED"},
                 "done":true,"error":{"code":3,"message":"The input file is invalid.","status":"INVALID_ARGUMENT"}}"""),
                null);

        assertEquals(BatchStatus.FAILED, batch.status());
        assertEquals(OffsetDateTime.parse("2026-11-23T10:00:05Z").toEpochSecond(), batch.failedAt());
        assertEquals(1, batch.errors().size());
        assertEquals("INVALID_ARGUMENT", batch.errors().get(0).code());
        assertEquals("The input file is invalid.", batch.errors().get(0).message());
    }

    @Test
    void an_operation_without_a_batch_name_is_an_upstream_error() {
        GatewayError error = assertThrows(GatewayError.class, () -> GeminiBatchMapping.batch(json(
                "{\"name\":\"operations/x\",\"metadata\":{\"createTime\":\"2026-11-23T10:00:00Z\"}}"), null));
        assertEquals(502, error.status());
    }

    private static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
