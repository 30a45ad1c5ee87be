package dev.caravan.sandbox.bedrock;

import io.vertx.core.WorkerExecutor;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The jobs: creates them (idempotently), drives their lifecycles on the clock, shares the InProgress capacity, and
 * runs their slow work (reading inputs, writing results) on worker threads.
 *
 * <p>One lock for everything: whether a job may start depends on the others, and every operation here is a few
 * in-memory steps (the S3 work runs outside the lock).
 */
final class JobStore {

    private static final Logger LOG = LoggerFactory.getLogger(JobStore.class);

    /** Creation order: the order jobs get capacity in. */
    private final Map<String, JobRun> runs = new LinkedHashMap<>();
    private final Map<String, String> jobIdByToken = new HashMap<>();
    private final String region;
    private final String accountId;
    private final Clock clock;
    private final long phaseMillis;
    private final int capacity;
    private final InputValidator validator;
    private final ResultWriter writer;
    private final WorkerExecutor worker;
    private long sequence;

    JobStore(String region, String accountId, Clock clock, long phaseMillis, int capacity, InputValidator validator,
            ResultWriter writer, WorkerExecutor worker) {
        this.region = region;
        this.accountId = accountId;
        this.clock = clock;
        this.phaseMillis = phaseMillis;
        this.capacity = capacity;
        this.validator = validator;
        this.writer = writer;
        this.worker = worker;
    }

    /**
     * The job's ARN. A repeated clientRequestToken with the same parameters returns the first job's ARN (the
     * operation is idempotent); with other parameters it is a ConflictException. UNCONFIRMED in the reference
     * (provider-apis.md §6.1): AWS's idempotent APIs generally answer a reused token with different parameters by
     * refusing it, and ConflictException is the one error of Create's list that says "not with this resource's
     * state". Tokens are remembered for the emulator's lifetime (AWS keeps them at least hours).
     */
    synchronized String create(CreateJobRequest request) {
        String token = request.clientRequestToken();
        if (token != null && jobIdByToken.containsKey(token)) {
            JobSpec first = runs.get(jobIdByToken.get(token)).spec();
            if (!first.request().sameParametersAs(request)) {
                throw ServiceError.conflict("The clientRequestToken " + token + " was already used to create the "
                        + "job " + first.arn() + " with different parameters.");
            }
            return first.arn();
        }
        String id;
        do {
            id = Ids.jobId();
        } while (runs.containsKey(id));
        long now = clock.millis();
        JobSpec spec = new JobSpec(id, JobSpec.arn(region, accountId, id), request, now,
                now + request.timeoutDurationInHours() * 3_600_000L, ++sequence);
        runs.put(id, new JobRun(spec, phaseMillis));
        if (token != null) {
            jobIdByToken.put(token, id);
        }
        LOG.info("Bedrock job {} created: {} on {} ({})", id, request.jobName(), request.model().modelId(),
                request.input());
        advanceAll(now);
        return spec.arn();
    }

    synchronized JobView get(String jobId) {
        long now = clock.millis();
        advanceAll(now);
        return find(jobId).view(now);
    }

    synchronized void stop(String jobId) {
        long now = clock.millis();
        advanceAll(now);
        JobRun run = find(jobId);
        dispatch(run, run.stop(now));
        LOG.info("Bedrock job {} stop requested ({})", jobId, run.status().wire());
        advanceAll(now);
    }

    synchronized ListPage list(ListQuery query) {
        long now = clock.millis();
        advanceAll(now);
        Comparator<JobView> order = Comparator.<JobView>comparingLong(job -> job.spec().submitMillis())
                .thenComparingLong(job -> job.spec().sequence());
        if (!query.ascending()) {
            order = order.reversed();
        }
        PageToken after = query.nextToken() == null ? null
                : PageToken.decode(query.nextToken(), query.fingerprint());
        List<JobView> matching = new ArrayList<>();
        for (JobRun run : runs.values()) {
            JobView view = run.view(now);
            if (query.matches(view) && (after == null || isAfter(view, after, query.ascending()))) {
                matching.add(view);
            }
        }
        matching.sort(order);
        if (matching.size() <= query.maxResults()) {
            return new ListPage(matching, null);
        }
        List<JobView> page = List.copyOf(matching.subList(0, query.maxResults()));
        JobSpec last = page.get(page.size() - 1).spec();
        return new ListPage(page, new PageToken(last.submitMillis(), last.sequence(), query.fingerprint()).encode());
    }

    private static boolean isAfter(JobView job, PageToken token, boolean ascending) {
        int compared = Long.compare(job.spec().submitMillis(), token.submitMillis());
        if (compared == 0) {
            compared = Long.compare(job.spec().sequence(), token.sequence());
        }
        return ascending ? compared > 0 : compared < 0;
    }

    /** Periodic: keeps unobserved jobs on schedule (and so their results written) without anyone polling. */
    synchronized void tick() {
        advanceAll(clock.millis());
    }

    private JobRun find(String jobId) {
        JobRun run = jobId == null ? null : runs.get(jobId);
        if (run == null) {
            // UNCONFIRMED wording: the real message was not captured
            throw ServiceError.notFound("The specified model invocation job was not found.");
        }
        return run;
    }

    /**
     * Every job in creation order. A Scheduled job may start while the InProgress jobs plus the earlier jobs still
     * waiting to start leave capacity: first come, first served, and a slot stays reserved for an earlier job that is
     * still being validated.
     */
    private void advanceAll(long now) {
        int running = 0;
        for (JobRun run : runs.values()) {
            if (run.status() == JobStatus.IN_PROGRESS) {
                running++;
            }
        }
        int waiting = 0;
        for (JobRun run : runs.values()) {
            JobStatus before = run.status();
            if (before.ended()) {
                continue;
            }
            dispatch(run, run.advance(now, running + waiting < capacity));
            JobStatus after = run.status();
            running += (after == JobStatus.IN_PROGRESS ? 1 : 0) - (before == JobStatus.IN_PROGRESS ? 1 : 0);
            if (after == JobStatus.SUBMITTED || after == JobStatus.VALIDATING || after == JobStatus.SCHEDULED) {
                waiting++;
            }
            if (after != before) {
                LOG.debug("Bedrock job {}: {} -> {}", run.spec().id(), before.wire(), after.wire());
            }
        }
    }

    private void dispatch(JobRun run, Work work) {
        if (work instanceof Work.Validate) {
            worker.<ValidationOutcome>executeBlocking(() -> validator.validate(run.spec()), false)
                    .onComplete(result -> {
                        ValidationOutcome outcome = result.succeeded() ? result.result()
                                : ValidationOutcome.failed("Validation failed: an internal error occurred.");
                        if (result.failed()) {
                            LOG.error("Bedrock job {}: validation broke", run.spec().id(), result.cause());
                        } else if (outcome.failed()) {
                            LOG.info("Bedrock job {} fails validation: {}", run.spec().id(), outcome.failure());
                        }
                        synchronized (this) {
                            long now = clock.millis();
                            run.validated(outcome, now);
                            advanceAll(now);
                        }
                    });
        } else if (work instanceof Work.WriteResults write) {
            worker.<Manifest>executeBlocking(() -> writer.write(run.spec(), write.plan(), write.done()), false)
                    .onComplete(result -> {
                        String failure = null;
                        if (result.succeeded()) {
                            LOG.info("Bedrock job {} results written: {}", run.spec().id(), result.result());
                        } else {
                            LOG.error("Bedrock job {}: results could not be written", run.spec().id(),
                                    result.cause());
                            failure = String.valueOf(result.cause().getMessage());
                        }
                        synchronized (this) {
                            long now = clock.millis();
                            run.written(failure, now);
                            advanceAll(now);
                        }
                    });
        }
    }
}
