package dev.caravan.sandbox.openai;

import io.vertx.core.WorkerExecutor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The batches: creates them, drives their clocks, and runs their slow work (validation, result writing) on worker
 * threads so the event loop never waits on a 200 MB file.
 */
final class BatchStore {

    private static final Logger LOG = LoggerFactory.getLogger(BatchStore.class);

    private final ConcurrentMap<String, BatchRun> runs = new ConcurrentHashMap<>();
    /**
     * When each batch's clock is next due, earliest first. The periodic tick takes only what is due, instead of
     * advancing every batch ten times a second: with tens of thousands of batches (a load test's creates) that sweep
     * took most of the emulator's CPU and stalled its answers. An entry may be stale (the batch moved on since); the
     * tick then advances it for nothing and queues its new due time.
     */
    private final PriorityBlockingQueue<Wake> wakes = new PriorityBlockingQueue<>();
    private final AtomicLong sequence = new AtomicLong();
    private final Path workDir;
    private final BatchInputValidator validator;
    private final BatchResultWriter writer;
    private final WorkerExecutor worker;
    private final Clock clock;
    private final long phaseMillis;
    private final long windowMillis;

    BatchStore(Path workDir, BatchInputValidator validator, BatchResultWriter writer, WorkerExecutor worker,
            Clock clock, long phaseMillis, long windowMillis) throws IOException {
        this.workDir = Files.createDirectories(workDir);
        this.validator = validator;
        this.writer = writer;
        this.worker = worker;
        this.clock = clock;
        this.phaseMillis = phaseMillis;
        this.windowMillis = windowMillis;
    }

    /** Blocking: links the input file's bytes for the batch. Starts validation in the background. */
    BatchView create(BatchCreateRequest request, StoredFile input) throws IOException {
        String id = IdGenerator.batch();
        Path snapshot = snapshot(input.path(), workDir.resolve(id + ".jsonl"));
        long now = clock.millis();
        BatchSpec spec = new BatchSpec(id, request.endpoint(), input.id(), request.completionWindow(),
                request.metadata(), now, now + windowMillis, sequence.incrementAndGet(), snapshot,
                request.outputExpiresAfterSeconds());
        BatchRun run = new BatchRun(spec, phaseMillis);
        runs.put(id, run);
        wakeWhenDue(run);
        LOG.info("Batch {} created for {} ({} {} bytes)", id, spec.endpoint().path(), input.id(), input.bytes());
        worker.<ValidationReport>executeBlocking(() -> {
            ValidationReport report = validator.validate(snapshot, spec.endpoint());
            if (!report.ok()) {
                Files.deleteIfExists(snapshot);
            }
            return report;
        }, false).onComplete(result -> {
            ValidationReport report = result.succeeded() ? result.result()
                    : ValidationReport.failed(List.of(new BatchLineError("internal_error",
                            "Validation failed: " + result.cause(), null, null)));
            if (!report.ok()) {
                LOG.info("Batch {} failed validation: {}", id, report.errors().get(0).message());
            }
            dispatch(run, run.validated(report, clock.millis()));
        });
        return run.view(now);
    }

    /**
     * A hard link, not a copy: instant and free even for 200 MB, and the File object can be deleted while the batch
     * still reads its bytes. Copies only where the file system cannot link.
     */
    private static Path snapshot(Path source, Path target) throws IOException {
        try {
            return Files.createLink(target, source);
        } catch (UnsupportedOperationException | IOException e) {
            if (!Files.exists(source)) {
                throw e instanceof IOException io ? io : new IOException(e);
            }
            return Files.copy(source, target);
        }
    }

    Optional<BatchView> find(String id) {
        BatchRun run = runs.get(id);
        if (run == null) {
            return Optional.empty();
        }
        long now = clock.millis();
        dispatch(run, run.advance(now));
        return Optional.of(run.view(now));
    }

    /** Newest first. UNCONFIRMED in the reference; it matches the file list's default and Anthropic's batches. */
    CursorPage<BatchView> list(String after, int limit) {
        SortKey cursor = null;
        if (after != null) {
            BatchRun anchor = runs.get(after);
            if (anchor == null) {
                return CursorPage.empty(); // same choice as for files: an unknown cursor is past the end
            }
            cursor = anchor.spec().sortKey();
        }
        long now = clock.millis();
        CursorPage<BatchRun> page = CursorPage.slice(runs.values(), run -> run.spec().sortKey(), true, cursor, limit);
        return new CursorPage<>(page.data().stream().map(run -> {
            dispatch(run, run.advance(now));
            return run.view(now);
        }).toList(), page.hasMore());
    }

    BatchView cancel(String id) {
        BatchRun run = runs.get(id);
        if (run == null) {
            throw ApiError.batchNotFound(id);
        }
        long now = clock.millis();
        dispatch(run, run.advance(now));
        dispatch(run, run.cancel(now));
        LOG.info("Batch {} cancelling", id);
        return run.view(now);
    }

    /** Periodic: keeps unobserved batches on schedule (and so their files written) without anyone polling. */
    void tick() {
        long now = clock.millis();
        for (Wake wake; (wake = wakes.poll()) != null; ) {
            if (wake.at() > now) {
                wakes.add(wake);
                return;
            }
            wake.run().wakeTaken(wake.at());
            dispatch(wake.run(), wake.run().advance(now));
        }
    }

    /** Queues the batch's next due time, unless one at or before it is queued already. */
    private void wakeWhenDue(BatchRun run) {
        long due = run.nextDueMillis();
        if (due != Long.MAX_VALUE && run.wakeQueued(due)) {
            wakes.add(new Wake(due, run));
        }
    }

    private record Wake(long at, BatchRun run) implements Comparable<Wake> {

        @Override
        public int compareTo(Wake other) {
            return Long.compare(at, other.at);
        }
    }

    /** Acts on an advance: starts the write it ordered, and queues the batch's next due time. */
    private void dispatch(BatchRun run, Optional<WriteOrder> order) {
        wakeWhenDue(run);
        order.ifPresent(write -> worker.<WrittenFiles>executeBlocking(() -> {
            try {
                return writer.write(run.spec(), write);
            } finally {
                Files.deleteIfExists(run.spec().input());
            }
        }, false).onComplete(result -> {
            long now = clock.millis();
            if (result.succeeded()) {
                run.written(result.result(), now);
                LOG.info("Batch {} results written (output {}, errors {})", run.spec().id(),
                        result.result().outputFileId(), result.result().errorFileId());
            } else {
                LOG.error("Batch {} results could not be written", run.spec().id(), result.cause());
                run.writeFailed(String.valueOf(result.cause().getMessage()), now);
            }
            dispatch(run, run.advance(now));
        }));
    }
}
