package dev.caravan.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.CaravanApplication;
import dev.caravan.CaravanBedrock;
import dev.caravan.CaravanS3;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.bedrock.BedrockClient;
import software.amazon.awssdk.services.bedrock.model.GetModelInvocationJobResponse;
import software.amazon.awssdk.services.bedrock.model.ModelInvocationJobStatus;
import software.amazon.awssdk.services.bedrock.model.ModelInvocationJobSummary;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Anthropic from the S3 files API and the Bedrock batch API, with Caravan's own store keeping the files (the sandbox
 * turns caravan.anthropic.s3-files on): a file put with {@code x-model-provider: anthropic} becomes a message batch
 * when a job names it, and the job's results download as Bedrock records.
 */
@CamelMainTest(mainClass = CaravanApplication.class,
        propertyPlaceholderLocations = "file:application.properties",
        properties = {"camel.server.port=0", "camel.server.host=127.0.0.1", "caravan.sandbox.enabled=true",
                "caravan.sandbox.anthropic.phase-duration=300ms"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnthropicThroughS3AndBedrockTest {

    private static final AtomicLong UNIQUE = new AtomicLong(System.currentTimeMillis() / 1000);
    private static final String MODEL = "claude-sonnet-4-5";

    @BeanInject
    CamelContext context;

    private S3Client s3;
    private BedrockClient bedrock;

    @BeforeEach
    void clients() {
        if (s3 == null) {
            s3 = CaravanS3.clientBuilder(context, "anthropic").build();
            bedrock = CaravanBedrock.clientBuilder(context, "anthropic").build();
        }
    }

    @AfterAll
    void close() {
        if (s3 != null) {
            s3.close();
            bedrock.close();
        }
    }

    static String anthropicLines(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> "{\"custom_id\": \"request-" + i + "\", \"params\": "
                + "{\"model\": \"" + MODEL + "\", \"max_tokens\": 100, \"messages\": [{\"role\": \"user\", "
                + "\"content\": \"What is " + i + " + " + i + "?\"}]}}").collect(Collectors.joining("\n"));
    }

    @Test
    void aFilePutForAnthropicRunsAsAJobAndItsResultsDownloadAsBedrockRecords() throws Exception {
        String content = anthropicLines(3);
        String fileId = s3.putObject(put -> put.bucket("anthropic-files").key("batch_" + UNIQUE.incrementAndGet()
                + ".jsonl"), RequestBody.fromString(content)).eTag().replace("\"", "");
        assertTrue(fileId.startsWith("file-anthropic-"), fileId);
        assertEquals(content.length(), s3.headObject(head -> head.bucket("any-bucket").key("any/key.jsonl")
                .ifMatch(fileId)).contentLength());
        List<JsonNode> stored = OpenAiThroughS3AndBedrockTest.lines(s3.getObjectAsBytes(get -> get.bucket("any-bucket")
                .key(fileId)).asUtf8String());
        assertEquals(OpenAiThroughS3AndBedrockTest.lines(content), stored);

        String jobArn = bedrock.createModelInvocationJob(create -> create.jobName("anthropic-e2e")
                .modelId(MODEL).roleArn("not-required-for-anthropic")
                .inputDataConfig(input -> input.s3InputDataConfig(s3Input -> s3Input
                        .s3Uri("s3://anthropic-files/" + fileId)))
                .outputDataConfig(output -> output.s3OutputDataConfig(s3Output -> s3Output
                        .s3Uri("s3://anthropic-output/")))).jobArn();
        assertTrue(jobArn.contains(":model-invocation-job/anthropic-"), jobArn);

        GetModelInvocationJobResponse job;
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        do {
            Thread.sleep(100);
            job = bedrock.getModelInvocationJob(get -> get.jobIdentifier(jobArn));
            assertFalse(job.status() == ModelInvocationJobStatus.UNKNOWN_TO_SDK_VERSION, job.statusAsString());
        } while (!job.status().equals(ModelInvocationJobStatus.COMPLETED) && Instant.now().isBefore(deadline));
        assertEquals(ModelInvocationJobStatus.COMPLETED, job.status(), job.message());
        assertEquals(3L, job.successRecordCount());
        // an Anthropic batch keeps no name: the job is named after its batch, within Bedrock's pattern
        assertTrue(job.jobName().matches("anthropic-[A-Za-z0-9]+"), job.jobName());

        List<String> listed = bedrock.listModelInvocationJobs(list -> list.maxResults(20)).invocationJobSummaries()
                .stream().map(ModelInvocationJobSummary::jobArn).toList();
        assertTrue(listed.contains(jobArn), listed.toString());

        String output = job.outputDataConfig().s3OutputDataConfig().s3Uri();
        String key = output.substring(output.indexOf('/', "s3://".length()) + 1);
        List<JsonNode> records = OpenAiThroughS3AndBedrockTest.lines(s3.getObjectAsBytes(get -> get
                .bucket("anthropic-output").key(key)).asUtf8String());
        assertEquals(Set.of("request-1", "request-2", "request-3"),
                records.stream().map(record -> record.get("recordId").asText()).collect(Collectors.toSet()));
        records.forEach(record -> assertFalse(record.at("/modelOutput/output/message/content/0/text").asText()
                .isBlank(), record.toString()));
    }

    @Test
    void withoutTheHeaderAWrappedFileIdNamesItsProviderAndAContradictionIsRefused() {
        String fileId = s3.putObject(put -> put.bucket("anthropic-files").key("batch.jsonl"),
                RequestBody.fromString(anthropicLines(1))).eTag().replace("\"", "");
        try (S3Client noHeader = CaravanS3.clientBuilder(context).build();
             S3Client asBedrock = CaravanS3.clientBuilder(context, "bedrock").build()) {
            assertEquals("\"" + fileId + "\"", noHeader.headObject(head -> head.bucket("any-bucket").key("in.jsonl")
                    .ifMatch(fileId)).eTag());
            S3Exception contradiction = assertThrows(S3Exception.class, () -> asBedrock.headObject(head -> head
                    .bucket("any-bucket").key(fileId)));
            assertEquals(400, contradiction.statusCode());
        }
    }
}
