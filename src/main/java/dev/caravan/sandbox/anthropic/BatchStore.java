package dev.caravan.sandbox.anthropic;

import io.vertx.core.WorkerExecutor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The batches: creates them, drives their lifecycles on the clock, lists, cancels and deletes them, and runs the slow
 * work (writing results, removing files) on worker threads.
 *
 * <p>One lock for everything: every operation here is a few in-memory steps; file work runs outside it.
 */
final class BatchStore {

    private static final Logger LOG = LoggerFactory.getLogger(BatchStore.class);

    private final Map<String, BatchRun> runs = new HashMap<>();
    /**
     * The list position of every batch ever created, deleted ones included: a client paging with a deleted batch's
     * id as cursor still gets the batches around it.
     */
    private final Map<String, SortKey> positions = new HashMap<>();
    private final Path dir;
    private final Clock clock;
    private final long processingMillis;
    private final WorkerExecutor worker;
    private long sequence;

    BatchStore(Path dir, Clock clock, long processingMillis, WorkerExecutor worker) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.clock = clock;
        this.processingMillis = processingMillis;
        this.worker = worker;
    }

    /** A file name for a create body's parsed requests, before the batch has an id. */
    Path newRequestsFile() throws IOException {
        return Files.createTempFile(dir, "requests-", ".jsonl");
    }

    /** A batch of the {@code total} requests checked into {@code requestsFile}, which it takes over. */
    synchronized BatchView create(int total, Path requestsFile) throws IOException {
        String id;
        do {
            id = Ids.batch();
        } while (positions.containsKey(id));
        Path requests = Files.move(requestsFile, dir.resolve(id + ".requests.jsonl"));
        long now = clock.millis();
        BatchSpec spec = new BatchSpec(id, now, now + BatchLimits.EXPIRY.toMillis(), total, ++sequence, requests,
                dir.resolve(id + ".results.jsonl"));
        BatchRun run = new BatchRun(spec, processingMillis);
        runs.put(id, run);
        positions.put(id, spec.sortKey());
        LOG.info("Anthropic batch {} created with {} requests", id, total);
        step(run, now);
        return run.view(now);
    }

    synchronized BatchView get(String id) {
        long now = clock.millis();
        BatchRun run = find(id);
        step(run, now);
        return run.view(now);
    }

    /**
     * Newest first. {@code after_id} gives the {@code limit} batches right after the cursor in that order (older
     * ones), {@code before_id} the {@code limit} right before it (newer ones, still newest first), so that paging
     * with {@code after_id=last_id} or {@code before_id=first_id} sees every batch once.
     *
     * <p>UNCONFIRMED: a cursor that names no batch this emulator ever created is refused with 400
     * {@code invalid_request_error}. The reference does not say; an empty page would hide a client that passes a
     * wrong cursor, and a deleted batch's id still works as a cursor, so paging while batches are deleted never hits
     * it.
     */
    synchronized ListPage list(ListQuery query) {
        long now = clock.millis();
        SortKey cursor = null;
        String cursorId = query.afterId() != null ? query.afterId() : query.beforeId();
        if (cursorId != null) {
            cursor = positions.get(cursorId);
            if (cursor == null) {
                throw ApiError.invalid((query.afterId() != null ? "after_id" : "before_id") + ": no message batch "
                        + cursorId);
            }
        }
        SortKey at = cursor;
        List<BatchRun> newestFirst = new ArrayList<>(runs.values().stream()
                .filter(run -> at == null || (query.afterId() != null
                        ? run.spec().sortKey().compareTo(at) < 0 : run.spec().sortKey().compareTo(at) > 0))
                .sorted(Comparator.comparing((BatchRun run) -> run.spec().sortKey()).reversed())
                .toList());
        boolean hasMore = newestFirst.size() > query.limit();
        List<BatchRun> page = query.beforeId() != null
                ? newestFirst.subList(Math.max(0, newestFirst.size() - query.limit()), newestFirst.size())
                : newestFirst.subList(0, Math.min(query.limit(), newestFirst.size()));
        List<BatchView> views = new ArrayList<>(page.size());
        for (BatchRun run : page) {
            step(run, now);
            views.add(run.view(now));
        }
        return new ListPage(views, hasMore);
    }

    synchronized BatchView cancel(String id) {
        long now = clock.millis();
        BatchRun run = find(id);
        step(run, now);
        ProcessingStatus before = run.status();
        dispatch(run, run.cancel(now));
        if (before != ProcessingStatus.CANCELING) {
            LOG.info("Anthropic batch {} canceling", id);
        }
        logEnd(run, before);
        return run.view(now);
    }

    /**
     * UNCONFIRMED (provider-apis.md §3.5): deleting a batch that has not ended is refused with 400
     * {@code invalid_request_error}, the reference's likeliest guess; the API documents only that a batch must end
     * (be canceled first) before it can be deleted.
     */
    synchronized String delete(String id) {
        long now = clock.millis();
        BatchRun run = find(id);
        step(run, now);
        if (run.status() != ProcessingStatus.ENDED) {
            throw ApiError.invalid("Message batch " + id + " cannot be deleted while its processing_status is "
                    + run.status().wireName() + ": cancel it and wait until it has ended.");
        }
        runs.remove(id);
        removeFiles(run.spec());
        LOG.info("Anthropic batch {} deleted", id);
        return id;
    }

    /**
     * The results file of an ended batch.
     *
     * <p>UNCONFIRMED (provider-apis.md §3.5): results asked for before the batch has ended are refused with 400
     * {@code invalid_request_error}, the reference's likeliest guess. Once archived (29 days after creation) they are
     * gone: 404 {@code not_found_error}, as for anything else that is no longer there.
     */
    synchronized Path results(String id) {
        long now = clock.millis();
        BatchRun run = find(id);
        step(run, now);
        if (run.status() != ProcessingStatus.ENDED) {
            throw ApiError.invalid("Message batch " + id + " has not ended yet (processing_status "
                    + run.status().wireName() + "): its results can be retrieved once it has ended.");
        }
        if (run.archived(now)) {
            throw ApiError.notFound("The results of message batch " + id + " are no longer available: they were "
                    + "archived at " + Timestamps.format(run.spec().archivesAt()) + ".");
        }
        if (run.writeFailure() != null) {
            throw new ApiError(ErrorType.API, "The results of message batch " + id + " could not be written.");
        }
        return run.spec().results();
    }

    /** Periodic: keeps unobserved batches on schedule (and so their results written) and drops archived results. */
    synchronized void tick() {
        long now = clock.millis();
        for (BatchRun run : runs.values()) {
            if (run.status() != ProcessingStatus.ENDED) {
                step(run, now);
            } else if (run.archived(now) && !run.purged()) {
                run.purge();
                removeFiles(run.spec());
            }
        }
    }

    private BatchRun find(String id) {
        BatchRun run = runs.get(id);
        if (run == null) {
            throw ApiError.batchNotFound(id);
        }
        return run;
    }

    /** Applies the transitions due by {@code now} and starts the write they call for. */
    private void step(BatchRun run, long now) {
        ProcessingStatus before = run.status();
        dispatch(run, run.advance(now));
        logEnd(run, before);
    }

    private static void logEnd(BatchRun run, ProcessingStatus before) {
        if (before != ProcessingStatus.ENDED && run.status() == ProcessingStatus.ENDED) {
            LOG.info("Anthropic batch {} ended: {}", run.spec().id(), run.counts());
        }
    }

    private void dispatch(BatchRun run, Optional<WriteOrder> order) {
        if (order.isEmpty()) {
            return;
        }
        BatchSpec spec = run.spec();
        worker.<Tally>executeBlocking(() -> {
            try {
                return ResultWriter.write(spec.id(), spec.requests(), spec.results(), order.get());
            } finally {
                // the results hold everything the requests file was kept for
                Files.deleteIfExists(spec.requests());
            }
        }, false).onComplete(result -> {
            synchronized (this) {
                long now = clock.millis();
                if (result.succeeded()) {
                    run.written(result.result(), now);
                } else {
                    LOG.error("Anthropic batch {}: the results could not be written", spec.id(), result.cause());
                    run.writeFailed(String.valueOf(result.cause().getMessage()), now);
                }
                step(run, now);
            }
        });
    }

    private void removeFiles(BatchSpec spec) {
        worker.executeBlocking(() -> {
            Files.deleteIfExists(spec.requests());
            Files.deleteIfExists(spec.results());
            return null;
        }, false).onFailure(failure -> LOG.debug("Anthropic batch {}: files not removed: {}", spec.id(),
                failure.toString()));
    }
}
