package dev.caravan.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.caravan.model.Batch;
import dev.caravan.model.BatchStatus;
import dev.caravan.model.CaravanIds;
import dev.caravan.model.GatewayError;
import dev.caravan.model.Provider;
import dev.caravan.model.RequestCounts;
import dev.caravan.model.command.CreateBatch;
import dev.caravan.model.command.CreateJob;
import dev.caravan.model.job.InvocationJob;
import dev.caravan.model.job.JobRequest;
import dev.caravan.model.job.JobStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobsAsBatchesTest {

    private final JobsAsBatches jobs = new JobsAsBatches(new JobArns("us-west-2", "000000000000"));

    @Test
    void everyBatchStatusIsABedrockStatus() {
        Map<BatchStatus, JobStatus> expected = Map.of(BatchStatus.VALIDATING, JobStatus.VALIDATING,
                BatchStatus.IN_PROGRESS, JobStatus.IN_PROGRESS, BatchStatus.FINALIZING, JobStatus.IN_PROGRESS,
                BatchStatus.COMPLETED, JobStatus.COMPLETED, BatchStatus.FAILED, JobStatus.FAILED,
                BatchStatus.EXPIRED, JobStatus.EXPIRED, BatchStatus.CANCELLING, JobStatus.STOPPING,
                BatchStatus.CANCELLED, JobStatus.STOPPED);
        for (BatchStatus status : BatchStatus.values()) {
            assertEquals(expected.get(status), JobStatus.ofBatch(status), status.name());
        }
    }

    @Test
    void aBatchReadsAsAJobWithItsCountsNameAndResultsObject() {
        Batch batch = new Batch("batch_abc", "/v1/chat/completions", null, "file-in", "24h", BatchStatus.COMPLETED,
                "file-out", null, 100L, 101L, null, 102L, 103L, null, null, null, null,
                new RequestCounts(5, 4, 1), null, null,
                Map.of("job_name", "nightly", "model_id", "gpt-4o-mini", "output_s3_uri", "s3://results/run/"));
        InvocationJob job = jobs.job(batch, "openai");
        assertEquals("arn:aws:bedrock:us-west-2:000000000000:model-invocation-job/"
                + CaravanIds.token(CaravanIds.Kind.BATCH, Provider.OPENAI, "batch_abc"), job.jobArn());
        assertEquals("nightly", job.jobName());
        assertEquals("gpt-4o-mini", job.modelId());
        assertEquals(new InvocationJob.RecordCounts(5L, 5L, 4L, 1L), job.counts());
        assertEquals("s3://openai-files/file-in", job.input().s3Uri());
        assertEquals("s3://results/run/batch_abc.out", job.output().s3Uri());
        assertEquals(103L, job.endTime().getEpochSecond());
        assertEquals(103L, job.lastModifiedTime().getEpochSecond());
        assertEquals(batch.id(), ResultObjects.batchId(Provider.OPENAI, "run/batch_abc.out").orElseThrow());
    }

    @Test
    void aBatchThatKeptNoNameIsNamedWithinBedrocksPattern() {
        String id = CaravanIds.wrap(CaravanIds.Kind.BATCH, Provider.ANTHROPIC, "msgbatch_01HkcTjaV5uDC8jWR4ZsDV8d");
        Batch batch = new Batch(id, "/v1/chat/completions", null, "", "24h", BatchStatus.IN_PROGRESS, null, null,
                100L, null, null, null, null, null, null, null, null, new RequestCounts(2, 0, 0), null, null, null);
        InvocationJob job = jobs.job(batch, "anthropic");
        assertTrue(job.jobName().matches("[a-zA-Z0-9]{1,63}(-*[a-zA-Z0-9\\+\\-\\.]){0,63}"), job.jobName());
        assertNull(job.endTime());
        assertEquals("s3://anthropic-output/" + id + ".out", job.output().s3Uri());
    }

    @Test
    void theInputIsTheFileTheUriOrTheTagNames() {
        String fileId = "file-abc123";
        CreateBatch fromUri = jobs.createBatch(create("s3://openai-files/" + fileId, List.of()), "openai");
        assertEquals(fileId, fromUri.inputFileId());
        assertEquals(Map.of("job_name", "job", "model_id", "gpt-4o-mini", "output_s3_uri", "s3://openai-output/"),
                fromUri.metadata());
        CreateBatch fromTag = jobs.createBatch(create("s3://openai-files/input.jsonl",
                List.of(new JobRequest.Tag("file_id", fileId), new JobRequest.Tag("endpoint", "/v1/embeddings"))),
                "openai");
        assertEquals(fileId, fromTag.inputFileId());
        assertEquals("/v1/embeddings", fromTag.endpoint());
        GatewayError contradiction = assertThrows(GatewayError.class, () -> jobs.createBatch(create(
                "s3://openai-files/" + fileId, List.of(new JobRequest.Tag("file_id", "file-other"))), "openai"));
        assertTrue(contradiction.getMessage().contains("file-other"), contradiction.getMessage());
        assertThrows(GatewayError.class, () -> jobs.createBatch(create("s3://openai-files/x.jsonl", List.of()),
                "openai"));
        // Anthropic keeps no metadata, Gemini needs the model
        assertNull(jobs.createBatch(create("s3://b/" + CaravanIds.wrap(CaravanIds.Kind.FILE, Provider.ANTHROPIC,
                "anthropic/x"), List.of()), "anthropic").metadata());
        assertEquals("gpt-4o-mini", jobs.createBatch(create("s3://b/" + CaravanIds.wrap(CaravanIds.Kind.FILE,
                Provider.GEMINI, "files/x"), List.of()), "gemini").extra().get("model").asText());
    }

    private static CreateJob create(String inputUri, List<JobRequest.Tag> tags) {
        return new CreateJob("openai", new JobRequest("job", "not-required-for-openai", "gpt-4o-mini",
                new JobRequest.S3Input(inputUri, "JSONL", null), new JobRequest.S3Output("s3://openai-output/", null,
                null), null, null, null, tags, null));
    }
}
