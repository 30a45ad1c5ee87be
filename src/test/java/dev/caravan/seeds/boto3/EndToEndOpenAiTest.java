package dev.caravan.seeds.boto3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.caravan.CaravanApplication;
import java.time.Instant;
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
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The page's "End-to-End Batch Workflow", OpenAI Provider (the same in seeds 000, 002 and 003): OpenAI-format JSONL
 * uploaded to the routing bucket "openai-files", the ETag as file_id, a job on {@code s3://openai-files/<file_id>}
 * with roleArn "not-required-for-openai" and the endpoint / file_id tags, polled until Completed / Failed / Stopped.
 */
@CamelMainTest(mainClass = CaravanApplication.class,
        propertyPlaceholderLocations = "file:application.properties",
        properties = {"camel.server.port=0", "camel.server.host=127.0.0.1", "caravan.sandbox.enabled=true",
                "caravan.sandbox.openai.phase-duration=300ms"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndToEndOpenAiTest {

    // Configuration (no S3 bucket needed for OpenAI): region = "us-west-2" (the clients'), model_id, provider
    private static final String PROVIDER = "openai";

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
    void theOpenAiWorkflowRunsAsWritten() throws InterruptedException {
        S3Client s3Client = clients.s3(PROVIDER);
        BedrockClient bedrockClient = clients.bedrock(PROVIDER);

        // Step 1: Create OpenAI JSONL content
        String jsonlContent = DocumentLines.openAi(DocumentLines.GPT, 3, true);

        // Step 2: Upload input file (bucket/key are routing identifiers)
        long timestamp = Instant.now().getEpochSecond();
        String fileId = Expect.fileId(s3Client.putObject(put -> put.bucket("openai-files")
                .key("batch_" + timestamp + ".jsonl").contentType("application/jsonl"),
                RequestBody.fromString(jsonlContent)).eTag());
        Expect.fileIdOf(PROVIDER, fileId, jsonlContent);

        // Step 3: Create OpenAI batch job
        String jobName = "openai-e2e-" + timestamp;
        String jobArn = bedrockClient.createModelInvocationJob(create -> create
                .jobName(jobName)
                .modelId(DocumentLines.GPT)
                .roleArn("not-required-for-openai")
                .inputDataConfig(input -> input.s3InputDataConfig(s3 -> s3.s3Uri("s3://openai-files/" + fileId)
                        .s3InputFormat("JSONL")))
                .outputDataConfig(output -> output.s3OutputDataConfig(s3 -> s3.s3Uri("s3://openai-output/")))
                .tags(tag -> tag.key("endpoint").value("/v1/chat/completions"),
                        tag -> tag.key("file_id").value(fileId))).jobArn();
        Expect.jobArnOf(PROVIDER, jobArn);

        // Step 4: Poll for completion
        StatusPolling.Polled polled = StatusPolling.untilTerminal(bedrockClient, jobArn);
        assertTrue(polled.reachedTerminalState(), "no terminal state: " + polled.statuses());
        Expect.bedrockStatuses(polled.statuses());

        // "Success! OpenAI batch workflow completed for job {job_arn}"
        GetModelInvocationJobResponse job = polled.last();
        assertEquals("Completed", job.statusAsString(), job.message());
        assertEquals(jobArn, job.jobArn());
        assertEquals(jobName, job.jobName());
        assertEquals(DocumentLines.GPT, job.modelId());
        assertEquals(3L, job.totalRecordCount());
        assertEquals(3L, job.successRecordCount());
        assertEquals(0L, job.errorRecordCount());
    }
}
