package dev.caravan.provider.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caravan.jsonl.LineFormat;
import dev.caravan.model.GatewayError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An upload for provider bedrock becomes Bedrock batch lines of each line's model family, or Converse lines. */
class UploadConversionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path upload(String... lines) throws IOException {
        Path file = dir.resolve("upload.jsonl");
        Files.writeString(file, String.join("\n", lines) + "\n");
        return file;
    }

    private static String openAi(String id, String model, String content) {
        return "{\"custom_id\":\"" + id + "\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\",\"body\":{\"model\":\""
                + model + "\",\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},{\"role\":\"user\","
                + "\"content\":" + content + "}],\"max_tokens\":64,\"temperature\":0.5}}";
    }

    private static List<JsonNode> lines(UploadConversion.Converted converted) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(converted.file())) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }

    private UploadConversion.Converted convert(LineFormat format, String batchModel, String... lines)
            throws IOException {
        return UploadConversion.convert(upload(lines), format, batchModel);
    }

    @Test
    void claude_lines_become_claude_messages_bodies() throws IOException {
        UploadConversion.Converted converted = convert(LineFormat.OPENAI, null,
                openAi("c-1", "anthropic.claude-3-haiku-20240307-v1:0", "\"Hi\""),
                openAi("c-2", "anthropic.claude-3-haiku-20240307-v1:0", "\"Bye\""));

        List<JsonNode> lines = lines(converted);
        assertEquals(List.of("c-1", "c-2"), lines.stream().map(l -> l.get("recordId").asText()).toList());
        JsonNode input = lines.get(0).get("modelInput");
        assertEquals("bedrock-2023-05-31", input.get("anthropic_version").asText());
        assertEquals(64, input.get("max_tokens").asInt());
        assertEquals("Be brief.", input.get("system").asText());
        assertEquals("user", input.at("/messages/0/role").asText());
        assertEquals(LineFormat.OPENAI, converted.source());
        assertEquals("anthropic.claude-3-haiku-20240307-v1:0", converted.model());
    }

    @Test
    void nova_lines_become_nova_messages_with_inference_config() throws IOException {
        JsonNode input = lines(convert(LineFormat.OPENAI, null, openAi("n-1", "amazon.nova-lite-v1:0", "\"Hi\"")))
                .get(0).get("modelInput");

        assertEquals("Hi", input.at("/messages/0/content/0/text").asText());
        assertEquals(64, input.at("/inferenceConfig/maxTokens").asInt());
        assertEquals("Be brief.", input.at("/system/0/text").asText());
        assertFalse(input.has("anthropic_version"));
    }

    @Test
    void llama_lines_become_a_llama_prompt() throws IOException {
        JsonNode input = lines(convert(LineFormat.OPENAI, null, openAi("l-1", "meta.llama3-8b-instruct-v1:0",
                "\"Hi\""))).get(0).get("modelInput");

        assertTrue(input.get("prompt").asText().contains("<|start_header_id|>user<|end_header_id|>"),
                input.toString());
        assertTrue(input.get("prompt").asText().contains("Be brief."));
        assertEquals(64, input.get("max_gen_len").asInt());
    }

    @Test
    void titan_lines_become_titan_input_text() throws IOException {
        JsonNode input = lines(convert(LineFormat.OPENAI, null, openAi("t-1", "amazon.titan-text-express-v1",
                "\"Hi\""))).get(0).get("modelInput");

        assertTrue(input.get("inputText").asText().contains("Hi"), input.toString());
        assertEquals(64, input.at("/textGenerationConfig/maxTokenCount").asInt());
    }

    @Test
    void a_line_the_familys_body_cannot_hold_makes_the_file_converse() throws IOException {
        String image = "[{\"type\":\"text\",\"text\":\"What is this?\"},{\"type\":\"image_url\",\"image_url\":"
                + "{\"url\":\"data:image/png;base64,iVBORw0KGgo=\"}}]";

        List<JsonNode> lines = lines(convert(LineFormat.OPENAI, null,
                openAi("i-1", "meta.llama3-8b-instruct-v1:0", "\"Hi\""),
                openAi("i-2", "meta.llama3-8b-instruct-v1:0", image)));

        for (JsonNode line : lines) {
            JsonNode input = line.get("modelInput");
            assertFalse(input.has("prompt"), "every line in one form: " + input);
            assertTrue(ModelInputShape.asConverse(input).isEmpty(), input.toString());
        }
        assertTrue(lines.get(1).at("/modelInput/messages/0/content/1/image").isObject(), lines.get(1).toString());
    }

    @Test
    void anthropic_lines_convert_and_gemini_lines_take_the_uploads_model() throws IOException {
        String anthropic = "{\"custom_id\":\"a-1\",\"params\":{\"model\":\"anthropic.claude-3-haiku-20240307-v1:0\","
                + "\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}}";
        assertEquals("bedrock-2023-05-31", lines(convert(LineFormat.ANTHROPIC, null, anthropic)).get(0)
                .at("/modelInput/anthropic_version").asText());

        String gemini = "{\"key\":\"g-1\",\"request\":{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Hi\"}]}],"
                + "\"generationConfig\":{\"maxOutputTokens\":10}}}";
        UploadConversion.Converted converted = convert(LineFormat.GEMINI, "amazon.nova-lite-v1:0", gemini);
        assertEquals("g-1", lines(converted).get(0).get("recordId").asText());
        assertEquals("amazon.nova-lite-v1:0", converted.model());
        GatewayError noModel = assertThrows(GatewayError.class, () -> convert(LineFormat.GEMINI, null, gemini));
        assertTrue(noModel.getMessage().contains("line 1"), noModel.getMessage());
    }

    @Test
    void a_bedrock_file_is_kept_byte_for_byte_with_its_md5() throws Exception {
        String line = "{\"recordId\":\"r1\",\"modelInput\":{\"inputText\":\"Hi\"}}";
        UploadConversion.Converted converted = convert(LineFormat.BEDROCK, null, line);

        byte[] stored = Files.readAllBytes(converted.file());
        assertEquals(line + "\n", new String(stored, StandardCharsets.UTF_8));
        assertEquals(stored.length, converted.bytes());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(stored)), converted.md5Hex());
        assertNull(converted.model());
    }

    @Test
    void lines_of_two_models_or_of_no_bedrock_model_are_refused_and_leave_no_file() throws IOException {
        GatewayError twoModels = assertThrows(GatewayError.class, () -> convert(LineFormat.OPENAI, null,
                openAi("a", "anthropic.claude-3-haiku-20240307-v1:0", "\"Hi\""),
                openAi("b", "anthropic.claude-3-sonnet-20240229-v1:0", "\"Hi\"")));
        assertTrue(twoModels.getMessage().startsWith("line 2:"), twoModels.getMessage());

        GatewayError notBedrock = assertThrows(GatewayError.class, () -> convert(LineFormat.OPENAI, null,
                openAi("a", "gpt-4o-mini", "\"Hi\"")));
        assertTrue(notBedrock.getMessage().contains("line 1"), notBedrock.getMessage());
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(dir.resolve("upload.jsonl")), left.toList(), "no temporary file left behind");
        }
    }
}
