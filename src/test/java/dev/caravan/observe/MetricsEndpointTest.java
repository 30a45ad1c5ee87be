package dev.caravan.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.http.HttpResponse;
import com.openai.errors.InternalServerException;
import com.openai.models.batches.Batch;
import com.openai.models.batches.BatchCreateParams;
import com.openai.models.batches.BatchRetrieveParams;
import com.openai.models.files.FileContentParams;
import com.openai.models.files.FileCreateParams;
import com.openai.models.files.FileObject;
import com.openai.models.files.FilePurpose;
import dev.caravan.CaravanApplication;
import dev.caravan.CaravanClients;
import dev.caravan.sandbox.Sandbox;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;

/**
 * A batch's whole life through the official OpenAI SDK against the sandbox, then a scrape of /observe/metrics as
 * Prometheus would do it: Caravan's series carry the surface, provider and operation of each request.
 */
@CamelMainTest(mainClass = CaravanApplication.class,
        propertyPlaceholderLocations = "file:application.properties",
        properties = {"camel.server.port=0", "camel.server.host=127.0.0.1", "caravan.sandbox.enabled=true",
                "caravan.sandbox.openai.phase-duration=200ms", "caravan.sandbox.bedrock.phase-duration=200ms",
                "caravan.openai.retry.max-attempts=1",
                "caravan.openai.circuit-breaker.minimum-calls=1000"})
class MetricsEndpointTest {

    private static final String LINE = "{\"custom_id\":\"%s\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\","
            + "\"body\":{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}}\n";

    private static final String BEDROCK_MODEL = "anthropic.claude-3-haiku-20240307-v1:0";

    @BeanInject
    CamelContext context;

    @Test
    void a_batch_run_through_the_openai_sdk_shows_in_the_prometheus_series() throws Exception {
        OpenAIClient client = CaravanClients.openAi(context, "/openai");
        Path input = Files.createTempFile("metrics-batch", ".jsonl");
        input.toFile().deleteOnExit();
        Files.writeString(input, LINE.formatted("m-1") + LINE.formatted("m-2"));
        long inputBytes = Files.size(input);

        FileObject file = client.files().create(FileCreateParams.builder().file(input).purpose(FilePurpose.BATCH)
                .build());
        Batch batch = client.batches().create(BatchCreateParams.builder().inputFileId(file.id())
                .endpoint(BatchCreateParams.Endpoint.V1_CHAT_COMPLETIONS)
                .completionWindow(BatchCreateParams.CompletionWindow._24H).build());
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!batch.status().equals(Batch.Status.COMPLETED) && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            batch = client.batches().retrieve(batch.id());
        }
        assertEquals(Batch.Status.COMPLETED, batch.status());
        try (HttpResponse output = client.files().content(batch.outputFileId().orElseThrow());
             InputStream body = output.body()) {
            assertTrue(body.readAllBytes().length > 0);
        }
        // one upstream failure, passed back as it came (no retries configured)
        sandbox().openAi().injectFaults(500, "The server had an error", 1);
        String batchId = batch.id();
        assertThrows(InternalServerException.class, () -> client.batches().retrieve(batchId));

        PrometheusSeries metrics = scrape();
        Map<String, String> openAi = Map.of("surface", "openai", "provider", "openai");
        assertEquals(1.0, metrics.value("caravan_requests_seconds_count",
                with(openAi, "operation", "batches-create", "status", "200")), metrics.toString());
        assertEquals(1.0, metrics.value("caravan_requests_seconds_count",
                with(openAi, "operation", "files-upload", "status", "200")));
        assertTrue(metrics.value("caravan_requests_seconds_count",
                with(openAi, "operation", "batches-retrieve", "status", "200")) >= 1);
        assertEquals(1.0, metrics.value("caravan_requests_seconds_count",
                with(openAi, "operation", "batches-retrieve", "status", "500")));
        // the latency histogram: a cumulative bucket per bound, +Inf holding every request
        assertEquals(1.0, metrics.value("caravan_requests_seconds_bucket",
                with(openAi, "operation", "batches-create", "le", "+Inf")));
        assertTrue(metrics.value("caravan_requests_seconds_sum", with(openAi, "operation", "batches-create")) > 0);
        assertEquals(1.0, metrics.value("caravan_upstream_errors_total",
                with(openAi, "operation", "batches-retrieve", "kind", "upstream_error")), metrics.toString());
        // the multipart upload carries the file plus the form's framing
        assertTrue(metrics.value("caravan_uploaded_bytes_total", with(openAi, "operation", "files-upload"))
                > inputBytes);
        assertTrue(metrics.value("caravan_downloaded_bytes_total", with(openAi, "operation", "files-content")) > 0);
        // the OpenAI emulator, like OpenAI, answers a create with a validating batch
        assertEquals(1.0, metrics.value("caravan_created_batches_total", with(openAi, "status", "validating")),
                metrics.toString());
        // Camel's own series are there too
        assertTrue(metrics.hasHelp("camel_exchanges_total"), metrics.toString());
    }

    /**
     * An OpenAI-format file run on Bedrock is converted twice: its requests to Bedrock records on upload, Bedrock's
     * results to OpenAI output lines on download. The converted bytes are what the provider keeps (the file's
     * {@code bytes}) and what the caller is sent.
     */
    @Test
    void conversions_count_their_bytes() throws Exception {
        OpenAIClient client = CaravanClients.openAi(context, "/openai");
        Path input = Files.createTempFile("metrics-bedrock", ".jsonl");
        input.toFile().deleteOnExit();
        Files.writeString(input, LINE.formatted("c-1").replace("gpt-4o-mini", BEDROCK_MODEL)
                + LINE.formatted("c-2").replace("gpt-4o-mini", BEDROCK_MODEL));
        Map<String, String> requests = Map.of("kind", "requests");
        Map<String, String> results = Map.of("kind", "results");
        PrometheusSeries before = scrape();

        FileObject file = client.files().create(FileCreateParams.builder().file(input).purpose(FilePurpose.BATCH)
                .putAdditionalBodyProperty("provider", JsonValue.from("bedrock"))
                .putAdditionalBodyProperty("storage_config", JsonValue.from(Map.of("s3", Map.of(
                        "bucket", "metrics-bucket", "region", "us-east-1", "prefix", "in")))).build());
        PrometheusSeries uploaded = scrape();
        assertEquals(file.bytes(), uploaded.value("caravan_converted_bytes_total", requests)
                - before.value("caravan_converted_bytes_total", requests), uploaded.toString());

        Batch batch = client.batches().create(BatchCreateParams.builder().inputFileId(file.id())
                .endpoint(BatchCreateParams.Endpoint.V1_CHAT_COMPLETIONS)
                .completionWindow(BatchCreateParams.CompletionWindow._24H)
                .putAdditionalBodyProperty("provider", JsonValue.from("bedrock"))
                .putAdditionalBodyProperty("model", JsonValue.from(BEDROCK_MODEL))
                .putAdditionalBodyProperty("output_s3_uri", JsonValue.from("s3://metrics-bucket/out")).build());
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!batch.status().equals(Batch.Status.COMPLETED) && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            batch = client.batches().retrieve(BatchRetrieveParams.builder().batchId(batch.id())
                    .putAdditionalQueryParam("provider", "bedrock").build());
        }
        assertEquals(Batch.Status.COMPLETED, batch.status());
        long sent;
        try (HttpResponse output = client.files().content(FileContentParams.builder()
                .fileId(batch.outputFileId().orElseThrow()).putAdditionalQueryParam("provider", "bedrock").build());
             InputStream body = output.body()) {
            sent = body.readAllBytes().length;
        }
        assertTrue(sent > 0);
        PrometheusSeries downloaded = scrape();
        assertEquals(sent, downloaded.value("caravan_converted_bytes_total", results)
                - uploaded.value("caravan_converted_bytes_total", results), downloaded.toString());
    }

    private Sandbox sandbox() {
        return context.getRegistry().lookupByNameAndType("sandbox", Sandbox.class);
    }

    private PrometheusSeries scrape() throws Exception {
        java.net.http.HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .build().send(HttpRequest.newBuilder(URI.create(CaravanClients.baseUrl(context) + "/observe/metrics"))
                        .GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("text/plain"));
        return new PrometheusSeries(response.body());
    }

    private static Map<String, String> with(Map<String, String> base, String... more) {
        Map<String, String> labels = new java.util.HashMap<>(base);
        for (int i = 0; i < more.length; i += 2) {
            labels.put(more[i], more[i + 1]);
        }
        return labels;
    }
}
