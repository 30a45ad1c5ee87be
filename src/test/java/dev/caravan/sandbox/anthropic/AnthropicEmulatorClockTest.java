package dev.caravan.sandbox.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.NotFoundException;
import com.anthropic.models.messages.batches.BatchCreateParams;
import com.anthropic.models.messages.batches.MessageBatch;
import com.anthropic.models.messages.batches.MessageBatchIndividualResponse;
import com.anthropic.models.messages.batches.MessageBatchRequestCounts;
import com.anthropic.models.messages.batches.MessageBatchResult;
import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.sandbox.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lifecycle on an injected clock: 48 h of processing for four requests, so request i is done at 12 h × (i+1),
 * and the 24 h expiry and the 29-day archive can be reached without waiting.
 */
class AnthropicEmulatorClockTest {

    private static final String KEY = "sk-ant-emulator-clock-0123456789";
    private static final Instant START = Instant.parse("2026-11-23T10:00:00.123Z");

    @TempDir
    Path dataDir;

    private final MutableClock clock = new MutableClock(START);
    private AnthropicEmulator emulator;
    private AnthropicClient client;
    private RawApi api;

    @BeforeEach
    void start() {
        emulator = new AnthropicEmulator(AnthropicEmulatorSettings.defaults(dataDir, KEY)
                .withProcessingDuration(Duration.ofHours(48)).withClock(clock)).start("127.0.0.1", 0);
        client = AnthropicOkHttpClient.builder().baseUrl(emulator.baseUrl()).apiKey(KEY).maxRetries(0).build();
        api = new RawApi(emulator.baseUrl(), KEY);
    }

    @AfterEach
    void stop() {
        client.close();
        emulator.close();
    }

    @Test
    void timestampsAreRfc3339OnTheEmulatorsClock() {
        String id = create().id();

        JsonNode batch = RawApi.json(api.get("/v1/messages/batches/" + id));

        assertEquals("2026-11-23T10:00:00.123000Z", batch.get("created_at").asText());
        assertEquals("2026-11-24T10:00:00.123000Z", batch.get("expires_at").asText());
        for (String unset : List.of("ended_at", "cancel_initiated_at", "archived_at", "results_url")) {
            assertTrue(batch.get(unset).isNull(), unset + " is present and null: " + batch);
        }
    }

    @Test
    void countsStayProcessingUntilTheBatchEnds() {
        String id = create().id();
        clock.advance(Duration.ofHours(37)); // three of four requests are done by now

        MessageBatch batch = client.messages().batches().retrieve(id);

        assertEquals(MessageBatch.ProcessingStatus.IN_PROGRESS, batch.processingStatus());
        assertEquals(counts(4, 0, 0, 0, 0), batch.requestCounts());
    }

    @Test
    void whatIsNotProcessedWithin24HoursExpires() {
        String id = create().id();
        clock.advance(Duration.ofHours(25));

        MessageBatch ended = awaitEnded(id);

        assertEquals(counts(0, 2, 0, 0, 2), ended.requestCounts(), "requests done at 12 h and 24 h ran");
        assertFalse(ended.endedAt().orElseThrow().isBefore(ended.expiresAt()), "ended at or after expiry");
        assertFalse(ended.endedAt().orElseThrow().isAfter(OffsetDateTime.ofInstant(clock.instant(),
                ZoneOffset.UTC)), "not in the future");
        Map<String, String> types = resultTypes(id);
        assertEquals(Map.of("r-0", "succeeded", "r-1", "succeeded", "r-2", "expired", "r-3", "expired"), types);
    }

    @Test
    void aCancelLetsTheRequestInFlightFinish() {
        String id = create().id();
        clock.advance(Duration.ofHours(13)); // r-0 done at 12 h, r-1 in flight until 24 h

        MessageBatch canceling = client.messages().batches().cancel(id);
        clock.advance(Duration.ofHours(1));
        MessageBatch canceledAgain = client.messages().batches().cancel(id);
        clock.advance(Duration.ofHours(9));
        MessageBatch stillCanceling = client.messages().batches().retrieve(id);
        // to the very hour the request in flight is done: the clock then stands still while the results are
        // written, so the end time cannot depend on how fast the worker writes them
        clock.advance(Duration.ofHours(1));
        MessageBatch ended = awaitEnded(id);

        assertEquals(MessageBatch.ProcessingStatus.CANCELING, canceling.processingStatus());
        assertEquals(OffsetDateTime.ofInstant(START.plus(Duration.ofHours(13)), ZoneOffset.UTC),
                canceling.cancelInitiatedAt().orElseThrow());
        assertEquals(MessageBatch.ProcessingStatus.CANCELING, canceledAgain.processingStatus(),
                "a second cancel while canceling answers the batch as it is");
        assertEquals(canceling.cancelInitiatedAt(), canceledAgain.cancelInitiatedAt(), "the first cancel stands");
        assertEquals(MessageBatch.ProcessingStatus.CANCELING, stillCanceling.processingStatus(),
                "canceling until the request in flight is done");
        assertEquals(counts(0, 2, 0, 2, 0), ended.requestCounts());
        assertEquals(OffsetDateTime.ofInstant(START.plus(Duration.ofHours(24)), ZoneOffset.UTC),
                ended.endedAt().orElseThrow(), "ended when the request in flight was done");
        assertEquals(Map.of("r-0", "succeeded", "r-1", "succeeded", "r-2", "canceled", "r-3", "canceled"),
                resultTypes(id));
    }

    @Test
    void resultsAreArchived29DaysAfterCreation() {
        String id = create().id();
        clock.advance(Duration.ofHours(49));
        awaitEnded(id);
        assertEquals(4, resultTypes(id).size(), "results available before the archive");

        clock.advance(Duration.ofDays(28));
        MessageBatch archived = client.messages().batches().retrieve(id);

        assertEquals(OffsetDateTime.ofInstant(START.plus(Duration.ofDays(29)), ZoneOffset.UTC),
                archived.archivedAt().orElseThrow());
        assertEquals(MessageBatch.ProcessingStatus.ENDED, archived.processingStatus());
        NotFoundException gone = assertThrows(NotFoundException.class,
                () -> client.messages().batches().resultsStreaming(id));
        assertTrue(gone.getMessage().contains("archived"), gone.getMessage());
    }

    private MessageBatch create() {
        return client.messages().batches().create(BatchCreateParams.builder()
                .requests(IntStream.range(0, 4).mapToObj(i -> BatchCreateParams.Request.builder()
                        .customId("r-" + i)
                        .params(BatchCreateParams.Request.Params.builder()
                                .model("claude-haiku-4-5").maxTokens(16).addUserMessage("prompt " + i).build())
                        .build()).toList())
                .build());
    }

    private MessageBatch awaitEnded(String id) {
        return client.messages().batches().retrieve(
                api.awaitEnded(id, Duration.ofSeconds(30)).get("id").asText());
    }

    private Map<String, String> resultTypes(String id) {
        try (StreamResponse<MessageBatchIndividualResponse> results =
                     client.messages().batches().resultsStreaming(id)) {
            return results.stream().collect(Collectors.toMap(MessageBatchIndividualResponse::customId,
                    result -> type(result.validate().result())));
        }
    }

    private static String type(MessageBatchResult result) {
        return result.isSucceeded() ? "succeeded" : result.isErrored() ? "errored"
                : result.isCanceled() ? "canceled" : result.isExpired() ? "expired" : "unknown";
    }

    private static MessageBatchRequestCounts counts(long processing, long succeeded, long errored, long canceled,
            long expired) {
        return MessageBatchRequestCounts.builder().processing(processing).succeeded(succeeded).errored(errored)
                .canceled(canceled).expired(expired).build();
    }
}
