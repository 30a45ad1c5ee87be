package dev.caravan.sandbox.anthropic;

import java.util.Optional;

/**
 * One batch's lifecycle on the emulator's clock (provider-apis.md §3.3): {@code in_progress} while its requests are
 * processed one after another through the processing time, {@code ended} once every request is succeeded, errored,
 * canceled or expired and the results file exists; {@code canceling} between a cancel and that end. Transitions
 * happen at the times the schedule says, not when someone looks, so a batch observed late reports the timestamps it
 * would have had (except that it cannot end before its results are written).
 *
 * <p>A cancel lets the request being processed at that moment finish (it is in flight; the API says such requests
 * may still succeed), and cancels the rest: {@code canceling} lasts until that request's scheduled end. A batch whose
 * processing has not finished 24 h after creation ends then, its unprocessed requests {@code expired}.
 *
 * <p>Not thread-safe: {@link BatchStore} calls it under its own lock.
 */
final class BatchRun {

    private final BatchSpec spec;
    private final Schedule schedule;

    private ProcessingStatus status = ProcessingStatus.IN_PROGRESS;
    private Cutoff cutoff = Cutoff.NONE;
    /** How many requests (the first ones, in order) run; known once the end is decided. */
    private int processed;
    /** When the batch's processing is over (all done, canceled or expired); null while it is not decided yet. */
    private Long dueAt;
    private Long cancelInitiatedAt;
    private Long endedAt;

    private boolean writeOrdered;
    private boolean written;
    private long writtenAt;
    private Tally tally;
    private String writeFailure;
    private boolean purged;

    BatchRun(BatchSpec spec, long processingMillis) {
        this.spec = spec;
        this.schedule = new Schedule(spec.createdAt(), processingMillis, spec.total());
    }

    BatchSpec spec() {
        return spec;
    }

    ProcessingStatus status() {
        return status;
    }

    /** Null unless writing the results failed. */
    String writeFailure() {
        return writeFailure;
    }

    /**
     * Applies every transition due by {@code now}.
     *
     * @return the results to write, once per batch: as soon as the end is decided
     */
    Optional<WriteOrder> advance(long now) {
        if (status == ProcessingStatus.ENDED) {
            return Optional.empty();
        }
        if (dueAt == null) {
            if (spec.expiresAt() <= now && spec.expiresAt() < schedule.endMillis()) {
                cutoff = Cutoff.EXPIRED;
                processed = schedule.doneBy(spec.expiresAt());
                dueAt = spec.expiresAt();
            } else if (schedule.endMillis() <= now) {
                processed = spec.total();
                dueAt = schedule.endMillis();
            } else {
                return Optional.empty();
            }
        }
        WriteOrder order = null;
        if (!writeOrdered) {
            writeOrdered = true;
            order = new WriteOrder(processed, cutoff);
        }
        if (written && dueAt <= now) {
            status = ProcessingStatus.ENDED;
            endedAt = Math.max(dueAt, writtenAt);
        }
        return Optional.ofNullable(order);
    }

    /**
     * Call {@link #advance} first, so the cancel sees the current status.
     *
     * <p>UNCONFIRMED (provider-apis.md §3.5): cancelling an ended batch is refused with 400
     * {@code invalid_request_error}, the reference's likeliest guess; cancelling a batch already canceling answers it
     * as it is (the cancel is under way). A cancel that comes after the last request finished, while the results are
     * being written, still turns the batch {@code canceling}, with nothing left to cancel.
     *
     * @return the results to write
     */
    Optional<WriteOrder> cancel(long now) {
        if (status == ProcessingStatus.ENDED) {
            throw ApiError.invalid("Message batch " + spec.id() + " cannot be canceled: its processing has already "
                    + "ended.");
        }
        if (status == ProcessingStatus.CANCELING) {
            return Optional.empty();
        }
        status = ProcessingStatus.CANCELING;
        cancelInitiatedAt = now;
        if (dueAt == null) {
            int done = schedule.doneBy(now);
            if (done < spec.total() && schedule.doneAt(done) <= spec.expiresAt()) {
                // the request in flight finishes
                processed = done + 1;
                dueAt = schedule.doneAt(done);
            } else {
                processed = done;
                dueAt = now;
            }
            cutoff = processed < spec.total() ? Cutoff.CANCELED : Cutoff.NONE;
        }
        return advance(now);
    }

    void written(Tally result, long now) {
        written = true;
        writtenAt = now;
        tally = result;
    }

    /** Writing the results broke (disk trouble): the batch ends all the same, every request errored. */
    void writeFailed(String message, long now) {
        written = true;
        writtenAt = now;
        writeFailure = message;
    }

    /** Whether the files of this archived batch were removed already. */
    boolean purged() {
        return purged;
    }

    void purge() {
        purged = true;
    }

    boolean archived(long now) {
        return status == ProcessingStatus.ENDED && now >= spec.archivesAt();
    }

    BatchView view(long now) {
        return new BatchView(spec.id(), status, counts(), spec.createdAt(), spec.expiresAt(), endedAt,
                cancelInitiatedAt, archived(now) ? spec.archivesAt() : null);
    }

    RequestCounts counts() {
        if (status != ProcessingStatus.ENDED) {
            return RequestCounts.processing(spec.total());
        }
        if (writeFailure != null) {
            return new RequestCounts(0, 0, spec.total(), 0, 0);
        }
        int unprocessed = spec.total() - processed;
        return new RequestCounts(0, tally.succeeded(), tally.errored(),
                cutoff == Cutoff.CANCELED ? unprocessed : 0, cutoff == Cutoff.EXPIRED ? unprocessed : 0);
    }
}
