package dev.caravan.deploy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.HttpResponse;
import com.openai.models.batches.Batch;
import com.openai.models.batches.BatchCreateParams;
import com.openai.models.files.FileCreateParams;
import com.openai.models.files.FileObject;
import com.openai.models.files.FilePurpose;
import dev.caravan.CaravanApplication;
import dev.caravan.CaravanClients;
import dev.caravan.sandbox.Sandbox;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Scale-out as the README describes it: two Caravan instances on different ports, sharing nothing but the upstreams
 * (the first one's sandbox) and caravan.ids.secret, serve one Gemini batch's lifecycle alternately through the
 * official OpenAI SDK: upload on one, create on the other, poll on each in turn, download on both.
 */
@CamelMainTest(mainClass = CaravanApplication.class,
        propertyPlaceholderLocations = "file:application.properties",
        properties = {"camel.server.port=0", "camel.server.host=127.0.0.1", "caravan.sandbox.enabled=true",
                "caravan.sandbox.gemini.phase-duration=300ms", "caravan.ids.secret=" + TwoInstancesTest.SECRET})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoInstancesTest {

    static final String SECRET = "two-instances-id-secret";
    private static final String LINE = "{\"custom_id\": \"%s\", \"method\": \"POST\", \"url\": \"/v1/chat/completions\","
            + " \"body\": {\"model\": \"gemini-2.5-flash\", \"messages\": [{\"role\": \"user\", \"content\": \"%s\"}]}}";

    @BeanInject
    CamelContext context;

    private Main second;

    /** The second instance: its own port and context, the first one's upstream settings, no sandbox of its own. */
    private String startSecond() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        second = new Main(CaravanApplication.class);
        second.setDefaultPropertyPlaceholderLocation("file:application.properties");
        Sandbox sandbox = context.getRegistry().lookupByNameAndType("sandbox", Sandbox.class);
        sandbox.upstreamProperties().forEach(second::addOverrideProperty);
        second.addOverrideProperty("camel.main.name", "caravan-second");
        second.addOverrideProperty("camel.server.port", Integer.toString(port));
        second.addOverrideProperty("camel.server.host", "127.0.0.1");
        second.addOverrideProperty("caravan.ids.secret", SECRET);
        second.start();
        return "http://127.0.0.1:" + port;
    }

    @AfterAll
    void stopSecond() throws Exception {
        if (second != null) {
            second.stop();
        }
    }

    @Test
    void one_batch_lifecycle_served_alternately_by_two_instances() throws Exception {
        OpenAIClient one = CaravanClients.openAi(context, "/openai");
        OpenAIClient two = OpenAIOkHttpClient.builder().baseUrl(startSecond() + "/openai").apiKey("any")
                .maxRetries(0).build();
        Path input = Files.createTempFile("two-instances", ".jsonl");
        input.toFile().deleteOnExit();
        Files.writeString(input, LINE.formatted("q-1", "What is 2+2?") + "\n" + LINE.formatted("q-2", "Hi"));

        FileObject file = one.files().create(FileCreateParams.builder().file(input).purpose(FilePurpose.BATCH)
                .putAdditionalBodyProperty("provider", JsonValue.from("gemini")).build());
        assertTrue(file.id().startsWith("file-gemini-"), file.id());

        // no provider named from here on: the ids route every call, on either instance
        Batch batch = two.batches().create(BatchCreateParams.builder().inputFileId(file.id())
                .endpoint(BatchCreateParams.Endpoint.V1_CHAT_COMPLETIONS)
                .completionWindow(BatchCreateParams.CompletionWindow._24H)
                .putAdditionalBodyProperty("model", JsonValue.from("gemini-2.5-flash")).build());
        assertTrue(batch.id().startsWith("batch-gemini-"), batch.id());

        List<OpenAIClient> instances = List.of(one, two);
        int turn = 0;
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!batch.status().equals(Batch.Status.COMPLETED) && Instant.now().isBefore(deadline)) {
            Thread.sleep(150);
            Batch polled = instances.get(turn++ % 2).batches().retrieve(batch.id());
            assertEquals(batch.id(), polled.id());
            batch = polled;
        }
        assertEquals(Batch.Status.COMPLETED, batch.status());
        assertTrue(turn >= 2, "both instances polled");
        assertEquals(2, batch.requestCounts().orElseThrow().completed());

        String outputId = batch.outputFileId().orElseThrow();
        byte[] fromOne = download(one, outputId);
        byte[] fromTwo = download(two, outputId);
        assertArrayEquals(fromOne, fromTwo);
        String output = new String(fromOne, StandardCharsets.UTF_8);
        assertEquals(2, output.strip().split("\n").length, output);
        assertTrue(Arrays.stream(output.split("\n")).anyMatch(l -> l.contains("\"custom_id\":\"q-1\"")), output);
        assertTrue(Arrays.stream(output.split("\n")).anyMatch(l -> l.contains("\"custom_id\":\"q-2\"")), output);
    }

    private static byte[] download(OpenAIClient client, String fileId) throws Exception {
        try (HttpResponse response = client.files().content(fileId); InputStream body = response.body()) {
            return body.readAllBytes();
        }
    }
}
