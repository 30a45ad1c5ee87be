package dev.caravan.sandbox.bedrock;

/**
 * One job's lifecycle on the emulator's clock (provider-apis.md §6.4): Submitted → Validating → Scheduled →
 * InProgress → Completed, one phase each; or Failed (validation), Stopping → Stopped, Expired (not started before
 * jobExpirationTime) and PartiallyCompleted (jobExpirationTime passed while InProgress). Transitions happen at the
 * times the schedule says, not when someone looks, so timestamps do not depend on polling.
 *
 * <p>Not thread-safe: {@link JobStore} calls it under its own lock, because starting a job depends on the others
 * (capacity).
 */
final class JobRun {

    /** How an InProgress job ends once its results are written. */
    private enum Ending { COMPLETE, TIMED_OUT }

    private final JobSpec spec;
    private final long phase;

    private JobStatus status = JobStatus.SUBMITTED;
    private long lastModified;
    private Long endTime;
    private String message;

    private long validatingAt;
    private ValidationOutcome outcome;
    private long validatedAt;
    private long scheduledAt;
    private boolean waitedForCapacity;
    private Schedule schedule;

    private Ending ending;
    private long endingAt;
    private long stoppingAt;
    /** Records processed when processing was cut (stop, timeout) or finished: the results written. */
    private int done;
    private boolean writeNeeded;
    private boolean written;
    private long writtenAt;
    private String writeFailure;

    JobRun(JobSpec spec, long phaseMillis) {
        this.spec = spec;
        this.phase = phaseMillis;
        this.lastModified = spec.submitMillis();
    }

    JobSpec spec() {
        return spec;
    }

    JobStatus status() {
        return status;
    }

    /**
     * Applies every transition due by {@code now}; returns the work to start (at most one validation and one write
     * per job over its life).
     *
     * @param mayStart whether capacity lets this job go InProgress now
     */
    Work advance(long now, boolean mayStart) {
        Work work = null;
        JobStatus before;
        do {
            before = status;
            Work next = switch (status) {
                case SUBMITTED -> stepSubmitted(now);
                case VALIDATING -> stepValidating(now);
                case SCHEDULED -> stepScheduled(now, mayStart);
                case IN_PROGRESS -> stepInProgress(now);
                case STOPPING -> stepStopping(now);
                default -> null;
            };
            work = work != null ? work : next;
        } while (status != before);
        return work;
    }

    /** Validating's result; ignored when the job has moved on meanwhile (stopped, expired). */
    void validated(ValidationOutcome result, long now) {
        if (status == JobStatus.VALIDATING && outcome == null) {
            outcome = result;
            validatedAt = now;
        }
    }

    void written(String failure, long now) {
        written = true;
        writtenAt = now;
        writeFailure = failure;
    }

    /**
     * Call {@link #advance} first, so that the stop sees the current status.
     *
     * <p>A job that has ended cannot be stopped: ValidationException. UNCONFIRMED in the reference; the model lists
     * ConflictException and ValidationException for Stop, and a request that cannot apply to the resource's current
     * state is what Bedrock's other APIs answer with ValidationException. A job already Stopping answers {@code {}}
     * again (the stop is under way), and so does one whose processing already finished and whose results are being
     * written: it ends Completed (or PartiallyCompleted), the stop came too late to change anything.
     *
     * @return the results write to start, if the job was InProgress
     */
    Work stop(long now) {
        if (status.ended()) {
            throw ServiceError.validation("The job " + spec.arn() + " cannot be stopped: its status is "
                    + status.wire() + ".");
        }
        if (status == JobStatus.STOPPING || ending != null) {
            return null;
        }
        Work work = null;
        if (status == JobStatus.IN_PROGRESS) {
            done = schedule.doneBy(now);
            writeNeeded = true;
            work = new Work.WriteResults(outcome.plan(), done);
        }
        stoppingAt = now;
        move(JobStatus.STOPPING, now);
        return work;
    }

    private Work stepSubmitted(long now) {
        long validating = spec.submitMillis() + phase;
        if (expiredBefore(validating, now)) {
            return null;
        }
        if (validating > now) {
            return null;
        }
        validatingAt = validating;
        move(JobStatus.VALIDATING, validating);
        return new Work.Validate();
    }

    private Work stepValidating(long now) {
        if (outcome == null) {
            expiredBefore(Long.MAX_VALUE, now);
            return null;
        }
        long ready = Math.max(validatingAt + phase, validatedAt);
        if (expiredBefore(ready, now) || ready > now) {
            return null;
        }
        if (outcome.failed()) {
            message = outcome.failure();
            finish(JobStatus.FAILED, ready);
            return null;
        }
        scheduledAt = ready;
        move(JobStatus.SCHEDULED, ready);
        return null;
    }

    /** Capacity permitting, one phase after scheduling; when it had to wait for capacity, as soon as it frees. */
    private Work stepScheduled(long now, boolean mayStart) {
        long earliest = scheduledAt + phase;
        if (!mayStart) {
            if (earliest <= now) {
                waitedForCapacity = true;
            }
            expiredBefore(Long.MAX_VALUE, now);
            return null;
        }
        long start = waitedForCapacity ? Math.max(earliest, now) : earliest;
        if (expiredBefore(start, now) || start > now) {
            return null;
        }
        schedule = new Schedule(start, phase, outcome.plan().total());
        move(JobStatus.IN_PROGRESS, start);
        return null;
    }

    private Work stepInProgress(long now) {
        if (ending == null) {
            long end = schedule.endMillis();
            if (spec.expirationMillis() <= now && spec.expirationMillis() < end) {
                ending = Ending.TIMED_OUT;
                endingAt = spec.expirationMillis();
                done = schedule.doneBy(endingAt);
            } else if (end <= now) {
                ending = Ending.COMPLETE;
                endingAt = end;
                done = schedule.total();
            } else {
                return null;
            }
            writeNeeded = true;
            return new Work.WriteResults(outcome.plan(), done);
        }
        if (!written) {
            return null;
        }
        long at = Math.max(endingAt, writtenAt);
        if (writeFailure != null) {
            message = "The results could not be written to " + spec.request().output() + ": " + writeFailure;
            finish(JobStatus.FAILED, at);
        } else if (ending == Ending.COMPLETE) {
            // every record processed: Completed even when some records errored (errorRecordCount > 0).
            // PartiallyCompleted is "not every record could be processed in time" (provider-apis.md §6.4)
            finish(JobStatus.COMPLETED, at);
        } else {
            message = "The job reached its timeout (jobExpirationTime) before every record was processed: " + done
                    + " of " + schedule.total() + " records were processed.";
            finish(JobStatus.PARTIALLY_COMPLETED, at);
        }
        return null;
    }

    private Work stepStopping(long now) {
        if (writeNeeded && !written) {
            return null;
        }
        long due = Math.max(stoppingAt + phase, writeNeeded ? writtenAt : 0);
        if (due > now) {
            return null;
        }
        if (writeFailure != null) {
            message = "The results could not be written to " + spec.request().output() + ": " + writeFailure;
        }
        finish(JobStatus.STOPPED, due);
        return null;
    }

    /**
     * Expires the job when its jobExpirationTime has passed by {@code now} and came no later than {@code next}, the
     * time of its next transition: it did not start before its timeout.
     */
    private boolean expiredBefore(long next, long now) {
        long expiration = spec.expirationMillis();
        if (expiration > now || expiration > next) {
            return false;
        }
        message = "The job did not start before its timeout (jobExpirationTime " + Timestamps.format(expiration)
                + ").";
        finish(JobStatus.EXPIRED, expiration);
        return true;
    }

    private void move(JobStatus next, long at) {
        status = next;
        lastModified = Math.max(lastModified, at);
    }

    private void finish(JobStatus next, long at) {
        move(next, at);
        endTime = lastModified;
    }

    JobView view(long now) {
        return new JobView(spec, status, message, lastModified, endTime, counts(now));
    }

    /**
     * Before validation passed nothing is counted; after it, the total, and what processing reached: record by record
     * while InProgress, then the records processed when it finished or was cut (stop, timeout, a failed write).
     */
    private JobCounts counts(long now) {
        if (outcome == null || outcome.failed()) {
            return JobCounts.NONE;
        }
        InputPlan plan = outcome.plan();
        int processed;
        if (status == JobStatus.IN_PROGRESS && ending == null) {
            processed = schedule.doneBy(now);
        } else {
            processed = writeNeeded ? done : 0;
        }
        int success = plan.successesAmongFirst(processed);
        return new JobCounts(plan.total(), processed, success, processed - success);
    }
}
