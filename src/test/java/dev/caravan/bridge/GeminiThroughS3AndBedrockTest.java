package dev.caravan.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.CaravanApplication;
import dev.caravan.CaravanBedrock;
import dev.caravan.CaravanS3;
import dev.caravan.model.CaravanIds;
import dev.caravan.model.Provider;
import dev.caravan.sandbox.gemini.GeminiEmulator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.bedrock.BedrockClient;
import software.amazon.awssdk.services.bedrock.model.BedrockException;
import software.amazon.awssdk.services.bedrock.model.GetModelInvocationJobResponse;
import software.amazon.awssdk.services.bedrock.model.InternalServerException;
import software.amazon.awssdk.services.bedrock.model.ModelInvocationJobStatus;
import software.amazon.awssdk.services.bedrock.model.ModelInvocationJobSummary;
import software.amazon.awssdk.services.bedrock.model.ThrottlingException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The documents' boto3 workflow for Gemini (seed 002 "Gemini Provider"), with the Java SDK's S3Client and
 * BedrockClient sending {@code x-model-provider: gemini}: files are Gemini files whose Caravan id is the ETag, jobs
 * are Gemini batches, and Gemini's failures reach each client in its own envelope. Retries are off so each injected
 * fault is what the caller sees.
 */
@CamelMainTest(mainClass = CaravanApplication.class,
        propertyPlaceholderLocations = "file:application.properties",
        properties = {"camel.server.port=0", "camel.server.host=127.0.0.1", "caravan.sandbox.enabled=true",
                "caravan.sandbox.gemini.phase-duration=300ms", "caravan.gemini.retry.max-attempts=1",
                "caravan.gemini.circuit-breaker.minimum-calls=1000"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GeminiThroughS3AndBedrockTest {

    private static final AtomicLong UNIQUE = new AtomicLong(System.currentTimeMillis() / 1000);
    private static final String DOCUMENT_MODEL = "gemini-1.5-flash";
    private static final String MODEL = "gemini-2.5-flash";

    @BeanInject
    CamelContext context;

    private S3Client s3;
    private BedrockClient bedrock;

    @BeforeEach
    void clients() {
        if (s3 == null) {
            s3 = CaravanS3.clientBuilder(context, "gemini").build();
            bedrock = CaravanBedrock.clientBuilder(context, "gemini").build();
        }
    }

    @AfterEach
    void noFaultLeftOver() {
        gemini().injectFaults(500, "unused", 0);
    }

    @AfterAll
    void close() {
        if (s3 != null) {
            s3.close();
            bedrock.close();
        }
    }

    private GeminiEmulator gemini() {
        return CaravanS3.sandbox(context).gemini();
    }

    /** The document's create_gemini_jsonl. */
    static String documentLines(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> "{\"request\": {\"contents\": [{\"role\": \"user\", "
                + "\"parts\": [{\"text\": \"What is " + i + " + " + i + "? Answer briefly.\"}]}], "
                + "\"generationConfig\": {\"maxOutputTokens\": 100}}, \"metadata\": {\"key\": \"request-" + i + "\"}}")
                .collect(Collectors.joining("\n"));
    }

    private String put(String content) {
        return s3.putObject(put -> put.bucket("gemini-files").key("batch_" + UNIQUE.incrementAndGet() + ".jsonl")
                .contentType("application/jsonl"), RequestBody.fromString(content)).eTag().replace("\"", "");
    }

    private String createJob(String fileId, String model) {
        return bedrock.createModelInvocationJob(create -> create.jobName("gemini-e2e-" + UNIQUE.incrementAndGet())
                .modelId(model).roleArn("not-required-for-gemini")
                .inputDataConfig(input -> input.s3InputDataConfig(s3Input -> s3Input
                        .s3Uri("s3://gemini-files/" + fileId).s3InputFormat("JSONL")))
                .outputDataConfig(output -> output.s3OutputDataConfig(s3Output -> s3Output
                        .s3Uri("s3://gemini-output/")))).jobArn();
    }

    private GetModelInvocationJobResponse awaitEnd(String jobArn) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            GetModelInvocationJobResponse job = bedrock.getModelInvocationJob(get -> get.jobIdentifier(jobArn));
            assertFalse(job.status() == ModelInvocationJobStatus.UNKNOWN_TO_SDK_VERSION, job.statusAsString());
            if (Set.of("Completed", "Failed", "Stopped", "Expired").contains(job.statusAsString())
                    || Instant.now().isAfter(deadline)) {
                return job;
            }
            Thread.sleep(100);
        }
    }

    /**
     * As written: the document's model, gemini-1.5-flash, is retired, so Gemini answers each request with an error
     * line; the job still completes, in the list, with its three records counted as errors.
     */
    @Test
    void theDocumentedGeminiWorkflowRunsAsWritten() throws Exception {
        String fileId = put(documentLines(3));
        assertTrue(fileId.startsWith("file-gemini-"), fileId);
        String jobArn = createJob(fileId, DOCUMENT_MODEL);
        assertTrue(jobArn.contains(":model-invocation-job/gemini-"), jobArn);

        GetModelInvocationJobResponse job = awaitEnd(jobArn);
        assertEquals(ModelInvocationJobStatus.COMPLETED, job.status(), job.message());
        assertEquals(3L, job.totalRecordCount());
        assertEquals(3L, job.errorRecordCount());
        List<String> listed = bedrock.listModelInvocationJobs(list -> list.maxResults(20)).invocationJobSummaries()
                .stream().map(ModelInvocationJobSummary::jobArn).toList();
        assertTrue(listed.contains(jobArn), listed.toString());
    }

    @Test
    void withACurrentModelTheResultsDownloadAsBedrockRecords() throws Exception {
        String jobArn = createJob(put(documentLines(3)), MODEL);
        GetModelInvocationJobResponse job = awaitEnd(jobArn);
        assertEquals(ModelInvocationJobStatus.COMPLETED, job.status(), job.message());
        assertEquals(3L, job.successRecordCount());
        assertEquals(MODEL, job.modelId());

        String output = job.outputDataConfig().s3OutputDataConfig().s3Uri();
        String key = output.substring(output.indexOf('/', "s3://".length()) + 1);
        List<JsonNode> records = OpenAiThroughS3AndBedrockTest.lines(s3.getObjectAsBytes(get -> get
                .bucket("gemini-output").key(key)).asUtf8String());
        assertEquals(Set.of("request-1", "request-2", "request-3"),
                records.stream().map(record -> record.get("recordId").asText()).collect(Collectors.toSet()));
        records.forEach(record -> assertTrue(record.at("/modelOutput/output/message/content/0/text").asText()
                .contains("What is"), record.toString()));
    }

    @Test
    void aFileIsFoundByItsIdListedAndDeleted() {
        String content = documentLines(2);
        String fileId = put(content);
        assertEquals("\"" + fileId + "\"", s3.headObject(head -> head.bucket("your-s3-bucket")
                .key("bifrost-batch-input/batch_input.jsonl").ifMatch(fileId)).eTag());
        assertEquals(OpenAiThroughS3AndBedrockTest.lines(content), OpenAiThroughS3AndBedrockTest.lines(
                s3.getObjectAsBytes(get -> get.bucket("gemini-files").key(fileId)).asUtf8String()));
        assertTrue(s3.listObjectsV2(list -> list.bucket("gemini-files")).contents().stream()
                .anyMatch(object -> object.key().equals(fileId) && !object.key().isEmpty()));
        s3.deleteObject(delete -> delete.bucket("gemini-files").key(fileId).ifMatch(fileId));
        S3Exception gone = assertThrows(S3Exception.class, () -> s3.headObject(head -> head.bucket("gemini-files")
                .key(fileId)));
        assertEquals(404, gone.statusCode());
    }

    @Test
    void aJobStops() throws Exception {
        String jobArn = createJob(put(documentLines(2)), MODEL);
        bedrock.stopModelInvocationJob(stop -> stop.jobIdentifier(jobArn));
        GetModelInvocationJobResponse job = awaitEnd(jobArn);
        assertTrue(Set.of(ModelInvocationJobStatus.STOPPED, ModelInvocationJobStatus.COMPLETED)
                .contains(job.status()), job.statusAsString());
    }

    @Test
    void anUnknownGeminiFileIsNoSuchKeyAndAJobOnADeletedFileIsRefused() {
        String unknown = CaravanIds.wrap(CaravanIds.Kind.FILE, Provider.GEMINI, "files/nosuchfile");
        S3Exception missing = assertThrows(S3Exception.class, () -> s3.getObject(get -> get.bucket("gemini-files")
                .key(unknown)));
        assertEquals(404, missing.statusCode());
        assertEquals("NoSuchKey", missing.awsErrorDetails().errorCode());

        String deleted = put(documentLines(1));
        s3.deleteObject(delete -> delete.bucket("gemini-files").key(deleted));
        BedrockException refused = assertThrows(BedrockException.class, () -> createJob(deleted, MODEL));
        assertTrue(refused.statusCode() == 400 || refused.statusCode() == 404, refused.getMessage());
    }

    @Test
    void geminisRateLimitAndFailuresReachEachClientInItsEnvelope() {
        String fileId = put(documentLines(1));
        gemini().injectFaults(429, "Resource has been exhausted (e.g. check quota).", 1);
        S3Exception slowDown = assertThrows(S3Exception.class, () -> s3.headObject(head -> head
                .bucket("gemini-files").key(fileId)));
        assertEquals(503, slowDown.statusCode());

        gemini().injectFaults(429, "Resource has been exhausted (e.g. check quota).", 1);
        ThrottlingException throttled = assertThrows(ThrottlingException.class,
                () -> bedrock.listModelInvocationJobs(list -> list.maxResults(5)));
        assertTrue(throttled.getMessage().contains("exhausted"), throttled.getMessage());

        gemini().injectFaults(500, "Internal error encountered.", 1);
        InternalServerException internal = assertThrows(InternalServerException.class,
                () -> bedrock.listModelInvocationJobs(list -> list.maxResults(5)));
        assertTrue(internal.getMessage().contains("Internal error encountered"), internal.getMessage());

        gemini().injectFaults(503, "The service is currently unavailable.", 1);
        S3Exception unavailable = assertThrows(S3Exception.class, () -> s3.getObject(get -> get
                .bucket("gemini-files").key(fileId)));
        assertEquals(503, unavailable.statusCode());
    }
}
