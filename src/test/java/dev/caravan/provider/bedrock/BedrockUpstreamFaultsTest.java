package dev.caravan.provider.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.caravan.CaravanApplication;
import dev.caravan.CaravanBedrock;
import dev.caravan.CaravanS3;
import dev.caravan.faults.FaultProxy;
import dev.caravan.sandbox.bedrock.BedrockEmulator;
import dev.caravan.sandbox.bedrock.BedrockEmulatorSettings;
import dev.caravan.sandbox.bedrock.BedrockQuotas;
import dev.caravan.sandbox.s3.EmbeddedS3Store;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.bedrock.BedrockClient;
import software.amazon.awssdk.services.bedrock.model.BedrockException;
import software.amazon.awssdk.services.bedrock.model.CreateModelInvocationJobRequest;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The Bedrock control plane misbehaving behind Caravan (a fault proxy in front of the emulator): too slow,
 * throttling, failing once, failing a create, resetting a create mid-request, failing until the breaker opens.
 * Reads and creates are retried (a create is idempotent on its clientRequestToken, so a retry never makes a second
 * job); what cannot be recovered reaches the caller as a rest-json error with the right status.
 */
@CamelMainTest(mainClass = CaravanApplication.class,
        propertyPlaceholderLocations = "file:application.properties",
        properties = {"camel.server.port=0", "camel.server.host=127.0.0.1", "caravan.sandbox.enabled=false",
                "caravan.bedrock.endpoint={{sys:caravan.faults.bedrock.endpoint}}",
                "caravan.bedrock.region={{sys:caravan.faults.bedrock.region}}",
                "caravan.bedrock.access-key={{sys:caravan.faults.bedrock.access-key}}",
                "caravan.bedrock.secret-key={{sys:caravan.faults.bedrock.secret-key}}",
                "caravan.bedrock.role-arn=arn:aws:iam::000000000000:role/faults",
                "caravan.bedrock.read-timeout=700", "caravan.bedrock.max-attempts=2",
                "caravan.bedrock.circuit-breaker.minimum-calls=4", "caravan.bedrock.circuit-breaker.sliding-window=4",
                "caravan.bedrock.jobs.min-records=1",
                "caravan.bedrock.s3.endpoint={{sys:caravan.faults.bedrock.s3-endpoint}}",
                "caravan.bedrock.s3.region=us-east-1", "caravan.bedrock.s3.path-style=true",
                "caravan.bedrock.s3.access-key={{sys:caravan.faults.bedrock.s3-access-key}}",
                "caravan.bedrock.s3.secret-key={{sys:caravan.faults.bedrock.s3-secret-key}}"})
class BedrockUpstreamFaultsTest {

    private static final String BUCKET = "faults-jobs";
    private static final String INPUT = "in/batch.jsonl";
    private static final String JOBS = "/model-invocation-jobs";
    private static final String JOB = "/model-invocation-job";
    private static final Duration TOO_SLOW = Duration.ofMillis(2000);

    private static EmbeddedS3Store store;
    private static BedrockEmulator emulator;
    private static FaultProxy proxy;

    @BeanInject
    CamelContext context;

    @BeforeAll
    static void startUpstreams() throws IOException {
        store = EmbeddedS3Store.start(Files.createTempDirectory("caravan-bedrock-faults-"), "127.0.0.1");
        store.createBucket(BUCKET);
        emulator = new BedrockEmulator(BedrockEmulatorSettings.withRandomCredentials(
                new BedrockEmulatorSettings.S3Access(store.endpoint(), store.region(), store.accessKey(),
                        store.secretKey()), Duration.ofMillis(200))
                .withQuotas(BedrockQuotas.DEFAULTS.withMinRecordsPerJob(1))).start("127.0.0.1", 0);
        proxy = FaultProxy.keepingHost(emulator.baseUrl());
        System.setProperty("caravan.faults.bedrock.endpoint", proxy.baseUrl());
        System.setProperty("caravan.faults.bedrock.region", emulator.region());
        System.setProperty("caravan.faults.bedrock.access-key", emulator.accessKey());
        System.setProperty("caravan.faults.bedrock.secret-key", emulator.secretKey());
        System.setProperty("caravan.faults.bedrock.s3-endpoint", store.endpoint().toString());
        System.setProperty("caravan.faults.bedrock.s3-access-key", store.accessKey());
        System.setProperty("caravan.faults.bedrock.s3-secret-key", store.secretKey());
    }

    @AfterAll
    static void stopUpstreams() {
        System.getProperties().keySet().removeIf(key -> key.toString().startsWith("caravan.faults.bedrock."));
        proxy.close();
        emulator.close();
        store.close();
    }

    @BeforeEach
    void clearFaults() {
        proxy.reset();
    }

    @Test
    void aControlPlaneTooSlowOnEveryAttemptIs504() {
        proxy.next(new FaultProxy.Delay(TOO_SLOW), 2);
        try (BedrockClient bedrock = CaravanBedrock.client(context)) {
            BedrockException error = assertThrows(BedrockException.class,
                    () -> bedrock.listModelInvocationJobs(list -> list.maxResults(5)));
            assertEquals(504, error.statusCode());
            assertTrue(error.awsErrorDetails().errorMessage().contains("did not answer in time"),
                    error.awsErrorDetails().errorMessage());
        }
        assertEquals(2, proxy.count("GET", JOBS), proxy.seen().toString());
    }

    @Test
    void throttlingIsRetriedAndTheCallSucceeds() {
        proxy.next(FaultProxy.restJsonAnswer(429, Map.of("Retry-After", "1"), "ThrottlingException"), 1);
        try (BedrockClient bedrock = CaravanBedrock.client(context)) {
            bedrock.listModelInvocationJobs(list -> list.maxResults(5));
        }
        assertEquals(2, proxy.count("GET", JOBS), proxy.seen().toString());
    }

    @Test
    void aCreateThatFailsOnceIsRetriedWithItsTokenAndMakesOneJob() {
        String name = "retried-" + UUID.randomUUID().toString().substring(0, 8);
        proxy.next(FaultProxy.restJsonAnswer(500, Map.of(), "InternalServerException"), 1);
        try (BedrockClient bedrock = CaravanBedrock.client(context)) {
            String jobArn = bedrock.createModelInvocationJob(job(name)).jobArn();
            assertEquals(name, bedrock.getModelInvocationJob(get -> get.jobIdentifier(jobArn)).jobName());
            assertEquals(1, bedrock.listModelInvocationJobs(list -> list.nameContains(name))
                    .invocationJobSummaries().size());
        }
        assertEquals(2, proxy.count("POST", JOB), proxy.seen().toString());
    }

    @Test
    void aCreateResetMidRequestIsRetriedAndMakesOneJob() {
        String name = "reset-" + UUID.randomUUID().toString().substring(0, 8);
        proxy.next(new FaultProxy.Reset(20), 1);
        try (BedrockClient bedrock = CaravanBedrock.client(context)) {
            bedrock.createModelInvocationJob(job(name));
            assertEquals(1, bedrock.listModelInvocationJobs(list -> list.nameContains(name))
                    .invocationJobSummaries().size());
        }
    }

    @Test
    void aControlPlaneThatKeepsFailingIsLeftAloneBehindTheBreaker() {
        proxy.next(FaultProxy.restJsonAnswer(500, Map.of(), "InternalServerException"), 100);
        try (BedrockClient bedrock = CaravanBedrock.client(context)) {
            // minimum-calls 4: each call counts once, whatever retries the client made inside it
            for (int i = 0; i < 4; i++) {
                BedrockException failed = assertThrows(BedrockException.class,
                        () -> bedrock.listModelInvocationJobs(list -> list.maxResults(5)));
                assertEquals(500, failed.statusCode());
                assertEquals("InternalServerException", failed.awsErrorDetails().errorCode());
            }
            long calls = proxy.count("GET", JOBS);
            BedrockException refused = assertThrows(BedrockException.class,
                    () -> bedrock.listModelInvocationJobs(list -> list.maxResults(5)));
            assertEquals(503, refused.statusCode());
            assertEquals("ServiceUnavailableException", refused.awsErrorDetails().errorCode());
            assertTrue(refused.awsErrorDetails().errorMessage().contains("stopped calling it"),
                    refused.awsErrorDetails().errorMessage());
            assertEquals(calls, proxy.count("GET", JOBS), "the open breaker did not call Bedrock");
        }
    }

    private CreateModelInvocationJobRequest job(String name) {
        try (S3Client s3 = CaravanS3.clientBuilder(context).build()) {
            s3.putObject(put -> put.bucket(BUCKET).key(INPUT), RequestBody.fromString("{\"recordId\":\"r1\","
                    + "\"modelInput\":{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":20,"
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}}\n"));
        }
        return CreateModelInvocationJobRequest.builder().jobName(name)
                .modelId("anthropic.claude-3-haiku-20240307-v1:0")
                .inputDataConfig(input -> input.s3InputDataConfig(s3 -> s3.s3Uri("s3://" + BUCKET + "/" + INPUT)))
                .outputDataConfig(output -> output.s3OutputDataConfig(s3 -> s3.s3Uri("s3://" + BUCKET + "/out/")))
                .build();
    }
}
