package dev.caravan.provider.bedrock;

import dev.caravan.jsonl.ResultSelection;
import dev.caravan.jsonl.bedrock.BedrockModelFamily;
import dev.caravan.model.Batch;
import dev.caravan.model.BatchError;
import dev.caravan.model.BatchStatus;
import dev.caravan.model.CaravanIds;
import dev.caravan.model.ErrorKind;
import dev.caravan.model.GatewayError;
import dev.caravan.model.Provider;
import dev.caravan.model.RequestCounts;
import dev.caravan.model.Usage;
import dev.caravan.model.job.InvocationJob;
import dev.caravan.model.job.JobStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Bedrock model invocation job (provider-apis.md §6.3) as the canonical batch (DESIGN §5): OpenAI's statuses only,
 * never Bedrock's; the job's four record counts folded into OpenAI's three (or the manifest's, for a job that
 * reports none); ISO times as unix seconds; the batch id, input file id and result file ids self-routing
 * ({@link BedrockFileId}).
 */
public final class JobBatchMapping {

    public static final String CHAT_ENDPOINT = "/v1/chat/completions";
    public static final String EMBEDDINGS_ENDPOINT = "/v1/embeddings";
    /** Caravan submits every job with timeoutDurationInHours 24: OpenAI's only completion window. */
    public static final String COMPLETION_WINDOW = "24h";
    static final int TIMEOUT_HOURS = 24;
    static final String FAILED_CODE = "bedrock_job_failed";

    private JobBatchMapping() {
    }

    /**
     * @param job      the job as Get or List describes it
     * @param manifest the job's {@code manifest.json.out}, when it has one (read once the job has ended)
     * @param metadata what the caller attached when it created the batch, when known (null otherwise)
     */
    public static Batch batch(InvocationJob job, Optional<JobManifest> manifest, Map<String, String> metadata) {
        if (job.jobArn() == null || job.submitTime() == null) {
            throw GatewayError.of(ErrorKind.UPSTREAM_ERROR, "Bedrock described a job without jobArn or submitTime; "
                    + "Caravan cannot read it.");
        }
        BatchStatus status = status(job.status());
        RequestCounts counts = counts(job.counts(), manifest);
        // a result file names the job's model, which its chat completions report
        Optional<JobResultsLocation> results = job.modelId() == null || job.modelId().contains("|")
                ? Optional.empty() : JobResultsLocation.of(job);
        boolean ended = job.status() != null && job.status().ended();
        String outputFileId = ended && counts.completed() > 0 ? results.map(location ->
                location.file(ResultSelection.SUCCEEDED, job.modelId()).id()).orElse(null) : null;
        String errorFileId = ended && counts.failed() > 0 ? results.map(location ->
                location.file(ResultSelection.FAILED, job.modelId()).id()).orElse(null) : null;
        long createdAt = job.submitTime().getEpochSecond();
        Long end = seconds(job.endTime() != null ? job.endTime() : job.lastModifiedTime());
        Instant expires = job.jobExpirationTime() != null ? job.jobExpirationTime() : job.submitTime()
                .plus(Duration.ofHours(job.timeoutDurationInHours() == null ? TIMEOUT_HOURS
                        : job.timeoutDurationInHours()));
        return new Batch(CaravanIds.wrap(CaravanIds.Kind.BATCH, Provider.BEDROCK, job.jobArn()),
                endpoint(job.modelId()), job.modelId(), inputFileId(job), COMPLETION_WINDOW, status,
                outputFileId, errorFileId, createdAt,
                // Bedrock keeps no time the job started running: while it runs, its last change is that moment
                status == BatchStatus.IN_PROGRESS ? seconds(job.lastModifiedTime()) : null,
                expires.getEpochSecond(),
                null,
                status == BatchStatus.COMPLETED ? end : null,
                status == BatchStatus.FAILED ? end : null,
                status == BatchStatus.EXPIRED ? end : null,
                status == BatchStatus.CANCELLING ? seconds(job.lastModifiedTime()) : null,
                status == BatchStatus.CANCELLED ? end : null,
                counts,
                status == BatchStatus.FAILED ? List.of(new BatchError(FAILED_CODE, job.message() == null
                        ? "The Bedrock job failed." : job.message(), null, null)) : null,
                manifest.map(JobManifest::usage).orElse(null),
                metadata);
    }

    /** DESIGN §5: Bedrock's ten statuses on OpenAI's eight; PartiallyCompleted is completed with failures. */
    public static BatchStatus status(JobStatus status) {
        if (status == null) {
            throw GatewayError.of(ErrorKind.UPSTREAM_ERROR, "Bedrock described a job with a status Caravan does "
                    + "not know.");
        }
        return switch (status) {
            case SUBMITTED, VALIDATING, SCHEDULED -> BatchStatus.VALIDATING;
            case IN_PROGRESS -> BatchStatus.IN_PROGRESS;
            case COMPLETED, PARTIALLY_COMPLETED -> BatchStatus.COMPLETED;
            case FAILED -> BatchStatus.FAILED;
            case STOPPING -> BatchStatus.CANCELLING;
            case STOPPED -> BatchStatus.CANCELLED;
            case EXPIRED -> BatchStatus.EXPIRED;
        };
    }

    /**
     * total is Bedrock's total; completed its successes; failed its errors. A job that reports no counts (older
     * APIs, or a job still validating) takes them from its manifest, else zero.
     */
    public static RequestCounts counts(InvocationJob.RecordCounts counts, Optional<JobManifest> manifest) {
        if (counts != null && counts.total() != null) {
            return new RequestCounts(counts.total(), orZero(counts.success()), orZero(counts.error()));
        }
        return manifest.map(m -> new RequestCounts(m.total(), m.success(), m.error()))
                .orElse(new RequestCounts(0, 0, 0));
    }

    /** Embeddings models run embeddings; every other model Caravan converts for is a chat model. */
    public static String endpoint(String modelId) {
        return BedrockModelFamily.find(modelId).filter(BedrockModelFamily::embeddings).isPresent()
                ? EMBEDDINGS_ENDPOINT : CHAT_ENDPOINT;
    }

    /** The job's input as a Caravan file id (for a prefix input too: it names what the job read). */
    static String inputFileId(InvocationJob job) {
        if (job.input() == null || job.input().s3Uri() == null) {
            return "";
        }
        return CaravanIds.wrap(CaravanIds.Kind.FILE, Provider.BEDROCK, job.input().s3Uri());
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    private static Long seconds(Instant time) {
        return time == null ? null : time.getEpochSecond();
    }

    /** {@code manifest.json.out}: the job's record and token totals (provider-apis.md §6.5). */
    public record JobManifest(long total, long processed, long success, long error, long inputTokens,
                              long outputTokens) {

        Usage usage() {
            return new Usage(inputTokens, 0, outputTokens, 0, inputTokens + outputTokens);
        }
    }
}
