package dev.caravan.seeds.boto3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.caravan.CaravanApplication;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.bedrock.BedrockClient;
import software.amazon.awssdk.services.bedrock.model.ModelInvocationJobSummary;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The page's "Client Setup" section (seeds 000, 002, 003): the default clients, the cross-provider clients whose
 * {@code before-send} hook adds {@code x-model-provider} (Bedrock, OpenAI, Anthropic, Gemini tabs), and the helper
 * functions {@code get_provider_s3_client} / {@code get_provider_bedrock_client}. A client reaches its provider when
 * what comes back is that provider's: an S3 ETag or a provider file id from put_object, a job ARN of that provider
 * from create_model_invocation_job and in that provider's list.
 *
 * <p>Caravan runs with {@code caravan.anthropic.s3-files=false}, the setting under which the page's Anthropic note
 * ("File operations are NOT supported for Anthropic") is what a reader gets; the sandbox turns it on otherwise.
 */
@CamelMainTest(mainClass = CaravanApplication.class,
        propertyPlaceholderLocations = "file:application.properties",
        properties = {"camel.server.port=0", "camel.server.host=127.0.0.1", "caravan.sandbox.enabled=true",
                "caravan.sandbox.bedrock.phase-duration=300ms", "caravan.sandbox.openai.phase-duration=300ms",
                "caravan.sandbox.gemini.phase-duration=300ms", "caravan.sandbox.anthropic.phase-duration=300ms",
                "caravan.anthropic.s3-files=false"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientSetupTest {

    private static final String BUCKET = "your-s3-bucket";

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

    /**
     * Default Bedrock Client: no hook, no header. The object lands in the Bedrock provider's S3 (the client with the
     * bedrock header sees it, ETag and all) and a job created without the header is a Bedrock job.
     */
    @Test
    void theDefaultClientsReachBedrock() {
        S3Client s3 = clients.s3WithoutHeader();
        BedrockClient bedrock = clients.bedrockWithoutHeader();
        String content = DocumentLines.bedrock(2, false);
        String key = DocumentCopy.BIFROST.uploadKey(Instant.now().getEpochSecond());

        String fileId = Expect.fileId(s3.putObject(put -> put.bucket(BUCKET).key(key)
                .contentType("application/jsonl"), RequestBody.fromString(content)).eTag());
        Expect.fileIdOf("bedrock", fileId, content);
        HeadObjectResponse seenAsBedrock = clients.s3("bedrock").headObject(head -> head.bucket(BUCKET).key(key));
        assertEquals("\"" + fileId + "\"", seenAsBedrock.eTag());

        String jobArn = createJob(bedrock, "bedrock", key, fileId);
        Expect.jobArnOf("bedrock", jobArn);
        assertTrue(listedArns(clients.bedrock("bedrock")).contains(jobArn));
    }

    /**
     * Cross-Provider Client Setup, the Bedrock, OpenAI and Gemini tabs: both clients carry the header, so the file
     * put_object makes is that provider's and every job the Bedrock client lists is that provider's.
     */
    @Test
    void theCrossProviderClientsReachTheProviderTheirHeaderNames() {
        PerCase.each(List.of("bedrock", "openai", "gemini"), provider -> provider, this::crossProviderTab);
    }

    private void crossProviderTab(String provider) {
        String content = upload(provider);
        String fileId = Expect.fileId(clients.s3(provider).putObject(put -> put.bucket(bucket(provider))
                .key(key(provider)).contentType("application/jsonl"), RequestBody.fromString(content)).eTag());
        Expect.fileIdOf(provider, fileId, content);

        List<String> listed = listedArns(clients.bedrock(provider));
        listed.forEach(arn -> assertTrue(Expect.isJobArnOf(provider, arn), provider + " listed " + arn));
    }

    /**
     * Anthropic tab: the page builds only the Bedrock client ("limited to non-batch operations") and says file
     * operations are not supported. The Bedrock client works (its list is Anthropic's, possibly empty); an S3 client
     * with the same header is answered NotImplemented, pointing at inline requests as the page does.
     */
    @Test
    void theAnthropicSetupHasABedrockClientAndNoFileOperations() {
        BedrockClient bedrock = clients.bedrock("anthropic");
        assertTrue(bedrock.listModelInvocationJobs(list -> list.maxResults(10)).sdkHttpResponse().isSuccessful());
        listedArns(bedrock).forEach(arn -> assertTrue(Expect.isJobArnOf("anthropic", arn), arn));

        S3Exception refused = assertThrows(S3Exception.class, () -> clients.s3("anthropic").putObject(put -> put
                .bucket("anthropic-files").key("batch_input.jsonl").contentType("application/jsonl"),
                RequestBody.fromString(DocumentLines.openAi("claude-sonnet-4-5", 1, false))));
        assertEquals(501, refused.statusCode());
        assertEquals("NotImplemented", refused.awsErrorDetails().errorCode());
        assertTrue(refused.getMessage().contains("inline requests"), refused.getMessage());
    }

    /**
     * Helper Function for Provider-Specific Clients: a file and a job made through each provider's pair of clients
     * are listed by that provider's Bedrock client and by no other's.
     */
    @Test
    void theHelperFunctionsGiveEachProviderClientsOfItsOwn() {
        Map<String, String> jobs = new LinkedHashMap<>();
        for (String provider : List.of("bedrock", "openai", "gemini")) {
            S3Client s3 = clients.s3(provider);
            String key = key(provider);
            String fileId = Expect.fileId(s3.putObject(put -> put.bucket(bucket(provider)).key(key)
                    .contentType("application/jsonl"), RequestBody.fromString(upload(provider))).eTag());
            String jobArn = createJob(clients.bedrock(provider), provider, key, fileId);
            Expect.jobArnOf(provider, jobArn);
            jobs.put(provider, jobArn);
        }
        for (String provider : List.of("bedrock", "openai", "gemini", "anthropic")) {
            List<String> listed = listedArns(clients.bedrock(provider));
            jobs.forEach((owner, jobArn) -> assertEquals(owner.equals(provider), listed.contains(jobArn),
                    provider + "'s list and " + owner + "'s job " + jobArn + ": " + listed));
        }
        assertFalse(jobs.isEmpty());
    }

    private static String upload(String provider) {
        return switch (provider) {
            case "bedrock" -> DocumentLines.bedrock(2, false);
            case "openai" -> DocumentLines.openAi(DocumentLines.GPT, 2, false);
            default -> DocumentLines.gemini(2, false);
        };
    }

    /** Upload a File: the Bedrock tab uses your-s3-bucket, the others their routing identifiers. */
    private static String bucket(String provider) {
        return "bedrock".equals(provider) ? BUCKET : provider + "-files";
    }

    private static String key(String provider) {
        long now = Instant.now().getEpochSecond();
        // two uploads in the same second would share the page's key; the nanoseconds keep the objects apart
        return "bedrock".equals(provider)
                ? DocumentCopy.BIFROST.uploadKey(now).replace(".jsonl", "_" + System.nanoTime() + ".jsonl")
                : "batch_input_" + now + ".jsonl";
    }

    /** Create a Batch Job as the provider's tab writes it (the Bedrock tab sends no roleArn). */
    private static String createJob(BedrockClient bedrock, String provider, String key, String fileId) {
        long now = Instant.now().getEpochSecond();
        return switch (provider) {
            case "bedrock" -> bedrock.createModelInvocationJob(create -> create
                    .jobName(DocumentCopy.BIFROST.batchJobName(now) + "-" + (System.nanoTime() % 100000))
                    .modelId(DocumentLines.CLAUDE)
                    .inputDataConfig(input -> input.s3InputDataConfig(s3 -> s3.s3Uri("s3://" + BUCKET + "/" + key)
                            .s3InputFormat("JSONL")))
                    .outputDataConfig(output -> output.s3OutputDataConfig(s3 -> s3
                            .s3Uri("s3://" + BUCKET + "/" + DocumentCopy.BIFROST.outputPrefix())))
                    .tags(tag -> tag.key("endpoint").value("/v1/chat/completions"),
                            tag -> tag.key("source").value(DocumentCopy.BIFROST.sourceTag()))).jobArn();
            default -> bedrock.createModelInvocationJob(create -> create
                    .jobName(provider + "-batch-" + now)
                    .modelId("openai".equals(provider) ? DocumentLines.GPT : DocumentLines.GEMINI)
                    .roleArn("not-required-for-" + provider)
                    .inputDataConfig(input -> input.s3InputDataConfig(s3 -> s3
                            .s3Uri("s3://" + provider + "-files/" + fileId).s3InputFormat("JSONL")))
                    .outputDataConfig(output -> output.s3OutputDataConfig(s3 -> s3
                            .s3Uri("s3://" + provider + "-output/")))).jobArn();
        };
    }

    private static List<String> listedArns(BedrockClient bedrock) {
        return bedrock.listModelInvocationJobs(list -> list.maxResults(10)).invocationJobSummaries().stream()
                .map(ModelInvocationJobSummary::jobArn).toList();
    }
}
