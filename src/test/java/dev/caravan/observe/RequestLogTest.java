package dev.caravan.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.HttpResponseFor;
import com.openai.errors.NotFoundException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.files.FileListPage;
import dev.caravan.CaravanApplication;
import dev.caravan.CaravanBedrock;
import dev.caravan.CaravanClients;
import dev.caravan.CaravanS3;
import dev.caravan.auth.LogCapture;
import dev.caravan.sandbox.Sandbox;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.bedrock.BedrockClient;
import software.amazon.awssdk.services.bedrock.model.ListModelInvocationJobsResponse;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * The request log with Caravan's API keys on: each request on each surface, the refused one included, writes exactly
 * one JSON line on caravan.requests, under the request id its client saw, and no line carries a secret.
 */
@CamelMainTest(mainClass = CaravanApplication.class,
        propertyPlaceholderLocations = "file:application.properties",
        properties = {"camel.server.port=0", "camel.server.host=127.0.0.1", "caravan.sandbox.enabled=true",
                "caravan.auth.keys=" + RequestLogTest.KEY_ID + ":" + RequestLogTest.SECRET})
class RequestLogTest {

    static final String KEY_ID = "ops-team";
    static final String SECRET = "ops-caravan-key-5c2a";
    private static final String WRONG = "ops-wrong-key-0e7d";
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeanInject
    CamelContext context;

    @Test
    void one_json_line_per_request_under_the_id_the_client_saw_and_no_secret() throws Exception {
        try (LogCapture capture = LogCapture.onLogger(RequestLog.LOGGER, "requests")) {
            HttpResponseFor<FileListPage> listed = openAi(SECRET).files().withRawResponse().list();
            assertEquals(200, listed.statusCode());
            String listId = listed.headers().values("x-request-id").get(0);
            UnauthorizedException refused = assertThrows(UnauthorizedException.class,
                    () -> openAi(WRONG).files().list());
            String refusedId = refused.headers().values("x-request-id").get(0);

            S3Client s3 = CaravanS3.clientBuilder(context).credentialsProvider(credentials()).build();
            PutObjectResponse put = s3.putObject(builder -> builder.bucket("ops-bucket").key("in/batch.jsonl"),
                    RequestBody.fromString("{\"recordId\":\"r1\"}\n"));
            String putId = put.responseMetadata().requestId();
            BedrockClient bedrock = CaravanBedrock.clientBuilder(context).credentialsProvider(credentials()).build();
            ListModelInvocationJobsResponse jobs = bedrock.listModelInvocationJobs(builder -> { });
            String jobsId = jobs.responseMetadata().requestId();

            List<JsonNode> lines = awaitLines(capture, 4);
            assertEquals(4, lines.size(), capture.lines().toString());

            JsonNode list = only(lines, listId);
            assertEquals("openai", list.path("surface").asText());
            assertEquals("openai", list.path("provider").asText());
            assertEquals("files-list", list.path("operation").asText());
            assertEquals(200, list.path("status").asInt());
            assertTrue(list.path("duration_ms").asDouble() >= 0);

            JsonNode unauthorized = only(lines, refusedId);
            assertEquals(401, unauthorized.path("status").asInt());
            assertEquals("/openai/files", unauthorized.path("path").asText());

            JsonNode object = only(lines, putId);
            assertEquals("s3", object.path("surface").asText());
            assertEquals("object-put", object.path("operation").asText());
            assertEquals("bedrock", object.path("provider").asText());
            assertEquals(200, object.path("status").asInt());

            JsonNode listJobs = only(lines, jobsId);
            assertEquals("bedrock", listJobs.path("surface").asText());
            assertEquals("jobs-list", listJobs.path("operation").asText());
            assertEquals(200, listJobs.path("status").asInt());

            String openAiUpstreamKey = sandbox().upstreamProperties().get("caravan.openai.api-key");
            for (String line : capture.lines()) {
                for (String secret : List.of(SECRET, WRONG, openAiUpstreamKey, "Bearer", "Signature",
                        "Authorization", "Credential")) {
                    assertFalse(line.contains(secret), "'" + secret + "' in " + line);
                }
            }
        }
    }

    @Test
    void a_secret_a_caller_puts_in_the_path_is_masked_in_its_line() throws Exception {
        // the path and the id are the caller's words: a key pasted into a URL must not reach the log
        String pasted = "sk-proj-PastedIntoAUrl0123456789";
        try (LogCapture capture = LogCapture.onLogger(RequestLog.LOGGER, "requests")) {
            NotFoundException missing = assertThrows(NotFoundException.class,
                    () -> openAi(SECRET).files().retrieve(pasted));
            String requestId = missing.headers().values("x-request-id").get(0);
            JsonNode line = only(awaitLines(capture, 1), requestId);
            assertEquals(404, line.path("status").asInt());
            assertEquals("/openai/files/***", line.path("path").asText());
            for (String text : capture.lines()) {
                assertFalse(text.contains("PastedIntoAUrl"), text);
            }
        }
    }

    private Sandbox sandbox() {
        return context.getRegistry().lookupByNameAndType("sandbox", Sandbox.class);
    }

    private OpenAIClient openAi(String key) {
        return OpenAIOkHttpClient.builder().baseUrl(CaravanClients.baseUrl(context) + "/openai").apiKey(key)
                .maxRetries(0).build();
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY_ID, SECRET));
    }

    /** The line is written when the response has ended, which the client may see a moment before. */
    private static List<JsonNode> awaitLines(LogCapture capture, int expected) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(5));
        while (capture.lines().size() < expected && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
        Thread.sleep(200);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : capture.lines()) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }

    private static JsonNode only(List<JsonNode> lines, String requestId) {
        List<JsonNode> matching = lines.stream().filter(line -> requestId.equals(line.path("request_id").asText()))
                .toList();
        assertEquals(1, matching.size(), requestId + " in " + lines);
        return matching.get(0);
    }
}
