package dev.caravan.provider.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.jsonl.ConvertedLines;
import dev.caravan.model.GatewayError;
import dev.caravan.wire.Json;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Batch input in any line format, converted to Gemini's {key, request} lines with the model checked per line. */
class GeminiLinesTest {

    private static final String OPENAI = "{\"custom_id\":\"%s\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\","
            + "\"body\":{\"model\":\"%s\",\"messages\":[{\"role\":\"user\",\"content\":\"What is 2+2?\"}],"
            + "\"max_tokens\":100}}";

    @Test
    void openai_lines_become_keyed_gemini_lines_and_their_model_is_recorded() throws Exception {
        LineModels models = new LineModels();
        List<JsonNode> lines = convert(OPENAI.formatted("req-1", "gemini-1.5-flash") + "\n"
                + OPENAI.formatted("req-2", "models/gemini-1.5-flash") + "\n", models);

        assertEquals(2, lines.size());
        assertEquals("req-1", lines.get(0).get("key").asText());
        assertEquals("What is 2+2?", lines.get(0).at("/request/contents/0/parts/0/text").asText());
        assertEquals("user", lines.get(0).at("/request/contents/0/role").asText());
        assertEquals(100, lines.get(0).at("/request/generationConfig/maxOutputTokens").asInt());
        assertTrue(lines.get(0).at("/request/model").isMissingNode(), "a Gemini line names no model");
        assertEquals("gemini-1.5-flash", models.model());
    }

    @Test
    void the_documents_metadata_form_becomes_the_keyed_form_without_a_model() throws Exception {
        LineModels models = new LineModels();
        List<JsonNode> lines = convert("{\"request\":{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":"
                + "\"Hello!\"}]}],\"generationConfig\":{\"maxOutputTokens\":100}},\"metadata\":{\"key\":\"request-1\"}}",
                models);

        assertEquals("request-1", lines.get(0).get("key").asText());
        assertEquals("Hello!", lines.get(0).at("/request/contents/0/parts/0/text").asText());
        assertNull(models.model());
    }

    @Test
    void a_model_of_another_provider_is_a_400_naming_the_line() {
        GatewayError error = assertThrows(GatewayError.class, () -> convert(
                OPENAI.formatted("a", "gemini-2.5-flash") + "\n" + OPENAI.formatted("b", "gpt-4o-mini"),
                new LineModels()));

        assertEquals(400, error.status());
        assertTrue(error.getMessage().startsWith("line 2: model \"gpt-4o-mini\" is not a Gemini model"),
                error.getMessage());
    }

    @Test
    void two_models_in_one_file_is_a_400_naming_both_lines() {
        GatewayError error = assertThrows(GatewayError.class, () -> convert(
                OPENAI.formatted("a", "gemini-2.5-flash") + "\n" + OPENAI.formatted("b", "gemini-2.5-pro"),
                new LineModels()));

        assertTrue(error.getMessage().startsWith("line 2: model \"gemini-2.5-pro\" differs from \"gemini-2.5-flash\" "
                + "on line 1"), error.getMessage());
    }

    private static List<JsonNode> convert(String file, LineModels models) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        try (ConvertedLines converted = GeminiLines.convert(new ByteArrayInputStream(
                file.getBytes(StandardCharsets.UTF_8)), 1000, models)) {
            while (converted.hasNext()) {
                lines.add(Json.MAPPER.readTree(converted.next()));
            }
        }
        return lines;
    }
}
