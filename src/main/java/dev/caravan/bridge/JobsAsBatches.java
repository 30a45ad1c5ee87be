package dev.caravan.bridge;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.model.Batch;
import dev.caravan.model.BatchError;
import dev.caravan.model.BatchPage;
import dev.caravan.model.CaravanIds;
import dev.caravan.model.GatewayError;
import dev.caravan.model.Operation;
import dev.caravan.model.Provider;
import dev.caravan.model.RequestCounts;
import dev.caravan.model.command.BatchRef;
import dev.caravan.model.command.CreateBatch;
import dev.caravan.model.command.CreateJob;
import dev.caravan.model.command.JobRef;
import dev.caravan.model.command.ListBatches;
import dev.caravan.model.command.ListJobs;
import dev.caravan.model.job.InvocationJob;
import dev.caravan.model.job.JobCreated;
import dev.caravan.model.job.JobPage;
import dev.caravan.model.job.JobRequest;
import dev.caravan.model.job.JobStatus;
import dev.caravan.model.job.JobStopped;
import dev.caravan.wire.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Model invocation jobs as provider batches: CreateModelInvocationJob names its input as {@code s3://<any>/<file id>}
 * (or the {@code file_id} tag) and becomes a batch of that file; get, list and stop are the batch's retrieve, list and
 * cancel, answered in Bedrock's shape and status enum. The bucket names are routing identifiers only, as the documents
 * say; role, VPC, timeout and client request token mean nothing to these providers and are not used.
 */
public class JobsAsBatches {

    static final String COMMAND = "caravanJobCommand";
    private static final String ENDPOINT = "/v1/chat/completions";
    private static final String TAG_FILE_ID = "file_id";
    private static final String TAG_ENDPOINT = "endpoint";
    /** Providers list at most this many batches a page (Gemini's page size limit); Bedrock allows 1000. */
    private static final int MAX_PAGE = 100;
    private static final Pattern NOT_IN_JOB_NAMES = Pattern.compile("[^A-Za-z0-9]");

    private final JobArns arns;

    JobsAsBatches(JobArns arns) {
        this.arns = arns;
    }

    public CreateBatch createBatch(CreateJob create, String providerName) {
        Provider provider = Provider.parse(providerName);
        JobRequest request = create.request();
        BatchFields fields = BatchFields.of(provider);
        Map<String, String> metadata = new LinkedHashMap<>();
        if (fields.keepsJobName()) {
            metadata.put(BatchFields.JOB_NAME, request.jobName());
        }
        if (fields.keepsJobFields()) {
            metadata.put(BatchFields.MODEL_ID, request.modelId());
            metadata.put(BatchFields.OUTPUT_URI, request.output().s3Uri());
        }
        ObjectNode extra = Json.MAPPER.createObjectNode();
        if (fields.needsModel()) {
            extra.put("model", request.modelId());
        }
        return new CreateBatch(provider.wireName(), inputFileId(provider, request),
                tag(request, TAG_ENDPOINT, ENDPOINT), "24h", metadata.isEmpty() ? null : metadata, extra);
    }

    public JobCreated created(Batch batch, String providerName) {
        return new JobCreated(arns.arn(Provider.parse(providerName), batch.id()));
    }

    public BatchRef batchRef(JobRef job, String providerName) {
        Provider provider = Provider.parse(providerName);
        Operation operation = job.operation() == Operation.JOBS_STOP ? Operation.BATCHES_CANCEL
                : Operation.BATCHES_RETRIEVE;
        return new BatchRef(operation, provider.wireName(), arns.batchId(provider, job.jobIdentifier()));
    }

    public InvocationJob job(Batch batch, String providerName) {
        Provider provider = Provider.parse(providerName);
        Map<String, String> metadata = batch.metadata() == null ? Map.of() : batch.metadata();
        String modelId = batch.model() != null ? batch.model() : metadata.get(BatchFields.MODEL_ID);
        return new InvocationJob(arns.arn(provider, batch.id()), jobName(provider, batch, metadata), modelId, null,
                null, JobStatus.ofBatch(batch.status()), message(batch.errors()), instant(batch.createdAt()),
                lastModified(batch), endTime(batch),
                new JobRequest.S3Input("s3://" + provider.wireName() + "-files/" + batch.inputFileId(), "JSONL", null),
                new JobRequest.S3Output(ResultObjects.uri(provider, batch.id(), metadata.get(BatchFields.OUTPUT_URI)),
                        null, null),
                null, null, instant(batch.expiresAt()), null, counts(batch.requestCounts()));
    }

    public JobStopped stopped(JobRef job) {
        return new JobStopped(job.jobIdentifier());
    }

    public ListBatches listBatches(ListJobs list, String providerName) {
        int limit = list.maxResults() == null ? MAX_PAGE : Math.min(list.maxResults(), MAX_PAGE);
        return new ListBatches(providerName, list.nextToken(), limit, null);
    }

    /**
     * One page of jobs: the provider's page of batches, filtered as the caller asked. The filters apply within the
     * page (providers filter nothing themselves), so a page may hold fewer jobs than maxResults while more follow;
     * the order is the provider's, newest first, and Ascending reverses it within the page.
     */
    public JobPage page(BatchPage page, ListJobs list, String providerName) {
        List<InvocationJob> jobs = new ArrayList<>();
        for (Batch batch : page.data()) {
            InvocationJob job = job(batch, providerName);
            if (keeps(list, job)) {
                jobs.add(job);
            }
        }
        if ("Ascending".equals(list.sortOrder())) {
            Collections.reverse(jobs);
        }
        String next = page.hasMore() && !page.data().isEmpty() ? page.data().get(page.data().size() - 1).id() : null;
        return new JobPage(jobs, next);
    }

    private static boolean keeps(ListJobs list, InvocationJob job) {
        return (list.statusEquals() == null || list.statusEquals() == job.status())
                && (list.nameContains() == null || job.jobName().contains(list.nameContains()))
                && (list.submitTimeAfter() == null || job.submitTime().isAfter(list.submitTimeAfter()))
                && (list.submitTimeBefore() == null || job.submitTime().isBefore(list.submitTimeBefore()));
    }

    /**
     * The input is the file the S3 URI names ({@code s3://openai-files/<file id>}) or the {@code file_id} tag; when
     * both name a file they must name the same one.
     */
    private static String inputFileId(Provider provider, JobRequest request) {
        String uri = request.input().s3Uri();
        int slash = uri.indexOf('/', "s3://".length());
        String key = slash < 0 ? "" : uri.substring(slash + 1);
        String fromKey = FileKeys.isFileId(provider, key) ? key : null;
        String fromTag = tag(request, TAG_FILE_ID, null);
        if (fromKey != null && fromTag != null && !fromKey.equals(fromTag)) {
            throw GatewayError.invalid("inputDataConfig", "The input s3Uri names file " + fromKey
                    + " but the file_id tag names " + fromTag + "; name one file.");
        }
        String fileId = fromKey != null ? fromKey : fromTag;
        if (fileId == null) {
            throw GatewayError.invalid("inputDataConfig", "For provider '" + provider.wireName() + "' the input is a "
                    + "file uploaded through the S3 files API with the same x-model-provider: set "
                    + "inputDataConfig.s3InputDataConfig.s3Uri to s3://<any bucket>/<file id> (the file id is the "
                    + "upload's ETag) or add the tag file_id. Got " + uri + ".");
        }
        return fileId;
    }

    private static String tag(JobRequest request, String key, String fallback) {
        if (request.tags() == null) {
            return fallback;
        }
        return request.tags().stream().filter(tag -> key.equals(tag.key())).map(JobRequest.Tag::value)
                .findFirst().orElse(fallback);
    }

    /**
     * The name the job was created with when the batch could keep it; otherwise one made from the batch id, within
     * Bedrock's jobName pattern, so every job has a name as the API promises.
     */
    private static String jobName(Provider provider, Batch batch, Map<String, String> metadata) {
        String kept = metadata.get(BatchFields.JOB_NAME);
        if (kept != null && !kept.isEmpty()) {
            return kept;
        }
        String name = provider.wireName() + "-"
                + NOT_IN_JOB_NAMES.matcher(CaravanIds.nativeId(batch.id())).replaceAll("");
        return name.length() <= 63 ? name : name.substring(0, 63);
    }

    private static String message(List<BatchError> errors) {
        if (errors == null || errors.isEmpty()) {
            return null;
        }
        return errors.stream().map(error -> error.line() == null ? error.message()
                : "line " + error.line() + ": " + error.message()).collect(Collectors.joining("; "));
    }

    private static InvocationJob.RecordCounts counts(RequestCounts counts) {
        if (counts == null) {
            return InvocationJob.RecordCounts.NONE;
        }
        return new InvocationJob.RecordCounts(counts.total(), counts.completed() + counts.failed(),
                counts.completed(), counts.failed());
    }

    private static Instant endTime(Batch batch) {
        return instant(Stream.of(batch.completedAt(), batch.failedAt(), batch.expiredAt(), batch.cancelledAt())
                .filter(Objects::nonNull).findFirst().orElse(null));
    }

    private static Instant lastModified(Batch batch) {
        return instant(Stream.of(batch.createdAt(), batch.inProgressAt(), batch.finalizingAt(), batch.completedAt(),
                        batch.failedAt(), batch.expiredAt(), batch.cancellingAt(), batch.cancelledAt())
                .filter(Objects::nonNull).max(Long::compare).orElse(null));
    }

    private static Instant instant(Long seconds) {
        return seconds == null ? null : Instant.ofEpochSecond(seconds);
    }
}
