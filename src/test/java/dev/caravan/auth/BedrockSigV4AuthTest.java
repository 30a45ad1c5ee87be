package dev.caravan.auth;

import static dev.caravan.auth.AuthTestKeys.S3_KEY_ID;
import static dev.caravan.auth.AuthTestKeys.S3_SECRET;
import static dev.caravan.auth.AuthTestKeys.WRONG_SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.caravan.CaravanApplication;
import dev.caravan.CaravanBedrock;
import dev.caravan.CaravanClients;
import dev.caravan.CaravanS3;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.bedrock.BedrockClient;
import software.amazon.awssdk.services.bedrock.model.BedrockException;
import software.amazon.awssdk.services.bedrock.model.CreateModelInvocationJobRequest;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Caravan's API keys on the Bedrock batch API, as the AWS SDK for Java v2's BedrockClient meets them: SigV4 for
 * service bedrock with the right key passes (with x-model-provider added after signing, as boto3 adds it); a wrong
 * secret, an unknown key id, a body changed after signing, no credentials are refused with the exceptions AWS's front
 * ends use, and nothing is created; a Bedrock API key (Authorization: Bearer) is the other accepted form.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@CamelMainTest(mainClass = CaravanApplication.class,
        propertyPlaceholderLocations = "file:application.properties",
        properties = {"camel.server.port=0", "camel.server.host=127.0.0.1", "caravan.sandbox.enabled=true",
                AuthTestKeys.SETTING})
class BedrockSigV4AuthTest {

    private static final LogCapture LOGS = LogCapture.start(AuthTestKeys.VERBOSE);
    private static final String BUCKET = "auth-jobs";
    private static final String INPUT = "s3://" + BUCKET + "/in/batch.jsonl";
    private static final AwsCredentialsProvider RIGHT = credentials(S3_KEY_ID, S3_SECRET);

    @BeanInject
    CamelContext context;

    private final List<String> answers = Collections.synchronizedList(new ArrayList<>());

    @AfterAll
    void stopCapturing() {
        LOGS.close();
    }

    @Test
    void theRightKeyCreatesGetsListsAndStopsEvenWithAHeaderAddedAfterSigning() {
        uploadInput();
        AfterSigningHttpClient http = new AfterSigningHttpClient(ApacheHttpClient.create())
                .addHeader("x-model-provider", "bedrock");
        try (BedrockClient bedrock = client(RIGHT, http)) {
            String jobArn = bedrock.createModelInvocationJob(job("signed-job")).jobArn();
            assertEquals("signed-job", bedrock.getModelInvocationJob(get -> get.jobIdentifier(jobArn)).jobName());
            assertTrue(bedrock.listModelInvocationJobs(list -> list.nameContains("signed-job"))
                    .invocationJobSummaries().stream().anyMatch(job -> job.jobArn().equals(jobArn)));
            bedrock.stopModelInvocationJob(stop -> stop.jobIdentifier(jobArn));
        }
    }

    @Test
    void aWrongSecretIsAnInvalidSignature() {
        try (BedrockClient bedrock = client(credentials(S3_KEY_ID, WRONG_SECRET), null)) {
            assertEquals("InvalidSignatureException", fails(() -> bedrock.listModelInvocationJobs(list -> { })));
        }
    }

    @Test
    void anUnknownKeyIdIsUnrecognized() {
        try (BedrockClient bedrock = client(credentials("AKIAUNKNOWNKEY000000", S3_SECRET), null)) {
            assertEquals("UnrecognizedClientException", fails(() -> bedrock.listModelInvocationJobs(list -> { })));
        }
    }

    @Test
    void aBodyChangedAfterSigningIsRefusedAndCreatesNothing() {
        uploadInput();
        AfterSigningHttpClient http = new AfterSigningHttpClient(ApacheHttpClient.create()).flipBodyByteAt(12);
        try (BedrockClient bedrock = client(RIGHT, http)) {
            assertEquals("InvalidSignatureException",
                    fails(() -> bedrock.createModelInvocationJob(job("tampered-job"))));
        }
        try (BedrockClient bedrock = client(RIGHT, null)) {
            assertEquals(0, bedrock.listModelInvocationJobs(list -> list.nameContains("tampered"))
                    .invocationJobSummaries().size());
        }
    }

    @Test
    void noCredentialsAtAllIsAMissingToken() throws Exception {
        HttpResponse<String> answer = send(null);
        assertEquals(403, answer.statusCode());
        assertEquals("MissingAuthenticationTokenException",
                answer.headers().firstValue("x-amzn-ErrorType").orElse(null));
        answers.add(answer.body());
    }

    @Test
    void aBedrockApiKeyIsTheOtherWayIn() throws Exception {
        assertEquals(200, send("Bearer " + S3_SECRET).statusCode());
        HttpResponse<String> refused = send("Bearer " + WRONG_SECRET);
        assertEquals(403, refused.statusCode());
        assertEquals("UnrecognizedClientException", refused.headers().firstValue("x-amzn-ErrorType").orElse(null));
        answers.add(refused.body());
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void noSecretIsLoggedOrEchoed() {
        assertTrue(LOGS.text().contains("InvalidSignatureException"), "the refusals are logged");
        AuthTestKeys.assertNoSecretIn(context, LOGS, answers);
    }

    private String fails(Executable call) {
        BedrockException error = assertThrows(BedrockException.class, call);
        assertEquals(403, error.statusCode(), error.getMessage());
        answers.add(error.getMessage());
        return error.awsErrorDetails().errorCode();
    }

    private void uploadInput() {
        try (S3Client s3 = CaravanS3.clientBuilder(context).credentialsProvider(RIGHT).build()) {
            s3.putObject(put -> put.bucket(BUCKET).key("in/batch.jsonl"), RequestBody.fromString(
                    "{\"recordId\":\"r1\",\"modelInput\":{\"anthropic_version\":\"bedrock-2023-05-31\","
                            + "\"max_tokens\":50,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}}\n"));
        }
    }

    private static CreateModelInvocationJobRequest job(String name) {
        return CreateModelInvocationJobRequest.builder().jobName(name)
                .modelId("anthropic.claude-3-haiku-20240307-v1:0")
                .inputDataConfig(input -> input.s3InputDataConfig(s3 -> s3.s3Uri(INPUT)))
                .outputDataConfig(output -> output.s3OutputDataConfig(s3 -> s3.s3Uri("s3://" + BUCKET + "/out/")))
                .build();
    }

    private HttpResponse<String> send(String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(CaravanClients.baseUrl(context)
                + "/bedrock/model-invocation-jobs?maxResults=1")).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private BedrockClient client(AwsCredentialsProvider credentials, AfterSigningHttpClient http) {
        var builder = CaravanBedrock.clientBuilder(context).credentialsProvider(credentials);
        if (http != null) {
            builder.httpClientBuilder(null).httpClient(http);
        }
        return builder.build();
    }

    private static AwsCredentialsProvider credentials(String keyId, String secret) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(keyId, secret));
    }
}
