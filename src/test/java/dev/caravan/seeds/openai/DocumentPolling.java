package dev.caravan.seeds.openai;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.openai.client.OpenAIClient;
import com.openai.models.batches.Batch;
import com.openai.models.batches.BatchRetrieveParams;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The documents' "Poll for completion" loop, as written:
 * <pre>
 * for i in range(10):
 *     batch = client.batches.retrieve(batch.id, extra_query={"provider": provider})
 *     if batch.status in [...]: break
 *     if batch.request_counts: print(f"Completed: {completed}/{total}")
 *     time.sleep(5)
 * </pre>
 * Ten polls at most; the documents' 5 s pause becomes {@link #PAUSE}, as the sandbox's phases last 300 ms instead of
 * a real provider's minutes. Every poll is kept, so a test can check what the loop printed.
 */
final class DocumentPolling {

    static final int POLLS = 10;
    static final Duration PAUSE = Duration.ofMillis(200);
    /** The break condition of the OpenAI, Bedrock and Gemini workflows. */
    static final Set<String> FINAL = Set.of("completed", "failed", "expired", "cancelled");
    /** The Anthropic workflow's break condition, which also names Anthropic's own "ended". */
    static final Set<String> FINAL_OR_ENDED = Set.of("completed", "failed", "expired", "cancelled", "ended");

    /** The batches the loop retrieved, in order; the last one is what the document's final print shows. */
    record Polls(List<Batch> batches) {

        Batch last() {
            return batches.get(batches.size() - 1);
        }

        List<String> statuses() {
            return batches.stream().map(b -> b.status().asString()).toList();
        }
    }

    private DocumentPolling() {
    }

    static Polls poll(OpenAIClient client, String batchId, String provider, Set<String> finalStatuses) {
        List<Batch> polls = new ArrayList<>();
        for (int i = 0; i < POLLS; i++) {
            Batch batch = client.batches().retrieve(BatchRetrieveParams.builder().batchId(batchId)
                    .putAdditionalQueryParam("provider", provider).build());
            polls.add(batch);
            if (finalStatuses.contains(batch.status().asString())) {
                break;
            }
            // what "Completed: {completed}/{total}" prints must make sense while the batch runs
            batch.requestCounts().ifPresent(counts -> assertTrue(counts.completed() + counts.failed()
                    <= counts.total(), "poll " + polls.size() + ": " + counts));
            pause();
        }
        return new Polls(List.copyOf(polls));
    }

    private static void pause() {
        try {
            Thread.sleep(PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted");
        }
    }
}
