package dev.caravan.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.anthropic.client.AnthropicClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.errors.BadRequestException;
import com.anthropic.errors.NotFoundException;
import com.anthropic.errors.UnauthorizedException;
import com.anthropic.models.ErrorType;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.batches.BatchCreateParams;
import com.anthropic.models.messages.batches.BatchListPage;
import com.anthropic.models.messages.batches.BatchListParams;
import com.anthropic.models.messages.batches.DeletedMessageBatch;
import com.anthropic.models.messages.batches.MessageBatch;
import com.anthropic.models.messages.batches.MessageBatchIndividualResponse;
import com.anthropic.models.messages.batches.MessageBatchRequestCounts;
import com.anthropic.models.messages.batches.MessageBatchResult;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What a user of the official Anthropic Java SDK may rely on from the Message Batches API (provider-apis.md §3),
 * written only against {@link AnthropicClient}. Subclasses point the client at an implementation: the emulator
 * directly, or the gateway in front of it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class AnthropicBatchesContract {

    protected static final String MODEL = "claude-haiku-4-5";
    private static final String NO_SUCH_BATCH = "msgbatch_01AbCdEfGhJkLmNpQrStUvWx";

    protected abstract AnthropicClient client();

    /** How long a small batch may take to end. */
    protected Duration patience() {
        return Duration.ofSeconds(30);
    }

    /**
     * The text a succeeded result answers {@code prompt} with, when the implementation is known to be deterministic:
     * the sandbox's "Sandbox reply to: &lt;prompt&gt;". Empty where any text will do (a real model).
     */
    protected Optional<String> expectedReply(String prompt) {
        return Optional.of("Sandbox reply to: " + prompt);
    }

    // ---- lifecycle --------------------------------------------------------------------------------------------

    @Test
    void aBatchRunsToTheEndAndAnswersEveryRequest() {
        Map<String, String> prompts = new LinkedHashMap<>();
        prompts.put("first-request", "What is the capital of France?");
        prompts.put("second_request", "Name three primes.");
        prompts.put("third-3", "Say hello.");

        MessageBatch created = create(prompts.entrySet().stream()
                .map(entry -> request(entry.getKey(), entry.getValue(), 64)).toList());

        assertTrue(created.id().startsWith("msgbatch_"), created.id());
        assertEquals(MessageBatch.ProcessingStatus.IN_PROGRESS, created.processingStatus());
        assertEquals(counts(3, 0, 0, 0, 0), created.requestCounts(), "every request is processing at first");
        assertEquals(created.createdAt().plusHours(24), created.expiresAt(), "a batch expires 24 h after creation");
        assertTrue(created.endedAt().isEmpty());
        assertTrue(created.cancelInitiatedAt().isEmpty());
        assertTrue(created.archivedAt().isEmpty());
        assertTrue(created.resultsUrl().isEmpty(), "no results_url before the batch has ended");

        MessageBatch ended = awaitEnded(created.id());

        assertEquals(counts(0, 3, 0, 0, 0), ended.requestCounts());
        assertEquals(created.createdAt(), ended.createdAt());
        OffsetDateTime endedAt = ended.endedAt().orElseThrow();
        assertFalse(endedAt.isBefore(ended.createdAt()), "ended_at " + endedAt + " after created_at");
        assertTrue(ended.cancelInitiatedAt().isEmpty());
        String resultsUrl = ended.resultsUrl().orElseThrow();
        assertTrue(resultsUrl.startsWith("http") && resultsUrl.endsWith("/v1/messages/batches/" + created.id()
                + "/results"), "an absolute results_url: " + resultsUrl);

        Map<String, MessageBatchIndividualResponse> results = resultsById(created.id());
        assertEquals(prompts.keySet(), results.keySet(), "one result per custom_id");
        prompts.forEach((customId, prompt) -> {
            MessageBatchResult result = results.get(customId).result();
            assertTrue(result.isSucceeded(), () -> customId + ": " + result);
            Message message = result.asSucceeded().message();
            assertTrue(message.id().startsWith("msg_"), message.id());
            assertFalse(message.model().asString().isEmpty());
            assertEquals(Optional.of(StopReason.END_TURN), message.stopReason());
            String text = text(message);
            expectedReply(prompt).ifPresentOrElse(expected -> assertEquals(expected, text),
                    () -> assertFalse(text.isBlank()));
            assertTrue(message.usage().inputTokens() > 0, "input tokens counted");
            assertTrue(message.usage().outputTokens() > 0, "output tokens counted");
        });
    }

    @Test
    void maxTokensCutsAReplyShort() {
        MessageBatch created = create(List.of(request("short", "Please write a very long essay about the sea.", 2)));

        MessageBatch ended = awaitEnded(created.id());

        assertEquals(counts(0, 1, 0, 0, 0), ended.requestCounts());
        Message message = results(created.id()).get(0).result().asSucceeded().message();
        assertEquals(Optional.of(StopReason.MAX_TOKENS), message.stopReason());
        assertTrue(message.usage().outputTokens() <= 2, "at most max_tokens: " + message.usage().outputTokens());
    }

    @Test
    void aRequestTheModelCannotRunIsErroredAndTheOthersStillSucceed() {
        BatchCreateParams.Request unknownModel = BatchCreateParams.Request.builder()
                .customId("no-such-model")
                .params(BatchCreateParams.Request.Params.builder()
                        .model("claude-no-such-model-1")
                        .maxTokens(16)
                        .addUserMessage("Hello?")
                        .build())
                .build();
        MessageBatch created = create(List.of(request("fine-1", "one", 16), unknownModel,
                request("fine-2", "two", 16)));

        MessageBatch ended = awaitEnded(created.id());

        assertEquals(counts(0, 2, 1, 0, 0), ended.requestCounts());
        Map<String, MessageBatchIndividualResponse> results = resultsById(created.id());
        assertTrue(results.get("fine-1").result().isSucceeded());
        assertTrue(results.get("fine-2").result().isSucceeded());
        MessageBatchResult errored = results.get("no-such-model").result();
        assertTrue(errored.isErrored(), errored::toString);
        var error = errored.asErrored().error().error();
        assertTrue(error.isNotFoundError() || error.isInvalidRequestError(), error::toString);
        assertFalse(error.message().isBlank());
    }

    @Test
    void cancelStopsARunningBatch() {
        int total = 2_000;
        List<BatchCreateParams.Request> requests = IntStream.range(0, total)
                .mapToObj(i -> request("c-" + i, "request number " + i, 16)).toList();
        MessageBatch created = create(requests);

        MessageBatch canceling = client().messages().batches().cancel(created.id());

        assertEquals(created.id(), canceling.id());
        assertEquals(MessageBatch.ProcessingStatus.CANCELING, canceling.processingStatus());
        assertTrue(canceling.cancelInitiatedAt().isPresent());
        assertTrue(canceling.resultsUrl().isEmpty(), "no results while canceling");
        assertEquals(counts(total, 0, 0, 0, 0), canceling.requestCounts(), "counts stay 0 until the end");

        MessageBatch ended = awaitEnded(created.id());
        MessageBatchRequestCounts counts = ended.requestCounts();
        assertEquals(0, counts.processing());
        assertEquals(total, counts.succeeded() + counts.errored() + counts.canceled() + counts.expired(),
                () -> "every request accounted for: " + counts);
        assertTrue(counts.canceled() > 0, () -> "a batch canceled at once has canceled requests: " + counts);
        assertEquals(canceling.cancelInitiatedAt(), ended.cancelInitiatedAt());

        List<MessageBatchIndividualResponse> results = results(created.id());
        Map<String, Integer> seen = new HashMap<>();
        results.forEach(result -> seen.merge(result.customId(), 1, Integer::sum));
        assertEquals(total, seen.size(), "every request is reported");
        assertTrue(seen.values().stream().allMatch(n -> n == 1), "and only once");
        assertEquals(counts.canceled(), results.stream().filter(r -> r.result().isCanceled()).count());
        assertEquals(counts.succeeded(), results.stream().filter(r -> r.result().isSucceeded()).count());
    }

    // ---- list -------------------------------------------------------------------------------------------------

    @Test
    void listPagesThroughEveryBatchNewestFirst() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 26; i++) {
            created.add(create(List.of(request("list-" + i, "list " + i, 8))).id());
        }
        List<String> newestFirst = new ArrayList<>(created);
        Collections.reverse(newestFirst);

        BatchListPage first = client().messages().batches().list(BatchListParams.builder().limit(10).build());
        assertEquals(10, first.data().size(), "a page holds `limit` batches");
        assertTrue(first.hasMore().orElseThrow());
        assertEquals(first.data().get(0).id(), first.firstId().orElseThrow());
        assertEquals(first.data().get(9).id(), first.lastId().orElseThrow());

        List<MessageBatch> listed = new ArrayList<>();
        Set<String> pending = new HashSet<>(created);
        for (MessageBatch batch : first.autoPager()) {
            listed.add(batch);
            pending.remove(batch.id());
            if (pending.isEmpty()) {
                break;
            }
        }
        assertTrue(pending.isEmpty(), "every batch listed: missing " + pending);
        List<String> ids = listed.stream().map(MessageBatch::id).toList();
        assertEquals(ids.size(), new HashSet<>(ids).size(), "no batch listed twice");
        assertEquals(newestFirst, ids.stream().filter(created::contains).toList(), "newest first");
        for (int i = 1; i < listed.size(); i++) {
            assertFalse(listed.get(i).createdAt().isAfter(listed.get(i - 1).createdAt()), "newest first");
        }

        BatchListPage before = client().messages().batches().list(BatchListParams.builder()
                .beforeId(newestFirst.get(15)).limit(5).build());
        assertEquals(newestFirst.subList(10, 15), before.data().stream().map(MessageBatch::id).toList(),
                "before_id: the batches just newer than the cursor, newest first");
        assertTrue(before.hasMore().orElseThrow(), "newer batches remain");
        BatchListPage after = client().messages().batches().list(BatchListParams.builder()
                .afterId(newestFirst.get(5)).limit(3).build());
        assertEquals(newestFirst.subList(6, 9), after.data().stream().map(MessageBatch::id).toList(),
                "after_id: the batches just older than the cursor");
    }

    // ---- delete -----------------------------------------------------------------------------------------------

    @Test
    void deleteRemovesAnEndedBatch() {
        MessageBatch created = create(List.of(request("doomed", "delete me", 8)));
        awaitEnded(created.id());

        DeletedMessageBatch deleted = client().messages().batches().delete(created.id());

        assertEquals(created.id(), deleted.id());
        assertEquals(404, assertThrows(NotFoundException.class,
                () -> client().messages().batches().retrieve(created.id())).statusCode());
        assertThrows(NotFoundException.class, () -> client().messages().batches().delete(created.id()));
        assertThrows(NotFoundException.class, () -> client().messages().batches().resultsStreaming(created.id()));
    }

    @Test
    void deleteIsRefusedUntilTheBatchHasEnded() {
        MessageBatch created = create(IntStream.range(0, 500).mapToObj(i -> request("keep-" + i, "keep " + i, 8))
                .toList());

        AnthropicServiceException refused = assertThrows(AnthropicServiceException.class,
                () -> client().messages().batches().delete(created.id()));

        assertTrue(refused.statusCode() >= 400 && refused.statusCode() < 500, "a client error: "
                + refused.statusCode());
        assertEquals(created.id(), client().messages().batches().retrieve(created.id()).id(), "still there");
        client().messages().batches().cancel(created.id());
        awaitEnded(created.id());
        assertEquals(created.id(), client().messages().batches().delete(created.id()).id(), "deletable once ended");
    }

    // ---- errors -----------------------------------------------------------------------------------------------

    @Test
    void aMalformedCustomIdIsABadRequest() {
        for (String customId : List.of("has space", "slash/no", "x".repeat(65), "")) {
            BadRequestException refused = assertThrows(BadRequestException.class,
                    () -> create(List.of(request(customId, "hi", 8))), customId);
            assertEquals(Optional.of(ErrorType.INVALID_REQUEST_ERROR), refused.errorType(), customId);
        }
        assertEquals(MessageBatch.ProcessingStatus.IN_PROGRESS,
                create(List.of(request("A-z_0-9".repeat(10).substring(0, 64), "hi", 8))).processingStatus(),
                "64 characters of letters, digits, _ and - are fine");
    }

    @Test
    void anEmptyBatchIsABadRequest() {
        BadRequestException refused = assertThrows(BadRequestException.class, () -> create(List.of()));
        assertEquals(Optional.of(ErrorType.INVALID_REQUEST_ERROR), refused.errorType());
    }

    @Test
    void aDuplicateCustomIdIsABadRequest() {
        BadRequestException refused = assertThrows(BadRequestException.class,
                () -> create(List.of(request("twice", "one", 8), request("once", "two", 8),
                        request("twice", "three", 8))));
        assertEquals(Optional.of(ErrorType.INVALID_REQUEST_ERROR), refused.errorType());
    }

    @Test
    void unknownBatchIdsAreNotFound() {
        var batches = client().messages().batches();
        NotFoundException retrieve = assertThrows(NotFoundException.class, () -> batches.retrieve(NO_SUCH_BATCH));
        assertEquals(404, retrieve.statusCode());
        assertEquals(Optional.of(ErrorType.NOT_FOUND_ERROR), retrieve.errorType());
        assertThrows(NotFoundException.class, () -> batches.cancel(NO_SUCH_BATCH));
        assertThrows(NotFoundException.class, () -> batches.delete(NO_SUCH_BATCH));
        assertThrows(NotFoundException.class, () -> batches.resultsStreaming(NO_SUCH_BATCH));
    }

    @Test
    void aWrongApiKeyIsUnauthorized() {
        AnthropicClient intruder = client().withOptions(options -> options.replaceHeaders("x-api-key",
                "sk-ant-wrong-key-0123456789"));

        UnauthorizedException refused = assertThrows(UnauthorizedException.class,
                () -> intruder.messages().batches().list());

        assertEquals(401, refused.statusCode());
        assertEquals(Optional.of(ErrorType.AUTHENTICATION_ERROR), refused.errorType());
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    protected static BatchCreateParams.Request request(String customId, String prompt, long maxTokens) {
        return BatchCreateParams.Request.builder()
                .customId(customId)
                .params(BatchCreateParams.Request.Params.builder()
                        .model(MODEL)
                        .maxTokens(maxTokens)
                        .addUserMessage(prompt)
                        .build())
                .build();
    }

    protected MessageBatch create(List<BatchCreateParams.Request> requests) {
        return client().messages().batches().create(BatchCreateParams.builder().requests(requests).build())
                .validate();
    }

    protected MessageBatch awaitEnded(String batchId) {
        long deadline = System.nanoTime() + patience().toNanos();
        while (true) {
            MessageBatch batch = client().messages().batches().retrieve(batchId).validate();
            if (batch.processingStatus().equals(MessageBatch.ProcessingStatus.ENDED)) {
                return batch;
            }
            if (System.nanoTime() > deadline) {
                fail("batch " + batchId + " still " + batch.processingStatus() + " after " + patience());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
    }

    /** Every result line, each checked against the SDK's model of it. */
    protected List<MessageBatchIndividualResponse> results(String batchId) {
        try (StreamResponse<MessageBatchIndividualResponse> stream =
                     client().messages().batches().resultsStreaming(batchId)) {
            return stream.stream().map(MessageBatchIndividualResponse::validate).toList();
        }
    }

    protected Map<String, MessageBatchIndividualResponse> resultsById(String batchId) {
        List<MessageBatchIndividualResponse> results = results(batchId);
        Map<String, MessageBatchIndividualResponse> byId = results.stream().collect(Collectors.toMap(
                MessageBatchIndividualResponse::customId, result -> result, (a, b) -> {
                    throw new AssertionError("custom_id " + a.customId() + " reported twice");
                }));
        assertEquals(results.size(), byId.size());
        return byId;
    }

    protected static MessageBatchRequestCounts counts(long processing, long succeeded, long errored, long canceled,
            long expired) {
        return MessageBatchRequestCounts.builder().processing(processing).succeeded(succeeded).errored(errored)
                .canceled(canceled).expired(expired).build();
    }

    protected static String text(Message message) {
        return message.content().stream().filter(ContentBlock::isText).map(block -> block.asText().text())
                .collect(Collectors.joining());
    }
}
