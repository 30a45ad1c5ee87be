package dev.caravan.sandbox.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.caravan.sandbox.Sandbox;
import dev.caravan.sandbox.SandboxSettings;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrock.BedrockClient;
import software.amazon.awssdk.services.bedrock.model.GetModelInvocationJobResponse;
import software.amazon.awssdk.services.bedrock.model.ModelInvocationJobStatus;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The sandbox wires the Bedrock emulator to its S3 store and hands Caravan what it needs to call it: with only those
 * properties, the documents' 3-record job runs (the sandbox's minimum is 1) through the store the gateway writes to.
 */
class SandboxBedrockTest {

    @Test
    void theSandboxsBedrockRunsAThreeRecordJobFromItsOwnProperties() {
        Sandbox sandbox = new Sandbox(new SandboxSettings("127.0.0.1", Duration.ofMillis(100), Duration.ofHours(24),
                Duration.ofMillis(100), 1, Duration.ofMillis(100), Duration.ofMillis(100)));
        sandbox.start();
        try {
            Map<String, String> properties = sandbox.upstreamProperties();
            assertEquals(sandbox.bedrock().baseUrl(), properties.get("caravan.bedrock.endpoint"));
            assertEquals("1", properties.get("caravan.bedrock.jobs.min-records"));
            String role = properties.get("caravan.bedrock.role-arn");
            assertTrue(role.matches("arn:aws:iam::[0-9]{12}:role/caravan-sandbox-batch"), role);
            assertFalse(properties.get("caravan.bedrock.access-key").equals(properties.get("caravan.bedrock.s3.access-key")),
                    "Bedrock and S3 have keys of their own");

            sandbox.s3().createBucket("your-s3-bucket");
            try (S3Client s3 = S3Client.builder().endpointOverride(URI.create(properties.get("caravan.bedrock.s3.endpoint")))
                    .forcePathStyle(true).region(Region.of(properties.get("caravan.bedrock.s3.region")))
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                            properties.get("caravan.bedrock.s3.access-key"),
                            properties.get("caravan.bedrock.s3.secret-key"))))
                    .httpClientBuilder(ApacheHttpClient.builder()).build();
                 BedrockClient bedrock = BedrockClient.builder()
                         .endpointOverride(URI.create(properties.get("caravan.bedrock.endpoint")))
                         .region(Region.of(properties.get("caravan.bedrock.region")))
                         .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                                 properties.get("caravan.bedrock.access-key"),
                                 properties.get("caravan.bedrock.secret-key"))))
                         .httpClientBuilder(ApacheHttpClient.builder()).build()) {
                s3.putObject(p -> p.bucket("your-s3-bucket").key("deepintshield-batch-input/batch_1.jsonl"),
                        RequestBody.fromString(String.join("\n",
                                BedrockInputValidationTest.claude("CALL0000001", "one"),
                                BedrockInputValidationTest.claude("CALL0000002", "two"),
                                BedrockInputValidationTest.claude("CALL0000003", "three")) + "\n"));
                String arn = bedrock.createModelInvocationJob(b -> b.jobName("sandbox-doc-job").roleArn(role)
                        .modelId("anthropic.claude-3-sonnet-20240229-v1:0")
                        .inputDataConfig(i -> i.s3InputDataConfig(s -> s.s3Uri(
                                "s3://your-s3-bucket/deepintshield-batch-input/batch_1.jsonl")))
                        .outputDataConfig(o -> o.s3OutputDataConfig(s -> s.s3Uri(
                                "s3://your-s3-bucket/deepintshield-batch-output/")))).jobArn();
                assertTrue(arn.startsWith("arn:aws:bedrock:" + properties.get("caravan.bedrock.region") + ":"), arn);
                GetModelInvocationJobResponse job = awaitEnd(bedrock, arn);
                assertEquals(ModelInvocationJobStatus.COMPLETED, job.status(), job.message());
                assertEquals(3L, job.successRecordCount());
                String id = arn.substring(arn.lastIndexOf('/') + 1);
                assertEquals(3, s3.getObjectAsBytes(g -> g.bucket("your-s3-bucket")
                        .key("deepintshield-batch-output/" + id + "/batch_1.jsonl.out")).asUtf8String().lines().count());
            }
        } finally {
            sandbox.stop();
        }
    }

    private static GetModelInvocationJobResponse awaitEnd(BedrockClient bedrock, String arn) {
        Instant deadline = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(deadline)) {
            GetModelInvocationJobResponse job = bedrock.getModelInvocationJob(g -> g.jobIdentifier(arn));
            if (job.endTime() != null) {
                return job;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return fail("job did not end: " + arn);
    }
}
