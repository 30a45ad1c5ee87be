package dev.caravan.provider.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.caravan.jsonl.ResultSelection;
import dev.caravan.model.Batch;
import dev.caravan.model.BatchStatus;
import dev.caravan.model.RequestCounts;
import dev.caravan.model.job.InvocationJob;
import dev.caravan.model.job.JobRequest;
import dev.caravan.model.job.JobStatus;
import dev.caravan.model.object.ObjectAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A Bedrock model invocation job as an OpenAI batch (DESIGN §5). */
class JobBatchMappingTest {

    private static final String ARN = "arn:aws:bedrock:us-east-1:123456789012:model-invocation-job/abcdefghijkl";
    private static final String MODEL = "anthropic.claude-3-sonnet-20240229-v1:0";
    private static final Instant SUBMIT = Instant.parse("2026-11-23T10:00:00Z");
    private static final Instant CHANGED = Instant.parse("2026-11-23T10:05:00Z");
    private static final Instant END = Instant.parse("2026-11-23T11:00:00Z");

    private static InvocationJob job(JobStatus status, InvocationJob.RecordCounts counts, String message) {
        return new InvocationJob(ARN, "job", MODEL, null, "arn:aws:iam::123456789012:role/r", status, message,
                SUBMIT, CHANGED, status.ended() ? END : null,
                new JobRequest.S3Input("s3://b/batch-input/in.jsonl", "JSONL", null),
                new JobRequest.S3Output("s3://b/batch-output", null, null), null, 24, null, "InvokeModel", counts);
    }

    private static Batch batch(JobStatus status, InvocationJob.RecordCounts counts) {
        return JobBatchMapping.batch(job(status, counts, null), Optional.empty(), null);
    }

    @Test
    void every_bedrock_status_maps_onto_openais() {
        Map<JobStatus, BatchStatus> expected = Map.of(
                JobStatus.SUBMITTED, BatchStatus.VALIDATING,
                JobStatus.VALIDATING, BatchStatus.VALIDATING,
                JobStatus.SCHEDULED, BatchStatus.VALIDATING,
                JobStatus.IN_PROGRESS, BatchStatus.IN_PROGRESS,
                JobStatus.COMPLETED, BatchStatus.COMPLETED,
                JobStatus.PARTIALLY_COMPLETED, BatchStatus.COMPLETED,
                JobStatus.FAILED, BatchStatus.FAILED,
                JobStatus.STOPPING, BatchStatus.CANCELLING,
                JobStatus.STOPPED, BatchStatus.CANCELLED,
                JobStatus.EXPIRED, BatchStatus.EXPIRED);
        assertEquals(JobStatus.values().length, expected.size(), "every status is covered");
        expected.forEach((job, batch) -> assertEquals(batch, JobBatchMapping.status(job), job.wireName()));
    }

    @Test
    void a_completed_job_has_times_counts_and_result_files() {
        Batch batch = batch(JobStatus.COMPLETED, new InvocationJob.RecordCounts(3L, 3L, 3L, 0L));

        assertEquals("batch-bedrock-" + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(ARN.getBytes(StandardCharsets.UTF_8)), batch.id());
        assertEquals(BatchStatus.COMPLETED, batch.status());
        assertEquals(SUBMIT.getEpochSecond(), batch.createdAt());
        assertEquals(END.getEpochSecond(), batch.completedAt());
        assertEquals(SUBMIT.plusSeconds(24 * 3600).getEpochSecond(), batch.expiresAt());
        assertEquals(new RequestCounts(3, 3, 0), batch.requestCounts());
        assertEquals("/v1/chat/completions", batch.endpoint());
        assertEquals("24h", batch.completionWindow());
        assertEquals(MODEL, batch.model());
        assertEquals(new BedrockFileId.Stored(new ObjectAddress("b", "batch-input/in.jsonl")).id(),
                batch.inputFileId());
        assertEquals(new BedrockFileId.Results(ResultSelection.SUCCEEDED, MODEL,
                new ObjectAddress("b", "batch-output/abcdefghijkl/in.jsonl.out")).id(), batch.outputFileId());
        assertNull(batch.errorFileId(), "nothing failed");
        assertNull(batch.errors());
    }

    @Test
    void partially_completed_is_completed_with_failures_and_both_files() {
        Batch batch = batch(JobStatus.PARTIALLY_COMPLETED, new InvocationJob.RecordCounts(4L, 4L, 3L, 1L));

        assertEquals(BatchStatus.COMPLETED, batch.status());
        assertEquals(new RequestCounts(4, 3, 1), batch.requestCounts());
        assertTrue(batch.outputFileId() != null && batch.errorFileId() != null);
    }

    @Test
    void a_failed_job_carries_bedrocks_message_as_its_error() {
        Batch batch = JobBatchMapping.batch(job(JobStatus.FAILED, InvocationJob.RecordCounts.NONE,
                "The role cannot read s3://b/batch-input/in.jsonl"), Optional.empty(), null);

        assertEquals(BatchStatus.FAILED, batch.status());
        assertEquals(END.getEpochSecond(), batch.failedAt());
        assertEquals("The role cannot read s3://b/batch-input/in.jsonl", batch.errors().get(0).message());
        assertEquals(new RequestCounts(0, 0, 0), batch.requestCounts());
        assertNull(batch.outputFileId());
    }

    @Test
    void running_stopping_and_stopped_have_their_own_times_and_no_files_until_ended() {
        Batch running = batch(JobStatus.IN_PROGRESS, new InvocationJob.RecordCounts(5L, 2L, 2L, 0L));
        assertEquals(CHANGED.getEpochSecond(), running.inProgressAt());
        assertNull(running.outputFileId(), "results are read once the job has ended");

        assertEquals(CHANGED.getEpochSecond(), batch(JobStatus.STOPPING, InvocationJob.RecordCounts.NONE)
                .cancellingAt());
        Batch stopped = batch(JobStatus.STOPPED, new InvocationJob.RecordCounts(5L, 2L, 2L, 0L));
        assertEquals(END.getEpochSecond(), stopped.cancelledAt());
        assertTrue(stopped.outputFileId() != null, "a stopped job's finished records are readable");
    }

    @Test
    void a_job_without_counts_takes_them_and_its_usage_from_the_manifest() {
        JobBatchMapping.JobManifest manifest = new JobBatchMapping.JobManifest(3, 3, 2, 1, 120, 40);

        Batch batch = JobBatchMapping.batch(job(JobStatus.COMPLETED, InvocationJob.RecordCounts.NONE, null),
                Optional.of(manifest), null);

        assertEquals(new RequestCounts(3, 2, 1), batch.requestCounts());
        assertEquals(120, batch.usage().inputTokens());
        assertEquals(160, batch.usage().totalTokens());
        assertTrue(batch.outputFileId() != null && batch.errorFileId() != null);
    }

    @Test
    void a_job_whose_input_was_a_prefix_names_its_results_folder() {
        InvocationJob job = new InvocationJob(ARN, "job", MODEL, null, null, JobStatus.COMPLETED, null, SUBMIT,
                CHANGED, END, new JobRequest.S3Input("s3://b/inputs/", "JSONL", null),
                new JobRequest.S3Output("s3://b/out/", null, null), null, null, null, null,
                new InvocationJob.RecordCounts(2L, 2L, 2L, 0L));

        Batch batch = JobBatchMapping.batch(job, Optional.empty(), null);

        assertEquals(new BedrockFileId.Results(ResultSelection.SUCCEEDED, MODEL,
                new ObjectAddress("b", "out/abcdefghijkl/")).id(), batch.outputFileId());
    }

    @Test
    void embeddings_models_run_the_embeddings_endpoint() {
        assertEquals("/v1/embeddings", JobBatchMapping.endpoint("amazon.titan-embed-text-v2:0"));
        assertEquals("/v1/chat/completions", JobBatchMapping.endpoint("us.amazon.nova-lite-v1:0"));
    }
}
