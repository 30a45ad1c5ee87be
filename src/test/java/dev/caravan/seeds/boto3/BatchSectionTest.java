package dev.caravan.seeds.boto3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.caravan.CaravanApplication;
import java.time.Instant;
import java.util.List;
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
import software.amazon.awssdk.services.bedrock.model.ModelInvocationJobSummary;
import software.amazon.awssdk.services.bedrock.model.ValidationException;

/**
 * The page's "Batch API" section (seeds 000, 002, 003), in the page's order: Create a Batch Job (Bedrock, OpenAI and
 * Gemini tabs, each copy's values), List Batch Jobs ({@code maxResults=10}), Retrieve Batch Job Status, Stop a Batch
 * Job, and the Anthropic note.
 *
 * <p>Placeholders: Create's {@code file_id = "file-abc123"} / {@code "file-xyz789"  # File ID from upload step} is the
 * id the tab's upload answered; Retrieve's and Stop's {@code job_arn = "arn:aws:bedrock:us-west-2:123456789:
 * model-invocation-job/abc123"} is the ARN Create answered (no job has the page's). The Bedrock tab's input "should
 * already be uploaded" at {@code s3://your-s3-bucket/<vendor>-batch-input/batch_input.jsonl}: the test uploads the
 * Upload a File content there first. The Bedrock tab sends no roleArn (DESIGN §9: Caravan uses its server-side role).
 */
@CamelMainTest(mainClass = CaravanApplication.class,
        propertyPlaceholderLocations = "file:application.properties",
        properties = {"camel.server.port=0", "camel.server.host=127.0.0.1", "caravan.sandbox.enabled=true",
                "caravan.sandbox.bedrock.phase-duration=300ms", "caravan.sandbox.openai.phase-duration=300ms",
                "caravan.sandbox.gemini.phase-duration=300ms", "caravan.sandbox.anthropic.phase-duration=300ms",
                "caravan.anthropic.s3-files=false"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BatchSectionTest {

    private static final String BUCKET = "your-s3-bucket";
    private static final String JSONL = "application/jsonl";

    @BeanInject
    CamelContext context;

    private ProviderClients clients;

    @BeforeEach
    void clients() {
        if (clients == null) {
            clients = new ProviderClients(context);
        }
    }

    @AfterAll
    void close() {
        if (clients != null) {
            clients.close();
        }
    }

    @Test
    void theBedrockBatchSectionInThePagesOrder() {
        PerCase.eachCopy(this::bedrockTab);
    }

    private void bedrockTab(DocumentCopy copy) throws InterruptedException {
        // "Input/output URIs (file should already be uploaded)"
        clients.s3("bedrock").putObject(put -> put.bucket(BUCKET).key(copy.literalKey()).contentType(JSONL),
                RequestBody.fromString(DocumentLines.bedrock(2, false)));
        String inputUri = "s3://" + BUCKET + "/" + copy.literalKey();
        String outputUri = "s3://" + BUCKET + "/" + copy.outputPrefix();

        CreateModelInvocationJobRequest request = CreateModelInvocationJobRequest.builder()
                .jobName(copy.batchJobName(Instant.now().getEpochSecond()))
                .modelId(DocumentLines.CLAUDE)
                .inputDataConfig(input -> input.s3InputDataConfig(s3 -> s3.s3Uri(inputUri).s3InputFormat("JSONL")))
                .outputDataConfig(output -> output.s3OutputDataConfig(s3 -> s3.s3Uri(outputUri)))
                .tags(tag -> tag.key("endpoint").value("/v1/chat/completions"),
                        tag -> tag.key("source").value(copy.sourceTag()))
                .build();
        GetModelInvocationJobResponse retrieved = createListRetrieveStop("bedrock", request);
        assertEquals(inputUri, retrieved.inputDataConfig().s3InputDataConfig().s3Uri());
        assertEquals(outputUri, retrieved.outputDataConfig().s3OutputDataConfig().s3Uri());
    }

    /** The OpenAI tab (seeds 002 and 003; 000 shows only the Bedrock tab). */
    @Test
    void theOpenAiBatchSectionInThePagesOrder() throws InterruptedException {
        String fileId = upload("openai", DocumentLines.openAi(DocumentLines.GPT, 2, false));
        CreateModelInvocationJobRequest request = CreateModelInvocationJobRequest.builder()
                .jobName("openai-batch-" + Instant.now().getEpochSecond())
                .modelId(DocumentLines.GPT)
                .roleArn("not-required-for-openai")
                .inputDataConfig(input -> input.s3InputDataConfig(s3 -> s3.s3Uri("s3://openai-files/" + fileId)
                        .s3InputFormat("JSONL")))
                .outputDataConfig(output -> output.s3OutputDataConfig(s3 -> s3.s3Uri("s3://openai-output/")))
                .tags(tag -> tag.key("endpoint").value("/v1/chat/completions"),
                        tag -> tag.key("file_id").value(fileId))
                .build();
        GetModelInvocationJobResponse retrieved = createListRetrieveStop("openai", request);
        assertEquals("s3://openai-files/" + fileId, retrieved.inputDataConfig().s3InputDataConfig().s3Uri());
    }

    /** The Gemini tab (seeds 002 and 003): no tags; List Batch Jobs' header comment says "# or gemini". */
    @Test
    void theGeminiBatchSectionInThePagesOrder() throws InterruptedException {
        String fileId = upload("gemini", DocumentLines.gemini(2, false));
        CreateModelInvocationJobRequest request = CreateModelInvocationJobRequest.builder()
                .jobName("gemini-batch-" + Instant.now().getEpochSecond())
                .modelId(DocumentLines.GEMINI)
                .roleArn("not-required-for-gemini")
                .inputDataConfig(input -> input.s3InputDataConfig(s3 -> s3.s3Uri("s3://gemini-files/" + fileId)
                        .s3InputFormat("JSONL")))
                .outputDataConfig(output -> output.s3OutputDataConfig(s3 -> s3.s3Uri("s3://gemini-output/")))
                .build();
        GetModelInvocationJobResponse retrieved = createListRetrieveStop("gemini", request);
        assertEquals("s3://gemini-files/" + fileId, retrieved.inputDataConfig().s3InputDataConfig().s3Uri());
    }

    /**
     * "Anthropic Note: Anthropic prefers inline batch requests rather than file-based batching." The page's Bedrock
     * client for Anthropic lists jobs; a file-based create (the OpenAI tab's call, Anthropic's header) is refused,
     * pointing at inline requests, since Anthropic keeps no files (caravan.anthropic.s3-files off).
     */
    @Test
    void anthropicListsJobsAndRefusesFileBasedOnes() {
        BedrockClient bedrock = clients.bedrock("anthropic");
        assertTrue(bedrock.listModelInvocationJobs(list -> list.maxResults(10)).sdkHttpResponse().isSuccessful());
        ValidationException refused = assertThrows(ValidationException.class, () -> bedrock
                .createModelInvocationJob(create -> create.jobName("anthropic-batch-" + Instant.now().getEpochSecond())
                        .modelId("claude-sonnet-4-5").roleArn("not-required-for-anthropic")
                        .inputDataConfig(input -> input.s3InputDataConfig(s3 -> s3
                                .s3Uri("s3://anthropic-files/file-abc123").s3InputFormat("JSONL")))
                        .outputDataConfig(output -> output.s3OutputDataConfig(s3 -> s3
                                .s3Uri("s3://anthropic-output/")))));
        assertTrue(refused.getMessage().contains("inline requests"), refused.getMessage());
    }

    /**
     * Retrieve's and Stop's literal {@code job_arn} is no job's and cannot be one (a 9-digit account, a 6-character job
     * id): as written, the snippets are answered what Bedrock answers, a ValidationException on the identifier's
     * pattern, whichever provider the header names. This is why the tests above pass the ARN Create answered.
     */
    @Test
    void thePagesPlaceholderJobArnIsAValidationException() {
        String jobArn = "arn:aws:bedrock:us-west-2:123456789:model-invocation-job/abc123";
        PerCase.each(List.of("bedrock", "openai", "gemini"), provider -> provider, provider -> {
            BedrockClient bedrock = clients.bedrock(provider);
            ValidationException retrieve = assertThrows(ValidationException.class,
                    () -> bedrock.getModelInvocationJob(get -> get.jobIdentifier(jobArn)));
            assertTrue(retrieve.getMessage().contains("jobIdentifier"), retrieve.getMessage());
            ValidationException stop = assertThrows(ValidationException.class,
                    () -> bedrock.stopModelInvocationJob(request -> request.jobIdentifier(jobArn)));
            assertTrue(stop.getMessage().contains("jobIdentifier"), stop.getMessage());
        });
    }

    /** Upload a File, the provider's tab: its ETag is the file id the Create tab names. */
    private String upload(String provider, String content) {
        return Expect.fileId(clients.s3(provider).putObject(put -> put.bucket(provider + "-files")
                .key("batch_input_" + Instant.now().getEpochSecond() + ".jsonl").contentType(JSONL),
                RequestBody.fromString(content)).eTag());
    }

    /**
     * Create, then the page's List, Retrieve and Stop snippets with the created job's ARN, asserting what each prints:
     * the ARN, then jobArn / jobName / status / modelId in the list and in the retrieve, then the job stopping. The job
     * is stopped while it runs, so Retrieve's "Completed" branch is the end-to-end tests' to show.
     */
    private GetModelInvocationJobResponse createListRetrieveStop(String provider,
                                                                 CreateModelInvocationJobRequest request)
            throws InterruptedException {
        BedrockClient bedrock = clients.bedrock(provider);

        String jobArn = bedrock.createModelInvocationJob(request).jobArn();
        Expect.jobArnOf(provider, jobArn);

        ModelInvocationJobSummary listed = bedrock.listModelInvocationJobs(list -> list.maxResults(10))
                .invocationJobSummaries().stream().filter(job -> job.jobArn().equals(jobArn)).findFirst()
                .orElseThrow(() -> new AssertionError(jobArn + " is not in the list"));
        assertEquals(request.jobName(), listed.jobName());
        Expect.bedrockStatus(listed.statusAsString());
        assertEquals(request.modelId(), listed.modelId());

        GetModelInvocationJobResponse retrieved = bedrock.getModelInvocationJob(get -> get.jobIdentifier(jobArn));
        assertEquals(jobArn, retrieved.jobArn());
        assertEquals(request.jobName(), retrieved.jobName());
        Expect.bedrockStatus(retrieved.statusAsString());
        assertEquals(request.modelId(), retrieved.modelId());

        bedrock.stopModelInvocationJob(stop -> stop.jobIdentifier(jobArn));
        StatusPolling.Polled stopped = StatusPolling.untilTerminal(bedrock, jobArn);
        Expect.bedrockStatuses(stopped.statuses());
        assertEquals("Stopped", stopped.last().statusAsString(), "statuses after the stop: " + stopped.statuses());
        assertEquals("Stopped", bedrock.listModelInvocationJobs(list -> list.maxResults(10)).invocationJobSummaries()
                .stream().filter(job -> job.jobArn().equals(jobArn)).findFirst().orElseThrow().statusAsString());
        return retrieved;
    }
}
