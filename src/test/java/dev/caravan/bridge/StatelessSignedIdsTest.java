package dev.caravan.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.errors.NotFoundException;
import com.openai.models.batches.Batch;
import com.openai.models.batches.BatchCreateParams;
import dev.caravan.CaravanApplication;
import dev.caravan.CaravanBedrock;
import dev.caravan.CaravanClients;
import dev.caravan.CaravanS3;
import dev.caravan.sandbox.Sandbox;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.bedrock.BedrockClient;
import software.amazon.awssdk.services.bedrock.model.ResourceNotFoundException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Ids are the only state (DESIGN §3): a second Caravan instance, sharing nothing with the first but its settings,
 * routes the first one's ids (a wrapped batch id on the OpenAI surface, a job ARN on the Bedrock surface), and with
 * caravan.ids.secret set an id whose signature does not verify is a 404 on both.
 */
@CamelMainTest(mainClass = CaravanApplication.class,
        propertyPlaceholderLocations = "file:application.properties",
        properties = {"camel.server.port=0", "camel.server.host=127.0.0.1", "caravan.sandbox.enabled=true",
                "caravan.ids.secret=" + StatelessSignedIdsTest.SECRET})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatelessSignedIdsTest {

    static final String SECRET = "test-only-id-secret";

    @BeanInject
    CamelContext context;

    private Main second;
    private String secondUrl;

    /** Another Caravan on its own port, with the same settings and the first one's upstreams, and no sandbox. */
    private String second() throws Exception {
        if (second == null) {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            second = new Main(CaravanApplication.class);
            second.setDefaultPropertyPlaceholderLocation("file:application.properties");
            Sandbox sandbox = CaravanS3.sandbox(context);
            sandbox.upstreamProperties().forEach(second::addOverrideProperty);
            second.addOverrideProperty("camel.main.name", "caravan-second");
            second.addOverrideProperty("camel.server.port", Integer.toString(port));
            second.addOverrideProperty("camel.server.host", "127.0.0.1");
            second.addOverrideProperty("caravan.ids.secret", SECRET);
            second.start();
            secondUrl = "http://127.0.0.1:" + port;
        }
        return secondUrl;
    }

    @AfterAll
    void stopSecond() throws Exception {
        if (second != null) {
            second.stop();
        }
    }

    private static OpenAIClient openAi(String baseUrl) {
        return OpenAIOkHttpClient.builder().baseUrl(baseUrl + "/openai").apiKey("any").maxRetries(0).build();
    }

    @Test
    void aBatchIdFromOneInstanceWorksOnAnotherAndATamperedOneIsNotFound() throws Exception {
        OpenAIClient first = CaravanClients.openAi(context, "/openai");
        Batch batch = first.batches().create(BatchCreateParams.builder()
                .inputFileId("")
                .endpoint(BatchCreateParams.Endpoint.V1_CHAT_COMPLETIONS)
                .completionWindow(BatchCreateParams.CompletionWindow._24H)
                .putAdditionalBodyProperty("provider", JsonValue.from("anthropic"))
                .putAdditionalBodyProperty("requests", JsonValue.from(List.of(Map.of("custom_id", "q1",
                        "params", Map.of("model", "claude-sonnet-4-5", "max_tokens", 50,
                                "messages", List.of(Map.of("role", "user", "content", "Hi")))))))
                .build());
        String id = batch.id();
        assertTrue(id.matches("batch-anthropic-[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+"), id);

        OpenAIClient other = openAi(second());
        assertEquals(id, other.batches().retrieve(id).id());

        String tampered = id.substring(0, id.length() - 1) + (id.endsWith("A") ? "B" : "A");
        assertThrows(NotFoundException.class, () -> first.batches().retrieve(tampered));
        assertThrows(NotFoundException.class, () -> other.batches().retrieve(tampered));
        String unsigned = id.substring(0, id.indexOf('.'));
        assertThrows(NotFoundException.class, () -> other.batches().retrieve(unsigned));
    }

    @Test
    void aJobArnFromOneInstanceWorksOnAnotherAndATamperedOneIsNotFound() throws Exception {
        String line = "{\"custom_id\": \"q1\", \"method\": \"POST\", \"url\": \"/v1/chat/completions\", \"body\": "
                + "{\"model\": \"gpt-4o-mini\", \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]}}";
        String jobArn;
        try (S3Client s3 = CaravanS3.clientBuilder(context, "openai").build();
             BedrockClient bedrock = CaravanBedrock.clientBuilder(context, "openai").build()) {
            String fileId = s3.putObject(put -> put.bucket("openai-files").key("in.jsonl"),
                    RequestBody.fromString(line)).eTag().replace("\"", "");
            jobArn = bedrock.createModelInvocationJob(create -> create.jobName("stateless").modelId("gpt-4o-mini")
                    .inputDataConfig(input -> input.s3InputDataConfig(s3Input -> s3Input
                            .s3Uri("s3://openai-files/" + fileId)))
                    .outputDataConfig(output -> output.s3OutputDataConfig(s3Output -> s3Output
                            .s3Uri("s3://openai-output/")))).jobArn();
        }
        String signedArn = jobArn;
        try (BedrockClient other = CaravanBedrock.clientBuilder(context).endpointOverride(
                URI.create(second() + "/bedrock")).build()) {
            // no x-model-provider: the ARN alone routes the call
            assertEquals(signedArn, other.getModelInvocationJob(get -> get.jobIdentifier(signedArn)).jobArn());
            String tampered = signedArn.replace("openai-", "openai-A");
            assertThrows(ResourceNotFoundException.class,
                    () -> other.getModelInvocationJob(get -> get.jobIdentifier(tampered)));
        }
    }
}
