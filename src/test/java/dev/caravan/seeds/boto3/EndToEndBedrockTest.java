package dev.caravan.seeds.boto3;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import software.amazon.awssdk.services.bedrock.model.GetModelInvocationJobResponse;
import software.amazon.awssdk.services.bedrock.model.ModelInvocationJobSummary;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The page's "End-to-End Batch Workflow", Bedrock Provider (seeds 000, 002, 003, each copy's key, job name and output
 * prefix), step by step: create the JSONL, upload it and take the ETag as file_id, create the job with the endpoint and
 * file_id tags, poll until the status is one of Completed / Failed / Stopped, and find the job in the list.
 */
@CamelMainTest(mainClass = CaravanApplication.class,
        propertyPlaceholderLocations = "file:application.properties",
        properties = {"camel.server.port=0", "camel.server.host=127.0.0.1", "caravan.sandbox.enabled=true",
                "caravan.sandbox.bedrock.phase-duration=300ms"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndToEndBedrockTest {

    // Configuration: region = "us-west-2" (the clients'), s3_bucket, model_id, provider = "bedrock"
    private static final String S3_BUCKET = "your-s3-bucket";
    private static final String PROVIDER = "bedrock";

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
    void theBedrockWorkflowRunsAsWritten() {
        PerCase.eachCopy(this::workflow);
    }

    private void workflow(DocumentCopy copy) throws InterruptedException {
        S3Client s3Client = clients.s3(PROVIDER);
        BedrockClient bedrockClient = clients.bedrock(PROVIDER);

        // Step 1: Create JSONL content
        String jsonlContent = DocumentLines.bedrock(3, true);

        // Step 2: Upload input file to S3
        long timestamp = Instant.now().getEpochSecond();
        String s3Key = copy.endToEndKey(timestamp);
        String fileId = Expect.fileId(s3Client.putObject(put -> put.bucket(S3_BUCKET).key(s3Key)
                .contentType("application/jsonl"), RequestBody.fromString(jsonlContent)).eTag());
        Expect.fileIdOf(PROVIDER, fileId, jsonlContent);
        String inputUri = "s3://" + S3_BUCKET + "/" + s3Key;

        // Step 3: Create batch job (no roleArn, as written: DESIGN §9, the server-side role stands in)
        String outputUri = "s3://" + S3_BUCKET + "/" + copy.outputPrefix();
        String jobName = copy.endToEndJobName(timestamp);
        String jobArn = bedrockClient.createModelInvocationJob(create -> create
                .jobName(jobName)
                .modelId(DocumentLines.CLAUDE)
                .inputDataConfig(input -> input.s3InputDataConfig(s3 -> s3.s3Uri(inputUri).s3InputFormat("JSONL")))
                .outputDataConfig(output -> output.s3OutputDataConfig(s3 -> s3.s3Uri(outputUri)))
                .tags(tag -> tag.key("endpoint").value("/v1/chat/completions"),
                        tag -> tag.key("file_id").value(fileId))).jobArn();
        Expect.jobArnOf(PROVIDER, jobArn);

        // Step 4: Poll for completion
        StatusPolling.Polled polled = StatusPolling.untilTerminal(bedrockClient, jobArn);
        assertTrue(polled.reachedTerminalState(), "no terminal state: " + polled.statuses());
        Expect.bedrockStatuses(polled.statuses());
        GetModelInvocationJobResponse statusResponse = polled.last();
        assertEquals("Completed", statusResponse.statusAsString(), statusResponse.message());
        assertEquals(jobArn, statusResponse.jobArn());
        assertEquals(jobName, statusResponse.jobName());
        assertEquals(inputUri, statusResponse.inputDataConfig().s3InputDataConfig().s3Uri());
        // `"statistics" in status_response` is false against the real API too: GetModelInvocationJob has no such
        // member (DESIGN §9), so the page prints no counts. What it means to print - Total, Successful, Failed - is
        // in the four top-level counts.
        assertEquals(3L, statusResponse.totalRecordCount());
        assertEquals(3L, statusResponse.processedRecordCount());
        assertEquals(3L, statusResponse.successRecordCount());
        assertEquals(0L, statusResponse.errorRecordCount());

        // Step 5: Verify job is in list
        List<String> jobArns = bedrockClient.listModelInvocationJobs(list -> list.maxResults(20))
                .invocationJobSummaries().stream().map(ModelInvocationJobSummary::jobArn).toList();
        assertTrue(jobArns.contains(jobArn), "Job " + jobArn + " should be in list: " + jobArns);
    }
}
