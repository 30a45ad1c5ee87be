package dev.caravan.sandbox.openai;

import java.util.List;
import java.util.Optional;

/**
 * One batch's lifecycle on the clock (provider-apis.md §2.3): validating → in_progress → finalizing → completed, or
 * failed, cancelling → cancelled, expired. Transitions are computed from the schedule, not from when someone looks,
 * so a batch observed late reports the timestamps it would have had. Slow work (validation, writing results) happens
 * elsewhere; this class says when it is needed ({@link WriteOrder}) and is told when it is done.
 *
 * <p>States that promise result files (completed, cancelled, expired) are entered only once the files exist, so a
 * client that sees one can download at once.
 *
 * <p>UNCONFIRMED: whether expired and cancelled batches pass through finalizing. Here they do not: an expiring batch
 * keeps its status until its files are written, then turns expired; a cancelled one turns cancelled after one phase
 * in cancelling.
 */
final class BatchRun {

    private final BatchSpec spec;
    private final long phase;

    private BatchStatus status = BatchStatus.VALIDATING;
    private ValidationReport report;
    private long validatedAt;
    private Schedule schedule;
    private Long inProgressAt;
    private Long finalizingAt;
    private Long completedAt;
    private Long failedAt;
    private Long expiredAt;
    private Long cancellingAt;
    private Long cancelledAt;
    private List<BatchLineError> errors;

    /** Set when a cancel or the completion window stopped the run early. */
    private Cutoff cutoff = Cutoff.NONE;
    /** Requests that had finished when the cutoff happened; the rest never run. */
    private int doneAtCutoff;

    /** The due time of this batch's entry in BatchStore's wake-up queue; Long.MAX_VALUE when it has none. */
    private long queuedWake = Long.MAX_VALUE;

    private boolean writeOrdered;
    private boolean written;
    private long writtenAt;
    private String outputFileId;
    private String errorFileId;

    BatchRun(BatchSpec spec, long phaseMillis) {
        this.spec = spec;
        this.phase = phaseMillis;
    }

    BatchSpec spec() {
        return spec;
    }

    synchronized boolean settled() {
        return status.terminal();
    }

    /** Records a wake-up at {@code at} as queued; false when one at or before it is queued already. */
    synchronized boolean wakeQueued(long at) {
        if (at >= queuedWake) {
            return false;
        }
        queuedWake = at;
        return true;
    }

    /** The queued wake-up at {@code at} was taken off the queue. */
    synchronized void wakeTaken(long at) {
        if (queuedWake == at) {
            queuedWake = Long.MAX_VALUE;
        }
    }

    /**
     * The earliest time at which {@link #advance} could move this batch on by the clock alone; Long.MAX_VALUE when
     * only an event can (validation or a result write finishing, a cancel), and those advance the batch themselves.
     * Early is harmless (advance then does nothing); late would hold an unobserved batch back.
     */
    synchronized long nextDueMillis() {
        return switch (status) {
            case VALIDATING -> cutoff == Cutoff.EXPIRED ? Long.MAX_VALUE : Math.min(spec.expiresAtMillis(),
                    report == null ? Long.MAX_VALUE : Math.max(spec.createdAtMillis() + phase, validatedAt));
            case IN_PROGRESS -> cutoff == Cutoff.EXPIRED ? Long.MAX_VALUE
                    : Math.min(spec.expiresAtMillis(), schedule.endMillis());
            case FINALIZING -> written ? Math.max(finalizingAt + phase, writtenAt) : Long.MAX_VALUE;
            case CANCELLING -> written ? Math.max(cancellingAt + phase, writtenAt) : Long.MAX_VALUE;
            default -> Long.MAX_VALUE;
        };
    }

    synchronized Optional<WriteOrder> validated(ValidationReport validation, long now) {
        report = validation;
        validatedAt = now;
        return advance(now);
    }

    synchronized void written(WrittenFiles files, long now) {
        written = true;
        writtenAt = now;
        outputFileId = files.outputFileId();
        errorFileId = files.errorFileId();
    }

    /** Writing results broke (disk trouble): the batch fails rather than claiming files it does not have. */
    synchronized void writeFailed(String message, long now) {
        written = true;
        writtenAt = now;
        status = BatchStatus.FAILED;
        failedAt = now;
        errors = List.of(new BatchLineError("internal_error", "The batch results could not be written: " + message,
                null, null));
    }

    /** Applies every transition due by {@code now}; returns the write to start, at most once per batch. */
    synchronized Optional<WriteOrder> advance(long now) {
        WriteOrder order = null;
        BatchStatus before;
        do {
            before = status;
            WriteOrder next = switch (status) {
                case VALIDATING -> stepValidating(now);
                case IN_PROGRESS -> stepInProgress(now);
                case FINALIZING -> stepFinalizing(now);
                case CANCELLING -> stepCancelling(now);
                default -> null;
            };
            order = order != null ? order : next;
        } while (status != before);
        return Optional.ofNullable(order);
    }

    /**
     * Call {@link #advance} first (and act on its order), so that the cancel sees the batch's current status.
     *
     * <p>Cancelling a finished batch answers 409. UNCONFIRMED: the real status code (409 vs 400) is from memory; the
     * message follows the real API's "Cannot cancel a batch with status '...'" wording as remembered.
     */
    synchronized Optional<WriteOrder> cancel(long now) {
        if (status == BatchStatus.CANCELLING) {
            return Optional.empty();
        }
        if ((status != BatchStatus.VALIDATING && status != BatchStatus.IN_PROGRESS) || cutoff == Cutoff.EXPIRED) {
            String shown = cutoff == Cutoff.EXPIRED ? "expired" : status.wireName();
            throw new ApiError(409, OpenAiError.invalidRequest("Cannot cancel a batch with status '" + shown + "'.",
                    null, null));
        }
        doneAtCutoff = status == BatchStatus.IN_PROGRESS ? schedule.doneBy(now) : 0;
        cutoff = Cutoff.CANCELLED;
        cancellingAt = now;
        status = BatchStatus.CANCELLING;
        return advance(now);
    }

    private WriteOrder stepValidating(long now) {
        if (cutoff == Cutoff.EXPIRED) {
            return finishExpiry();
        }
        long ready = report == null ? Long.MAX_VALUE : Math.max(spec.createdAtMillis() + phase, validatedAt);
        if (spec.expiresAtMillis() <= now && spec.expiresAtMillis() < ready) {
            cutoff = Cutoff.EXPIRED;
            doneAtCutoff = 0;
            return finishExpiry();
        }
        if (ready > now) {
            return null;
        }
        if (!report.ok()) {
            status = BatchStatus.FAILED;
            failedAt = ready;
            errors = report.errors();
            return null;
        }
        schedule = new Schedule(ready, phase, report.plan().total());
        inProgressAt = ready;
        status = BatchStatus.IN_PROGRESS;
        return null;
    }

    private WriteOrder stepInProgress(long now) {
        if (cutoff == Cutoff.EXPIRED) {
            return finishExpiry();
        }
        if (spec.expiresAtMillis() <= now && spec.expiresAtMillis() < schedule.endMillis()) {
            cutoff = Cutoff.EXPIRED;
            doneAtCutoff = schedule.doneBy(spec.expiresAtMillis());
            return finishExpiry();
        }
        if (schedule.endMillis() > now) {
            return null;
        }
        finalizingAt = schedule.endMillis();
        status = BatchStatus.FINALIZING;
        return orderWrite(schedule.total(), Cutoff.NONE);
    }

    private WriteOrder stepFinalizing(long now) {
        long due = Math.max(finalizingAt + phase, writtenAt);
        if (written && due <= now) {
            completedAt = due;
            status = BatchStatus.COMPLETED;
        }
        return null;
    }

    private WriteOrder stepCancelling(long now) {
        WriteOrder order = resultsFor(Cutoff.CANCELLED);
        long due = Math.max(cancellingAt + phase, writtenAt);
        if (written && due <= now) {
            cancelledAt = due;
            status = BatchStatus.CANCELLED;
        }
        return order;
    }

    private WriteOrder finishExpiry() {
        WriteOrder order = resultsFor(Cutoff.EXPIRED);
        if (written) {
            expiredAt = Math.max(spec.expiresAtMillis(), writtenAt);
            status = BatchStatus.EXPIRED;
        }
        return order;
    }

    /** Result files for a cut-off run; they list every request, so they wait for validation to know them. */
    private WriteOrder resultsFor(Cutoff reason) {
        if (report == null) {
            return null;
        }
        if (!report.ok()) {
            // An invalid file has no requests to report on: nothing to write.
            written = true;
            writtenAt = Math.max(writtenAt, validatedAt);
            return null;
        }
        return orderWrite(doneAtCutoff, reason);
    }

    private WriteOrder orderWrite(int done, Cutoff reason) {
        if (writeOrdered) {
            return null;
        }
        writeOrdered = true;
        return new WriteOrder(schedule, done, reason);
    }

    synchronized BatchView view(long now) {
        int total = report != null && report.ok() ? report.plan().total() : 0;
        int done;
        boolean restFailed = false;
        switch (status) {
            case IN_PROGRESS -> done = schedule.doneBy(cutoff == Cutoff.EXPIRED
                    ? Math.min(now, spec.expiresAtMillis()) : now);
            case FINALIZING, COMPLETED -> done = total;
            case CANCELLING -> done = doneAtCutoff;
            case CANCELLED, EXPIRED -> {
                done = doneAtCutoff;
                restFailed = true;
            }
            default -> {
                // validating and failed: no request has been counted yet
                total = 0;
                done = 0;
            }
        }
        RequestPlan plan = total > 0 ? report.plan() : null;
        int succeeded = plan == null ? 0 : plan.succeeded(done);
        BatchView.RequestCounts counts = new BatchView.RequestCounts(total, succeeded,
                (restFailed ? total : done) - succeeded);
        BatchView.TokenUsage usage = plan == null ? new BatchView.TokenUsage(0, 0)
                : new BatchView.TokenUsage(plan.inputTokens(done), plan.outputTokens(done));
        String model = plan != null && status != BatchStatus.VALIDATING ? plan.model() : null;
        // The files are announced with the final status, never while "finalizing" still means "being written".
        boolean finished = status.terminal();
        return new BatchView(spec.id(), spec.endpoint().path(), model, errors, spec.inputFileId(),
                spec.completionWindow(), status, finished ? outputFileId : null, finished ? errorFileId : null, seconds(spec.createdAtMillis()),
                seconds(inProgressAt), seconds(spec.expiresAtMillis()), seconds(finalizingAt), seconds(completedAt),
                seconds(failedAt), seconds(expiredAt), seconds(cancellingAt), seconds(cancelledAt), counts, usage,
                spec.metadata());
    }

    private static Long seconds(Long millis) {
        return millis == null ? null : millis / 1000;
    }

    private static long seconds(long millis) {
        return millis / 1000;
    }
}
