package dev.caravan.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.MultipartField;
import com.openai.core.http.HttpResponse;
import com.openai.models.batches.Batch;
import com.openai.models.batches.BatchCreateParams;
import com.openai.models.files.FileCreateParams;
import com.openai.models.files.FileObject;
import com.openai.models.files.FilePurpose;
import dev.caravan.CaravanApplication;
import dev.caravan.CaravanBedrock;
import dev.caravan.CaravanClients;
import dev.caravan.CaravanS3;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.bedrock.BedrockClient;
import software.amazon.awssdk.services.bedrock.model.GetModelInvocationJobResponse;
import software.amazon.awssdk.services.bedrock.model.ModelInvocationJobStatus;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One 20-line OpenAI-format batch (the same custom_ids and prompts; each provider's own model in its lines) on every
 * provider through the OpenAI surface, and on bedrock, openai and gemini through the Bedrock batch API: every run
 * ends completed with 20 result lines whose ids are the input's, in the caller's own result format.
 */
@CamelMainTest(mainClass = CaravanApplication.class,
        propertyPlaceholderLocations = "file:application.properties",
        properties = {"camel.server.port=0", "camel.server.host=127.0.0.1", "caravan.sandbox.enabled=true",
                "caravan.sandbox.openai.phase-duration=300ms", "caravan.sandbox.bedrock.phase-duration=300ms",
                "caravan.sandbox.anthropic.phase-duration=300ms", "caravan.sandbox.gemini.phase-duration=300ms"})
class ProviderMatrixTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Set<String> IDS = IntStream.rangeClosed(1, 20).mapToObj(i -> String.format("row-%02d", i))
            .collect(Collectors.toSet());
    private static final AtomicLong UNIQUE = new AtomicLong(System.currentTimeMillis() / 1000);
    private static final String BUCKET = "matrix-bucket";

    @BeanInject
    CamelContext context;

    static String model(String provider) {
        return switch (provider) {
            case "openai" -> "gpt-4o-mini";
            case "anthropic" -> "claude-sonnet-4-5";
            case "gemini" -> "gemini-2.5-flash";
            default -> "anthropic.claude-3-haiku-20240307-v1:0";
        };
    }

    static String batchFile(String provider) {
        return IntStream.rangeClosed(1, 20).mapToObj(i -> "{\"custom_id\": \"" + String.format("row-%02d", i)
                + "\", \"method\": \"POST\", \"url\": \"/v1/chat/completions\", \"body\": {\"model\": \""
                + model(provider) + "\", \"messages\": [{\"role\": \"user\", \"content\": \"What is " + i + " + " + i
                + "?\"}], \"max_tokens\": 50}}").collect(Collectors.joining("\n")) + "\n";
    }

    @ParameterizedTest(name = "OpenAI SDK → {0}")
    @ValueSource(strings = {"openai", "anthropic", "gemini", "bedrock"})
    void theBatchRunsOnEveryProviderThroughTheOpenAiSurface(String provider) throws Exception {
        OpenAIClient client = CaravanClients.openAi(context, "/openai");
        FileCreateParams.Builder upload = FileCreateParams.builder()
                .file(MultipartField.<InputStream>builder()
                        .value(new ByteArrayInputStream(batchFile(provider).getBytes(StandardCharsets.UTF_8)))
                        .filename("matrix.jsonl").contentType("application/jsonl").build())
                .purpose(FilePurpose.BATCH)
                .putAdditionalBodyProperty("provider", JsonValue.from(provider));
        if (provider.equals("bedrock")) {
            upload.putAdditionalBodyProperty("storage_config", JsonValue.from(Map.of("s3", Map.of(
                    "bucket", BUCKET, "prefix", "matrix-input"))));
        }
        FileObject file = client.files().create(upload.build());

        BatchCreateParams.Builder create = BatchCreateParams.builder().inputFileId(file.id())
                .endpoint(BatchCreateParams.Endpoint.V1_CHAT_COMPLETIONS)
                .completionWindow(BatchCreateParams.CompletionWindow._24H)
                .putAdditionalBodyProperty("provider", JsonValue.from(provider));
        if (provider.equals("gemini") || provider.equals("bedrock")) {
            create.putAdditionalBodyProperty("model", JsonValue.from(model(provider)));
        }
        if (provider.equals("bedrock")) {
            create.putAdditionalBodyProperty("output_s3_uri", JsonValue.from("s3://" + BUCKET + "/matrix-output/"));
        }
        Batch batch = client.batches().create(create.build());

        Instant deadline = Instant.now().plus(PATIENCE);
        while (!Set.of(Batch.Status.COMPLETED, Batch.Status.FAILED, Batch.Status.EXPIRED, Batch.Status.CANCELLED)
                .contains(batch.status()) && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            batch = client.batches().retrieve(batch.id());
        }
        assertEquals(Batch.Status.COMPLETED, batch.status(), batch.toString());
        assertEquals(20, batch.requestCounts().orElseThrow().completed(), batch.toString());

        String output;
        try (HttpResponse response = client.files().content(batch.outputFileId().orElseThrow());
             InputStream body = response.body()) {
            output = new String(body.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<JsonNode> lines = lines(output);
        assertEquals(20, lines.size(), output);
        assertEquals(IDS, lines.stream().map(line -> line.get("custom_id").asText()).collect(Collectors.toSet()));
        lines.forEach(line -> assertTrue(!line.at("/response/body/choices/0/message/content").asText().isBlank(),
                line.toString()));
    }

    @ParameterizedTest(name = "AWS SDK → {0}")
    @ValueSource(strings = {"bedrock", "openai", "gemini"})
    void theBatchRunsThroughTheBedrockBatchApi(String provider) throws Exception {
        try (S3Client s3 = CaravanS3.clientBuilder(context, provider).build();
             BedrockClient bedrock = CaravanBedrock.clientBuilder(context, provider).build()) {
            boolean bedrockItself = provider.equals("bedrock");
            String bucket = bedrockItself ? BUCKET : provider + "-files";
            String key = "matrix-input/batch_" + UNIQUE.incrementAndGet() + ".jsonl";
            String etag = s3.putObject(put -> put.bucket(bucket).key(key).contentType("application/jsonl"),
                    RequestBody.fromString(batchFile(provider))).eTag().replace("\"", "");
            String input = "s3://" + bucket + "/" + (bedrockItself ? key : etag);
            String outputBucket = bedrockItself ? BUCKET : provider + "-output";

            String jobArn = bedrock.createModelInvocationJob(job -> job.jobName("matrix-" + provider)
                    .modelId(model(provider))
                    .inputDataConfig(in -> in.s3InputDataConfig(s3In -> s3In.s3Uri(input)))
                    .outputDataConfig(out -> out.s3OutputDataConfig(s3Out -> s3Out
                            .s3Uri("s3://" + outputBucket + "/matrix-output/")))).jobArn();

            GetModelInvocationJobResponse job;
            Instant deadline = Instant.now().plus(PATIENCE);
            do {
                Thread.sleep(200);
                job = bedrock.getModelInvocationJob(get -> get.jobIdentifier(jobArn));
            } while (!job.status().equals(ModelInvocationJobStatus.COMPLETED)
                    && !job.status().equals(ModelInvocationJobStatus.FAILED) && Instant.now().isBefore(deadline));
            assertEquals(ModelInvocationJobStatus.COMPLETED, job.status(), job.message());
            assertEquals(20L, job.successRecordCount());

            String resultKey;
            if (bedrockItself) {
                String jobId = jobArn.substring(jobArn.lastIndexOf('/') + 1);
                resultKey = "matrix-output/" + jobId + "/" + key.substring(key.lastIndexOf('/') + 1) + ".out";
            } else {
                String uri = job.outputDataConfig().s3OutputDataConfig().s3Uri();
                resultKey = uri.substring(uri.indexOf('/', "s3://".length()) + 1);
            }
            List<JsonNode> records = lines(s3.getObjectAsBytes(get -> get.bucket(outputBucket).key(resultKey))
                    .asUtf8String());
            assertEquals(20, records.size());
            assertEquals(IDS, records.stream().map(record -> record.get("recordId").asText())
                    .collect(Collectors.toSet()));
            records.forEach(record -> assertTrue(record.has("modelOutput"), record.toString()));
        }
    }

    private static List<JsonNode> lines(String jsonl) {
        return jsonl.lines().filter(line -> !line.isBlank()).map(line -> {
            try {
                return JSON.readTree(line);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
    }
}
