package dev.caravan.sandbox.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caravan.jsonl.ConversionSettings;
import dev.caravan.jsonl.ResultConversion;
import dev.caravan.jsonl.ResultFormat;
import dev.caravan.jsonl.ResultSelection;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.bedrock.model.GetModelInvocationJobResponse;
import software.amazon.awssdk.services.bedrock.model.ModelInvocationJobStatus;

/**
 * Each model family's modelOutput, from real jobs: the family's InvokeModel response shape (or Converse's), the
 * deterministic "Sandbox reply to: …" cut to the max-tokens parameter, and every emulator {@code .out} file readable by
 * Caravan's own Bedrock result reader (through the public jsonl API), giving back the same text.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BedrockModelFamiliesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One job per family: model, invocation type, and its two records (the second cut at 3 tokens). */
    private record Case(String model, String type, String first, String second) {
    }

    private static final Map<String, Case> CASES = new LinkedHashMap<>();

    static {
        CASES.put("claude", new Case("anthropic.claude-3-sonnet-20240229-v1:0", "InvokeModel",
                "{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":50,\"system\":\"Be brief.\","
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"Hello Claude\"},{\"role\":\"assistant\","
                        + "\"content\":\"Hi\"},{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":"
                        + "\"Tell me about the sea\"}]}]}",
                "{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":3,\"messages\":[{\"role\":\"user\","
                        + "\"content\":\"Tell me about the sea\"}]}"));
        CASES.put("nova", new Case("us.amazon.nova-lite-v1:0", "InvokeModel",
                "{\"schemaVersion\":\"messages-v1\",\"system\":[{\"text\":\"Be brief.\"}],\"messages\":[{\"role\":"
                        + "\"user\",\"content\":[{\"text\":\"Tell me about the sea\"}]}],\"inferenceConfig\":"
                        + "{\"maxTokens\":50}}",
                "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Tell me about the sea\"}]}],"
                        + "\"inferenceConfig\":{\"maxTokens\":3}}"));
        CASES.put("llama", new Case("meta.llama3-1-70b-instruct-v1:0", "InvokeModel",
                "{\"prompt\":\"<|begin_of_text|><|start_header_id|>user<|end_header_id|>\\n\\nTell me about the sea"
                        + "<|eot_id|><|start_header_id|>assistant<|end_header_id|>\\n\\n\",\"max_gen_len\":50}",
                "{\"prompt\":\"Tell me about the sea\",\"max_gen_len\":3}"));
        CASES.put("mistral", new Case("mistral.mistral-7b-instruct-v0:2", "InvokeModel",
                "{\"prompt\":\"<s>[INST] Tell me about the sea [/INST]\",\"max_tokens\":50}",
                "{\"prompt\":\"<s>[INST] Tell me about the sea [/INST]\",\"max_tokens\":3}"));
        CASES.put("titan-text", new Case("amazon.titan-text-express-v1", "InvokeModel",
                "{\"inputText\":\"User: Tell me about the sea\\nBot:\",\"textGenerationConfig\":{\"maxTokenCount\":50}}",
                "{\"inputText\":\"Tell me about the sea\",\"textGenerationConfig\":{\"maxTokenCount\":3}}"));
        CASES.put("titan-embed", new Case("amazon.titan-embed-text-v2:0", "InvokeModel",
                "{\"inputText\":\"Tell me about the sea\",\"dimensions\":256}",
                "{\"inputText\":\"Tell me about the land\"}"));
        CASES.put("converse-nova", new Case("amazon.nova-pro-v1:0", "Converse",
                "{\"system\":[{\"text\":\"Be brief.\"}],\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":"
                        + "\"Tell me about the sea\"}]}],\"inferenceConfig\":{\"maxTokens\":50}}",
                "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Tell me about the sea\"}]}],"
                        + "\"inferenceConfig\":{\"maxTokens\":3}}"));
        CASES.put("converse-claude", new Case("anthropic.claude-3-haiku-20240307-v1:0", "Converse",
                "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Tell me about the sea\"}]}],"
                        + "\"inferenceConfig\":{\"stopSequences\":[\"about\"]}}",
                "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Tell me about the sea\"}]}],"
                        + "\"inferenceConfig\":{\"maxTokens\":3}}"));
    }

    private static final String REPLY = "Sandbox reply to: Tell me about the sea";
    private static final String CUT = "Sandbox reply to:";

    @TempDir
    static Path dataDir;

    private EmulatorFixture fixture;
    private final Map<String, List<JsonNode>> results = new LinkedHashMap<>();
    private final Map<String, String> rawResults = new LinkedHashMap<>();

    @BeforeAll
    void runOneJobPerFamily() {
        fixture = EmulatorFixture.start(dataDir.resolve("s3"), s -> s.withPhaseDuration(Duration.ofMillis(50)));
        Map<String, String> arns = new LinkedHashMap<>();
        CASES.forEach((name, c) -> {
            String key = "families/" + name + ".jsonl";
            fixture.s3.putObject(p -> p.bucket(EmulatorFixture.BUCKET).key(key), RequestBody.fromString(
                    "{\"recordId\":\"first\",\"modelInput\":" + c.first() + "}\n"
                            + "{\"recordId\":\"second\",\"modelInput\":" + c.second() + "}\n"));
            arns.put(name, fixture.bedrock.createModelInvocationJob(b -> b.jobName("family-" + name)
                    .roleArn(fixture.roleArn()).modelId(c.model()).modelInvocationType(c.type())
                    .inputDataConfig(i -> i.s3InputDataConfig(s -> s.s3Uri("s3://" + EmulatorFixture.BUCKET + "/"
                            + key)))
                    .outputDataConfig(o -> o.s3OutputDataConfig(s -> s.s3Uri("s3://" + EmulatorFixture.BUCKET
                            + "/family-out/")))).jobArn());
        });
        arns.forEach((name, arn) -> {
            GetModelInvocationJobResponse job = awaitEnd(arn);
            assertEquals(ModelInvocationJobStatus.COMPLETED, job.status(), name + ": " + job.message());
            assertEquals(2L, job.successRecordCount(), name);
            String id = arn.substring(arn.lastIndexOf('/') + 1);
            String text = fixture.s3.getObjectAsBytes(g -> g.bucket(EmulatorFixture.BUCKET)
                    .key("family-out/" + id + "/" + name + ".jsonl.out")).asUtf8String();
            rawResults.put(name, text);
            results.put(name, BedrockInputValidationTest.jsonLines(text));
        });
    }

    @AfterAll
    void stop() {
        fixture.close();
    }

    private JsonNode output(String family, int record) {
        return results.get(family).get(record).path("modelOutput");
    }

    @Test
    void claudeAnswersAMessagesApiMessage() {
        JsonNode message = output("claude", 0);
        assertTrue(message.path("id").asText().matches("msg_bdrk_01[A-Za-z0-9]{22}"), message.toString());
        assertEquals("message", message.path("type").asText());
        assertEquals("assistant", message.path("role").asText());
        assertEquals("claude-3-sonnet-20240229", message.path("model").asText());
        assertEquals("text", message.path("content").path(0).path("type").asText());
        assertEquals(REPLY, message.path("content").path(0).path("text").asText());
        assertEquals("end_turn", message.path("stop_reason").asText());
        assertTrue(message.has("stop_sequence") && message.path("stop_sequence").isNull());
        // "Be brief." + "Hello Claude" + "Hi" + "Tell me about the sea": 2 + 2 + 1 + 5 words
        assertEquals(10, message.path("usage").path("input_tokens").asInt());
        assertEquals(8, message.path("usage").path("output_tokens").asInt(), "one token per word of the reply");
        JsonNode cut = output("claude", 1);
        assertEquals(CUT, cut.path("content").path(0).path("text").asText());
        assertEquals("max_tokens", cut.path("stop_reason").asText());
        assertEquals(3, cut.path("usage").path("output_tokens").asInt());
    }

    @Test
    void novaAnswersItsMessagesV1Response() {
        JsonNode response = output("nova", 0);
        assertEquals(REPLY, response.path("output").path("message").path("content").path(0).path("text").asText());
        assertEquals("assistant", response.path("output").path("message").path("role").asText());
        assertEquals("end_turn", response.path("stopReason").asText());
        assertEquals(7, response.path("usage").path("inputTokens").asInt());
        assertEquals(8, response.path("usage").path("outputTokens").asInt());
        assertEquals(15, response.path("usage").path("totalTokens").asInt());
        assertEquals("max_tokens", output("nova", 1).path("stopReason").asText());
    }

    @Test
    void llamaAnswersAGeneration() {
        JsonNode response = output("llama", 0);
        assertEquals(REPLY, response.path("generation").asText(), "the last user turn of the template is quoted");
        assertEquals("stop", response.path("stop_reason").asText());
        assertEquals(8, response.path("generation_token_count").asInt());
        assertTrue(response.path("prompt_token_count").asInt() >= 5);
        JsonNode cut = output("llama", 1);
        assertEquals(CUT, cut.path("generation").asText());
        assertEquals("length", cut.path("stop_reason").asText());
    }

    @Test
    void mistralAnswersOutputs() {
        JsonNode response = output("mistral", 0);
        assertEquals(REPLY, response.path("outputs").path(0).path("text").asText());
        assertEquals("stop", response.path("outputs").path(0).path("stop_reason").asText());
        assertEquals("length", output("mistral", 1).path("outputs").path(0).path("stop_reason").asText());
    }

    @Test
    void titanTextAnswersResults() {
        JsonNode response = output("titan-text", 0);
        assertEquals(REPLY, response.path("results").path(0).path("outputText").asText());
        assertEquals("FINISH", response.path("results").path(0).path("completionReason").asText());
        assertEquals(8, response.path("results").path(0).path("tokenCount").asInt());
        assertTrue(response.path("inputTextTokenCount").asInt() > 0);
        assertEquals("LENGTH", output("titan-text", 1).path("results").path(0).path("completionReason").asText());
    }

    @Test
    void titanEmbeddingsAnswerAVector() {
        JsonNode asked = output("titan-embed", 0);
        assertEquals(256, asked.path("embedding").size());
        assertEquals(5, asked.path("inputTextTokenCount").asInt());
        double norm = 0;
        for (JsonNode value : asked.path("embedding")) {
            norm += value.asDouble() * value.asDouble();
        }
        assertEquals(1.0, norm, 1e-4, "normalized by default");
        JsonNode defaults = output("titan-embed", 1);
        assertEquals(1024, defaults.path("embedding").size(), "V2's default dimensions");
        assertNotEquals(asked.path("embedding").path(0), defaults.path("embedding").path(0));
    }

    @Test
    void converseJobsAnswerConverseResponsesWhateverTheModel() {
        for (String family : List.of("converse-nova", "converse-claude")) {
            JsonNode response = output(family, 1);
            assertEquals(CUT, response.path("output").path("message").path("content").path(0).path("text").asText());
            assertEquals("max_tokens", response.path("stopReason").asText());
            assertEquals(3, response.path("usage").path("outputTokens").asInt());
            assertTrue(response.path("metrics").path("latencyMs").isIntegralNumber());
            assertFalse(response.has("content") || response.has("generation"), response.toString());
        }
        JsonNode stopped = output("converse-claude", 0);
        assertEquals("Sandbox reply to: Tell me", stopped.path("output").path("message").path("content").path(0)
                .path("text").asText(), "cut before the stop sequence");
        assertEquals("stop_sequence", stopped.path("stopReason").asText());
    }

    @Test
    void theSameInputAlwaysGivesTheSameOutput() {
        assertEquals(output("claude", 0).path("id"), output("claude", 0).path("id"));
        RecordContext context = new RecordContext("jobid0000001", "first", ModelCatalog.resolve(
                "anthropic.claude-3-sonnet-20240229-v1:0").orElseThrow());
        JsonNode input = results.get("claude").get(0).path("modelInput");
        assertEquals(new ClaudeEngine().invoke(input, context).output(), new ClaudeEngine().invoke(input, context)
                .output());
    }

    @Test
    void everyFamilysResultsReadWithCaravansBedrockResultReader() throws IOException {
        for (Map.Entry<String, Case> family : CASES.entrySet()) {
            ConversionSettings settings = ConversionSettings.forModel(family.getValue().model())
                    .withConverse(family.getValue().type().equals("Converse"));
            String converted;
            try (InputStream out = ResultConversion.convert(new ByteArrayInputStream(rawResults.get(family.getKey())
                            .getBytes(StandardCharsets.UTF_8)), ResultFormat.BEDROCK.reader(settings),
                    ResultFormat.OPENAI.writer(settings), ResultSelection.ALL)) {
                converted = new String(out.readAllBytes(), StandardCharsets.UTF_8);
            }
            List<JsonNode> lines = BedrockInputValidationTest.jsonLines(converted);
            assertEquals(2, lines.size(), family.getKey());
            for (JsonNode line : lines) {
                assertEquals(200, line.path("response").path("status_code").asInt(), line.toString());
            }
            JsonNode first = lines.get(0).path("response").path("body");
            assertEquals("first", lines.get(0).path("custom_id").asText());
            if (family.getKey().equals("titan-embed")) {
                assertEquals(256, first.path("data").path(0).path("embedding").size(), first.toString());
                continue;
            }
            String expected = family.getKey().equals("converse-claude") ? "Sandbox reply to: Tell me" : REPLY;
            assertEquals(expected, first.path("choices").path(0).path("message").path("content").asText(),
                    family.getKey());
            JsonNode cut = lines.get(1).path("response").path("body");
            assertEquals(CUT, cut.path("choices").path(0).path("message").path("content").asText(), family.getKey());
            assertEquals("length", cut.path("choices").path(0).path("finish_reason").asText(), family.getKey());
            if (!family.getKey().equals("mistral")) { // Mistral's text completion reports no token counts
                int words = expected.split(" ").length;
                assertEquals(words, first.path("usage").path("completion_tokens").asInt(), family.getKey());
            }
        }
    }

    @Test
    void anErrorLineReadsAsAFailedRequest() throws IOException {
        String line = "{\"recordId\":\"bad\",\"modelInput\":{},\"error\":{\"errorCode\":400,\"errorMessage\":"
                + JSON.writeValueAsString(ModelInputException.requiredKey("#", "messages").getMessage()) + "}}\n";
        ConversionSettings settings = ConversionSettings.forModel("anthropic.claude-3-haiku-20240307-v1:0");
        try (InputStream out = ResultConversion.convert(new ByteArrayInputStream(line.getBytes(StandardCharsets.UTF_8)),
                ResultFormat.BEDROCK.reader(settings), ResultFormat.OPENAI.writer(settings), ResultSelection.FAILED)) {
            JsonNode converted = JSON.readTree(out.readAllBytes());
            assertEquals("bad", converted.path("custom_id").asText());
            assertEquals(400, converted.path("response").path("status_code").asInt(), converted.toString());
        }
    }

    private GetModelInvocationJobResponse awaitEnd(String arn) {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            GetModelInvocationJobResponse job = fixture.bedrock.getModelInvocationJob(g -> g.jobIdentifier(arn));
            if (job.endTime() != null) {
                return job;
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return fail("job did not end: " + arn);
    }
}
