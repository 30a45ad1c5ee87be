package dev.caravan.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caravan.CaravanApplication;
import dev.caravan.CaravanBedrock;
import dev.caravan.CaravanS3;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.bedrock.BedrockClient;
import software.amazon.awssdk.services.bedrock.model.CreateModelInvocationJobRequest;
import software.amazon.awssdk.services.bedrock.model.GetModelInvocationJobResponse;
import software.amazon.awssdk.services.bedrock.model.ModelInvocationJobStatus;
import software.amazon.awssdk.services.bedrock.model.ModelInvocationJobSummary;
import software.amazon.awssdk.services.bedrock.model.ResourceNotFoundException;
import software.amazon.awssdk.services.bedrock.model.ValidationException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The documents' boto3 workflow for the OpenAI provider (seed 002 "OpenAI Provider"), with the Java SDK's S3Client
 * and BedrockClient sending {@code x-model-provider: openai}: files are OpenAI files whose id is the ETag, jobs are
 * OpenAI batches with one ARN form, statuses stay in Bedrock's enum, results download as Bedrock records.
 */
@CamelMainTest(mainClass = CaravanApplication.class,
        propertyPlaceholderLocations = "file:application.properties",
        properties = {"camel.server.port=0", "camel.server.host=127.0.0.1", "caravan.sandbox.enabled=true",
                "caravan.sandbox.openai.phase-duration=300ms"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenAiThroughS3AndBedrockTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong UNIQUE = new AtomicLong(System.currentTimeMillis() / 1000);
    private static final String MODEL = "gpt-4o-mini";

    @BeanInject
    CamelContext context;

    private S3Client s3;
    private BedrockClient bedrock;

    @BeforeEach
    void clients() {
        if (s3 == null) {
            s3 = CaravanS3.clientBuilder(context, "openai").build();
            bedrock = CaravanBedrock.clientBuilder(context, "openai").build();
        }
    }

    @AfterAll
    void close() {
        if (s3 != null) {
            s3.close();
            bedrock.close();
        }
    }

    /** The document's create_openai_jsonl. */
    static String documentLines(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> "{\"custom_id\": \"request-" + i + "\", \"method\": "
                + "\"POST\", \"url\": \"/v1/chat/completions\", \"body\": {\"model\": \"" + MODEL + "\", "
                + "\"messages\": [{\"role\": \"user\", \"content\": \"What is " + i + " + " + i + "? Answer briefly.\"}"
                + "], \"max_tokens\": 100}}").collect(Collectors.joining("\n"));
    }

    private String put(String content) {
        String etag = s3.putObject(put -> put.bucket("openai-files").key("batch_" + UNIQUE.incrementAndGet() + ".jsonl")
                .contentType("application/jsonl"), RequestBody.fromString(content)).eTag();
        return etag.replace("\"", "");
    }

    private CreateModelInvocationJobRequest documentJob(String fileId) {
        return CreateModelInvocationJobRequest.builder()
                .jobName("openai-e2e-" + UNIQUE.incrementAndGet())
                .modelId(MODEL)
                .roleArn("not-required-for-openai")
                .inputDataConfig(input -> input.s3InputDataConfig(s3Input -> s3Input
                        .s3Uri("s3://openai-files/" + fileId).s3InputFormat("JSONL")))
                .outputDataConfig(output -> output.s3OutputDataConfig(s3Output -> s3Output
                        .s3Uri("s3://openai-output/")))
                .tags(tag -> tag.key("endpoint").value("/v1/chat/completions"),
                        tag -> tag.key("file_id").value(fileId))
                .build();
    }

    private GetModelInvocationJobResponse awaitEnd(String jobArn, List<ModelInvocationJobStatus> seen)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            GetModelInvocationJobResponse job = bedrock.getModelInvocationJob(get -> get.jobIdentifier(jobArn));
            seen.add(job.status());
            if (Set.of("Completed", "Failed", "Stopped", "Expired").contains(job.statusAsString())
                    || Instant.now().isAfter(deadline)) {
                return job;
            }
            Thread.sleep(100);
        }
    }

    @Test
    void theDocumentedOpenAiWorkflowRunsAsWritten() throws Exception {
        String fileId = put(documentLines(3));
        assertTrue(fileId.startsWith("file-"), fileId);

        CreateModelInvocationJobRequest request = documentJob(fileId);
        String jobArn = bedrock.createModelInvocationJob(request).jobArn();
        assertTrue(jobArn.matches("arn:aws:bedrock:[a-z0-9-]+:[0-9]{12}:model-invocation-job/"
                + "openai-[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)?"), jobArn);

        List<ModelInvocationJobStatus> seen = new ArrayList<>();
        GetModelInvocationJobResponse job = awaitEnd(jobArn, seen);
        assertEquals(ModelInvocationJobStatus.COMPLETED, job.status(), job.message());
        assertFalse(seen.contains(ModelInvocationJobStatus.UNKNOWN_TO_SDK_VERSION), seen.toString());
        assertEquals(jobArn, job.jobArn());
        assertEquals(request.jobName(), job.jobName());
        assertEquals(MODEL, job.modelId());
        assertEquals(3L, job.totalRecordCount());
        assertEquals(3L, job.processedRecordCount());
        assertEquals(3L, job.successRecordCount());
        assertEquals(0L, job.errorRecordCount());
        assertEquals("s3://openai-files/" + fileId, job.inputDataConfig().s3InputDataConfig().s3Uri());
        assertTrue(job.endTime() != null && job.submitTime() != null, job.toString());

        List<String> listed = bedrock.listModelInvocationJobs(list -> list.maxResults(20))
                .invocationJobSummaries().stream().map(ModelInvocationJobSummary::jobArn).toList();
        assertTrue(listed.contains(jobArn), listed.toString());

        // the job names the object its results are in; the same client downloads them as Bedrock records
        String output = job.outputDataConfig().s3OutputDataConfig().s3Uri();
        assertTrue(output.startsWith("s3://openai-output/") && output.endsWith(".out"), output);
        String bucket = output.substring("s3://".length(), output.indexOf('/', "s3://".length()));
        String key = output.substring(output.indexOf('/', "s3://".length()) + 1);
        List<JsonNode> records = lines(s3.getObjectAsBytes(get -> get.bucket(bucket).key(key)).asUtf8String());
        assertEquals(Set.of("request-1", "request-2", "request-3"),
                records.stream().map(record -> record.get("recordId").asText()).collect(Collectors.toSet()));
        for (JsonNode record : records) {
            assertFalse(record.at("/modelOutput/output/message/content/0/text").asText().isBlank(),
                    record.toString());
        }
    }

    @Test
    void aFileIsFoundByItsIdAsIfMatchOrAsItsKey() {
        String content = documentLines(2);
        String fileId = put(content);

        HeadObjectResponse head = s3.headObject(h -> h.bucket("your-s3-bucket")
                .key("bifrost-batch-input/batch_input.jsonl").ifMatch(fileId));
        assertEquals("\"" + fileId + "\"", head.eTag());
        assertEquals(content.length(), head.contentLength());

        assertEquals(content, s3.getObjectAsBytes(get -> get.bucket("openai-files").key(fileId)).asUtf8String());
        assertEquals(content, s3.getObjectAsBytes(get -> get.bucket("any").key("any/key.jsonl").ifMatch(fileId))
                .asUtf8String());

        List<S3Object> listed = s3.listObjectsV2(list -> list.bucket("openai-files")).contents();
        S3Object entry = listed.stream().filter(object -> object.key().equals(fileId)).findFirst().orElseThrow();
        assertEquals(content.length(), entry.size());

        s3.deleteObject(delete -> delete.bucket("your-s3-bucket").key("bifrost-batch-input/batch_input.jsonl")
                .ifMatch(fileId));
        S3Exception gone = assertThrows(S3Exception.class, () -> s3.headObject(h -> h.bucket("openai-files")
                .key(fileId)));
        assertEquals(404, gone.statusCode());
        assertFalse(s3.listObjectsV2(list -> list.bucket("openai-files")).contents().stream()
                .anyMatch(object -> object.key().equals(fileId)));
    }

    @Test
    void aKeyThatIsNoFileIdIsNoSuchKey() {
        S3Exception missing = assertThrows(S3Exception.class, () -> s3.getObject(get -> get.bucket("openai-files")
                .key("bifrost-batch-input/batch_input.jsonl")));
        assertEquals(404, missing.statusCode());
        assertEquals("NoSuchKey", missing.awsErrorDetails().errorCode());
        assertTrue(missing.getMessage().contains("IfMatch"), missing.getMessage());
    }

    @Test
    void anInvalidBatchFileIsRefusedWithItsLineNumberAndNothingIsUploaded() {
        int before = s3.listObjectsV2(list -> list.bucket("openai-files")).contents().size();
        String broken = documentLines(2) + "\n{\"custom_id\": \"request-1\", \"method\": \"POST\"";
        S3Exception refused = assertThrows(S3Exception.class, () -> put(broken));
        assertEquals(400, refused.statusCode());
        assertTrue(refused.getMessage().contains("line 3"), refused.getMessage());
        assertEquals(before, s3.listObjectsV2(list -> list.bucket("openai-files")).contents().size());
    }

    @Test
    void multipartUploadsAreNotImplementedForProviderFiles() {
        S3Exception refused = assertThrows(S3Exception.class, () -> s3.createMultipartUpload(create -> create
                .bucket("openai-files").key("big.jsonl")));
        assertEquals(501, refused.statusCode());
        assertEquals("NotImplemented", refused.awsErrorDetails().errorCode());
    }

    @Test
    void aStoppedJobStopsAndStaysInBedrocksEnum() throws Exception {
        String jobArn = bedrock.createModelInvocationJob(documentJob(put(documentLines(2)))).jobArn();
        bedrock.stopModelInvocationJob(stop -> stop.jobIdentifier(jobArn));
        GetModelInvocationJobResponse stopping = bedrock.getModelInvocationJob(get -> get.jobIdentifier(jobArn));
        assertTrue(Set.of(ModelInvocationJobStatus.STOPPING, ModelInvocationJobStatus.STOPPED,
                ModelInvocationJobStatus.COMPLETED).contains(stopping.status()), stopping.statusAsString());
        GetModelInvocationJobResponse ended = awaitEnd(jobArn, new ArrayList<>());
        assertTrue(Set.of(ModelInvocationJobStatus.STOPPED, ModelInvocationJobStatus.COMPLETED)
                .contains(ended.status()), ended.statusAsString());
    }

    @Test
    void aJobInputThatNamesNoFileIsAValidationException() {
        ValidationException refused = assertThrows(ValidationException.class, () -> bedrock.createModelInvocationJob(
                documentJob("x").toBuilder().inputDataConfig(input -> input.s3InputDataConfig(s3Input -> s3Input
                        .s3Uri("s3://openai-files/batch_input.jsonl"))).tags(List.of()).build()));
        assertTrue(refused.getMessage().contains("file_id"), refused.getMessage());
    }

    @Test
    void aJobCaravanDidNotMakeIsNotFound() {
        String forged = "arn:aws:bedrock:us-west-2:000000000000:model-invocation-job/openai-YmF0Y2hfbm9wZQ";
        assertThrows(ResourceNotFoundException.class, () -> bedrock.getModelInvocationJob(get -> get
                .jobIdentifier(forged)));
        assertThrows(ResourceNotFoundException.class, () -> bedrock.getModelInvocationJob(get -> get
                .jobIdentifier("abcdef123456")));
    }

    @Test
    void anArnOfAnotherProviderContradictsTheHeader() throws Exception {
        String jobArn = bedrock.createModelInvocationJob(documentJob(put(documentLines(1)))).jobArn();
        try (BedrockClient asBedrock = CaravanBedrock.clientBuilder(context, "bedrock").build();
             BedrockClient noHeader = CaravanBedrock.client(context)) {
            ValidationException refused = assertThrows(ValidationException.class,
                    () -> asBedrock.getModelInvocationJob(get -> get.jobIdentifier(jobArn)));
            assertTrue(refused.getMessage().contains("contradicts"), refused.getMessage());
            // with no header, the ARN alone routes the call
            assertEquals(jobArn, noHeader.getModelInvocationJob(get -> get.jobIdentifier(jobArn)).jobArn());
        }
        assertNotEquals("", jobArn);
    }

    static List<JsonNode> lines(String jsonl) {
        return jsonl.lines().filter(line -> !line.isBlank()).map(line -> {
            try {
                return JSON.readTree(line);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
    }
}
