package dev.caravan.surface.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caravan.CaravanApplication;
import dev.caravan.CaravanBedrock;
import dev.caravan.CaravanClients;
import dev.caravan.CaravanS3;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
import software.amazon.awssdk.services.bedrock.model.ValidationException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The Bedrock batch API through Caravan on the sandbox, the way the documents use it (seed 002's Bedrock end-to-end
 * workflow, written with the Java SDK), and what Caravan itself checks before a job reaches Bedrock: the role, the
 * input object, its lines, its record count.
 */
@CamelMainTest(mainClass = CaravanApplication.class,
        propertyPlaceholderLocations = "file:application.properties",
        properties = {"camel.server.port=0", "camel.server.host=127.0.0.1", "caravan.sandbox.enabled=true",
                "caravan.sandbox.bedrock.phase-duration=300ms"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BedrockJobsSurfaceTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String BUCKET = "your-s3-bucket";
    static final String CLAUDE = "anthropic.claude-3-sonnet-20240229-v1:0";
    private static final AtomicLong UNIQUE = new AtomicLong(System.currentTimeMillis() / 1000);

    @BeanInject
    CamelContext context;

    BedrockClient bedrock;
    S3Client s3;

    // camel-test-main injects the context per test, after @BeforeAll has run
    @BeforeEach
    void clients() {
        if (bedrock == null) {
            bedrock = CaravanBedrock.client(context);
            s3 = CaravanS3.clientBuilder(context).build();
        }
    }

    @AfterAll
    void close() {
        if (bedrock != null) {
            bedrock.close();
            s3.close();
        }
    }

    /** The document's create_batch_jsonl: Converse-shaped records, as the Bedrock example uploads them. */
    static String documentLines(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> "{\"recordId\": \"request-" + i + "\", \"modelInput\": "
                + "{\"messages\": [{\"role\": \"user\", \"content\": [{\"text\": \"What is " + i + " + " + i
                + "? Answer briefly.\"}]}], \"inferenceConfig\": {\"maxTokens\": 100}}}")
                .collect(Collectors.joining("\n"));
    }

    String upload(String content) {
        String key = "bifrost-batch-input/batch_" + UNIQUE.incrementAndGet() + ".jsonl";
        s3.putObject(put -> put.bucket(BUCKET).key(key).contentType("application/jsonl"),
                RequestBody.fromString(content));
        return key;
    }

    CreateModelInvocationJobRequest.Builder documentJob(String inputKey) {
        return CreateModelInvocationJobRequest.builder()
                .jobName("bifrost-e2e-" + UNIQUE.incrementAndGet())
                .modelId(CLAUDE)
                .inputDataConfig(input -> input.s3InputDataConfig(s3Input -> s3Input
                        .s3Uri("s3://" + BUCKET + "/" + inputKey).s3InputFormat("JSONL")))
                .outputDataConfig(output -> output.s3OutputDataConfig(s3Output -> s3Output
                        .s3Uri("s3://" + BUCKET + "/bifrost-batch-output/")))
                .tags(tag -> tag.key("endpoint").value("/v1/chat/completions"),
                        tag -> tag.key("file_id").value("etag"));
    }

    GetModelInvocationJobResponse awaitEnd(String jobArn) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            GetModelInvocationJobResponse job = bedrock.getModelInvocationJob(get -> get.jobIdentifier(jobArn));
            if (Set.of("Completed", "Failed", "Stopped", "PartiallyCompleted", "Expired")
                    .contains(job.statusAsString()) || Instant.now().isAfter(deadline)) {
                return job;
            }
            Thread.sleep(200);
        }
    }

    @Test
    void theDocumentedBedrockWorkflowRunsAsWrittenWithoutARoleArn() throws Exception {
        String key = upload(documentLines(3));

        String jobArn = bedrock.createModelInvocationJob(documentJob(key).build()).jobArn();
        GetModelInvocationJobResponse job = awaitEnd(jobArn);

        assertEquals(ModelInvocationJobStatus.COMPLETED, job.status(), job.message());
        assertEquals(3L, job.totalRecordCount());
        assertEquals(3L, job.processedRecordCount());
        assertEquals(3L, job.successRecordCount());
        assertEquals(0L, job.errorRecordCount());
        // the server-side role stood in for the one the document does not send
        assertTrue(job.roleArn().startsWith("arn:aws:iam::") && job.roleArn().contains(":role/"), job.roleArn());
        // the records are Converse requests, so the job runs as one (an InvokeModel Claude body they are not)
        assertEquals("Converse", job.modelInvocationTypeAsString());

        List<String> listed = bedrock.listModelInvocationJobs(list -> list.maxResults(20))
                .invocationJobSummaries().stream().map(ModelInvocationJobSummary::jobArn).toList();
        assertTrue(listed.contains(jobArn), listed.toString());

        String jobId = jobArn.substring(jobArn.lastIndexOf('/') + 1);
        String outputPrefix = "bifrost-batch-output/" + jobId + "/";
        List<String> outputs = s3.listObjectsV2(list -> list.bucket(BUCKET).prefix(outputPrefix)).contents().stream()
                .map(S3Object::key).toList();
        String inputName = key.substring(key.lastIndexOf('/') + 1);
        assertEquals(Set.of(outputPrefix + inputName + ".out", outputPrefix + "manifest.json.out"),
                Set.copyOf(outputs));

        List<JsonNode> records = lines(s3.getObjectAsBytes(get -> get.bucket(BUCKET)
                .key(outputPrefix + inputName + ".out")).asUtf8String());
        assertEquals(Set.of("request-1", "request-2", "request-3"),
                records.stream().map(record -> record.get("recordId").asText()).collect(Collectors.toSet()));
        for (JsonNode record : records) {
            String number = record.get("recordId").asText().substring("request-".length());
            assertContains(record.at("/modelOutput/output/message/content/0/text").asText(),
                    "What is " + number + " + " + number);
        }
        JsonNode manifest = JSON.readTree(s3.getObjectAsBytes(get -> get.bucket(BUCKET)
                .key(outputPrefix + "manifest.json.out")).asUtf8String());
        assertEquals(3, manifest.get("successRecordCount").asLong());
        assertTrue(manifest.get("inputTokenCount").asLong() > 0, manifest.toString());
    }

    /** An OpenAI batch file put straight into S3 runs as a Bedrock job: Caravan converts it next to the input. */
    @Test
    void anInputInAnotherProvidersFormatRunsConvertedToBedrockRecords() throws Exception {
        String openAiLines = IntStream.rangeClosed(1, 3).mapToObj(i -> "{\"custom_id\": \"q-" + i + "\", \"method\": "
                + "\"POST\", \"url\": \"/v1/chat/completions\", \"body\": {\"model\": \"" + CLAUDE + "\", "
                + "\"messages\": [{\"role\": \"user\", \"content\": \"What is " + i + " + " + i + "?\"}], "
                + "\"max_tokens\": 50}}").collect(Collectors.joining("\n"));
        String key = upload(openAiLines);

        String jobArn = bedrock.createModelInvocationJob(documentJob(key).build()).jobArn();
        GetModelInvocationJobResponse job = awaitEnd(jobArn);

        assertEquals(ModelInvocationJobStatus.COMPLETED, job.status(), job.message());
        assertEquals(3L, job.successRecordCount());
        String inputName = key.substring(key.lastIndexOf('/') + 1);
        assertEquals("s3://" + BUCKET + "/bifrost-batch-input/caravan-bedrock/" + inputName,
                job.inputDataConfig().s3InputDataConfig().s3Uri());
        String jobId = jobArn.substring(jobArn.lastIndexOf('/') + 1);
        List<JsonNode> records = lines(s3.getObjectAsBytes(get -> get.bucket(BUCKET)
                .key("bifrost-batch-output/" + jobId + "/" + inputName + ".out")).asUtf8String());
        assertEquals(Set.of("q-1", "q-2", "q-3"),
                records.stream().map(record -> record.get("recordId").asText()).collect(Collectors.toSet()));
        // the caller's own file is untouched
        assertEquals(openAiLines, s3.getObjectAsBytes(get -> get.bucket(BUCKET).key(key)).asUtf8String());
    }

    @Test
    void anInputWhoseLinesNameAnotherModelIsRefusedWithItsLine() {
        String key = upload("{\"custom_id\": \"q-1\", \"method\": \"POST\", \"url\": \"/v1/chat/completions\", "
                + "\"body\": {\"model\": \"meta.llama3-8b-instruct-v1:0\", \"messages\": [{\"role\": \"user\", "
                + "\"content\": \"Hi\"}]}}");
        ValidationException refused = assertThrows(ValidationException.class,
                () -> bedrock.createModelInvocationJob(documentJob(key).build()));
        assertContains(refused.getMessage(), key, "line 1", "differs");
    }

    @Test
    void aJobThatFailsInBedrockSaysWhyInGetAndInTheList() throws Exception {
        String key = upload(documentLines(2));
        String jobName = "input-gone-" + UNIQUE.incrementAndGet();
        String jobArn = bedrock.createModelInvocationJob(documentJob(key).jobName(jobName).build()).jobArn();
        // gone after Caravan read it, before Bedrock's own validation does
        s3.deleteObject(delete -> delete.bucket(BUCKET).key(key));

        GetModelInvocationJobResponse job = awaitEnd(jobArn);

        assertEquals(ModelInvocationJobStatus.FAILED, job.status());
        assertContains(job.message(), key);
        ModelInvocationJobSummary listed = bedrock.listModelInvocationJobs(list -> list.nameContains(jobName))
                .invocationJobSummaries().get(0);
        assertEquals(ModelInvocationJobStatus.FAILED, listed.status());
        assertEquals(job.message(), listed.message());
    }

    @Test
    void aMissingInputObjectIsRefusedBeforeAnyJobExists() {
        String jobName = "missing-input-" + UNIQUE.incrementAndGet();
        ValidationException refused = assertThrows(ValidationException.class, () -> bedrock.createModelInvocationJob(
                documentJob("bifrost-batch-input/never-uploaded.jsonl").jobName(jobName).build()));

        assertEquals(400, refused.statusCode());
        assertContains(refused.awsErrorDetails().errorMessage(),
                "s3://" + BUCKET + "/bifrost-batch-input/never-uploaded.jsonl", "does not exist");
        assertEquals(List.of(), jobsNamed(jobName));
    }

    @Test
    void invalidJsonlIsRefusedWithItsLineNumber() {
        String lines = documentLines(2) + "\n\n{\"recordId\": \"request-3\", \"modelInput\": {\"messages\": [}\n";
        String key = upload(lines);
        String jobName = "bad-jsonl-" + UNIQUE.incrementAndGet();

        ValidationException refused = assertThrows(ValidationException.class,
                () -> bedrock.createModelInvocationJob(documentJob(key).jobName(jobName).build()));

        assertContains(refused.awsErrorDetails().errorMessage(), key, "line 4");
        assertEquals(List.of(), jobsNamed(jobName));
    }

    @Test
    void aRecordThatIsNoBodyForTheModelIsRefusedWithItsLineNumber() {
        // line 2 is neither a Claude Messages body nor a Converse request
        String lines = documentLines(1) + "\n{\"recordId\": \"request-2\", \"modelInput\": {\"prompt\": \"hi\"}}";
        String key = upload(lines);

        ValidationException refused = assertThrows(ValidationException.class,
                () -> bedrock.createModelInvocationJob(documentJob(key).build()));

        assertContains(refused.awsErrorDetails().errorMessage(), "line 2");
    }

    @Test
    void converseRecordsAreRefusedWhenTheCallerAskedForInvokeModel() {
        String key = upload(documentLines(2));

        ValidationException refused = assertThrows(ValidationException.class, () -> bedrock.createModelInvocationJob(
                documentJob(key).modelInvocationType("InvokeModel").build()));

        assertContains(refused.awsErrorDetails().errorMessage(), "line 1", "Converse");
    }

    @Test
    void anInvalidJobNameIsAValidationExceptionNamingTheConstraint() {
        String key = upload(documentLines(1));

        ValidationException refused = assertThrows(ValidationException.class,
                () -> bedrock.createModelInvocationJob(documentJob(key).jobName("bad name!").build()));

        assertContains(refused.awsErrorDetails().errorMessage(), "'jobName'", "regular expression pattern");
    }

    @Test
    void aMalformedJobArnIsAValidationException() {
        ValidationException refused = assertThrows(ValidationException.class, () -> bedrock.getModelInvocationJob(
                get -> get.jobIdentifier("arn:aws:bedrock:us-west-2:123456789:model-invocation-job/abc123")));

        assertContains(refused.awsErrorDetails().errorMessage(), "jobIdentifier");
    }

    @Test
    void anUnknownProviderIsAValidationExceptionNamingTheValidOnes() {
        try (BedrockClient other = CaravanBedrock.clientBuilder(context).overrideConfiguration(override -> override
                .putHeader("x-model-provider", "acme")
                .retryStrategy(retry -> retry.maxAttempts(1))).build()) {
            ValidationException refused = assertThrows(ValidationException.class,
                    () -> other.listModelInvocationJobs(list -> list.maxResults(1)));

            assertContains(refused.awsErrorDetails().errorMessage(), "acme", "bedrock");
        }
    }

    @Test
    void aBodyThatIsNotJsonIsASerializationException() throws Exception {
        HttpResponse<String> answer = post("/bedrock/model-invocation-job", "{\"jobName\": ");

        assertEquals(400, answer.statusCode());
        assertEquals("SerializationException", answer.headers().firstValue("x-amzn-ErrorType").orElse(null));
        assertTrue(!JSON.readTree(answer.body()).get("message").asText().isBlank(), answer.body());
    }

    @Test
    void anOversizedBodyIsRefusedBeforeItIsRead() throws Exception {
        // only the head is sent: the refusal must come from the declared length, before any body byte is read
        URI base = URI.create(CaravanClients.baseUrl(context));
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /bedrock/model-invocation-job HTTP/1.1\r\nHost: x\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + 2 * 1024 * 1024 + "\r\n\r\n{\"jobName\"")
                    .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
            assertContains(answer, "x-amzn-ErrorType: ValidationException", "\"message\"");
        }
    }

    @Test
    void anUnknownOperationIsAnsweredInRestJson() throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(CaravanClients.baseUrl(context) + "/bedrock/custom-model-deployments")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(404, answer.statusCode());
        assertEquals("UnknownOperationException", answer.headers().firstValue("x-amzn-ErrorType").orElse(null));
        assertContains(JSON.readTree(answer.body()).get("message").asText(), "custom-model-deployments");
    }

    private List<String> jobsNamed(String name) {
        return bedrock.listModelInvocationJobs(list -> list.nameContains(name)).invocationJobSummaries().stream()
                .map(ModelInvocationJobSummary::jobName).toList();
    }

    private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(CaravanClients.baseUrl(context) + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static void assertContains(String text, String... parts) {
        for (String part : parts) {
            assertTrue(text != null && text.contains(part), "expected \"" + part + "\" in: " + text);
        }
    }

    static List<JsonNode> lines(String content) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : content.split("\n")) {
            if (!line.isBlank()) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }
}
