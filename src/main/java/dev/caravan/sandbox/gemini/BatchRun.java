package dev.caravan.sandbox.gemini;

import java.nio.file.Path;

/**
 * One batch's lifecycle on the emulator's clock (provider-apis.md §5.4): BATCH_STATE_PENDING for one phase, then
 * RUNNING (its requests are processed then, on a worker) for another, then SUCCEEDED once the results are written.
 * Transitions happen at the times the schedule says, not when someone looks, so a batch observed late reports the
 * timestamps it would have had. A batch not ended 48 h after creation is EXPIRED then, with no results; a cancel
 * ends it CANCELLED at once, dropping whatever its processing produces.
 *
 * <p>Not thread-safe: {@link Batches} calls it under its own lock.
 */
final class BatchRun {

    static final long EXPIRY_MILLIS = 48L * 3600 * 1000;

    /** The processed results: where they are, and their size and hash for the generated file. */
    record Written(Tally tally, Path output, long size, String sha256) {
    }

    private final BatchSpec spec;
    private final long phaseMillis;
    private BatchState state = BatchState.PENDING;
    private long updateMillis;
    private Long endMillis;
    private boolean dispatched;
    private Written written;
    private long writtenAt;
    private String failure;
    /** The results file's name once it is published, for a file batch. */
    private String responsesFile;

    BatchRun(BatchSpec spec, long phaseMillis) {
        this.spec = spec;
        this.phaseMillis = phaseMillis;
        this.updateMillis = spec.createMillis();
    }

    BatchSpec spec() {
        return spec;
    }

    BatchState state() {
        return state;
    }

    long updateMillis() {
        return updateMillis;
    }

    Long endMillis() {
        return endMillis;
    }

    Written written() {
        return written;
    }

    String failure() {
        return failure;
    }

    String responsesFile() {
        return responsesFile;
    }

    void published(String fileName) {
        responsesFile = fileName;
    }

    /**
     * Applies every transition due by {@code now}.
     *
     * @return whether the requests are to be processed now (once per batch, when it starts running)
     */
    boolean advance(long now) {
        if (state.terminal()) {
            return false;
        }
        long expiresAt = spec.createMillis() + EXPIRY_MILLIS;
        long runsAt = spec.createMillis() + phaseMillis;
        long endsAt = runsAt + phaseMillis;
        boolean dispatch = false;
        if (state == BatchState.PENDING && now >= runsAt && runsAt < expiresAt) {
            state = BatchState.RUNNING;
            updateMillis = runsAt;
            if (!dispatched) {
                dispatched = true;
                dispatch = true;
            }
        }
        if (state == BatchState.RUNNING && (written != null || failure != null) && now >= endsAt
                && endsAt < expiresAt) {
            long end = Math.max(endsAt, writtenAt);
            state = failure != null ? BatchState.FAILED : BatchState.SUCCEEDED;
            end(end);
        } else if (now >= expiresAt) {
            state = BatchState.EXPIRED;
            end(expiresAt);
        }
        return dispatch;
    }

    void written(Written result, long now) {
        written = result;
        writtenAt = now;
    }

    /** Processing broke (disk trouble): the batch ends FAILED when it would have succeeded. */
    void writeFailed(String message, long now) {
        failure = message;
        writtenAt = now;
    }

    /** Call {@link #advance} first. UNCONFIRMED: cancelling an ended batch is 400 FAILED_PRECONDITION. */
    void cancel(long now) {
        if (state.terminal()) {
            throw ApiError.failedPrecondition("Batch " + spec.name() + " cannot be cancelled: it has already ended ("
                    + state.wire() + ").");
        }
        state = BatchState.CANCELLED;
        end(now);
    }

    private void end(long at) {
        endMillis = at;
        updateMillis = at;
    }
}
