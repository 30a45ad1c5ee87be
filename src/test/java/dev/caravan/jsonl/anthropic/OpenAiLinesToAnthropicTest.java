package dev.caravan.jsonl.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.caravan.jsonl.ConversionSettings;
import dev.caravan.jsonl.canonical.BatchRequest;
import dev.caravan.jsonl.openai.OpenAiRequestLines;
import dev.caravan.model.GatewayError;
import dev.caravan.wire.Json;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** An OpenAI batch line read by the OpenAI reader and written by the Anthropic writer: the whole path of an upload. */
class OpenAiLinesToAnthropicTest {

    private static final ConversionSettings SETTINGS = ConversionSettings.forModel("claude-sonnet-4-5");

    @Test
    void aChatLineBecomesAnAnthropicLine() throws Exception {
        String openAi = """
                {"custom_id":"req-1","method":"POST","url":"/v1/chat/completions","body":{"model":"claude-haiku-4-5",
                 "messages":[{"role":"developer","content":"Be brief."},
                   {"role":"user","content":[{"type":"text","text":"What is this?"},
                     {"type":"image_url","image_url":{"url":"https://example.com/cat.jpg"}}]},
                   {"role":"assistant","content":"A cat."},{"role":"user","content":"Which colour?"}],
                 "max_completion_tokens":100,"temperature":0.2,"top_p":0.9,"stop":["END"],"n":1}}""";
        assertEquals(AnthropicRequestLinesTest.parse("""
                {"custom_id":"req-1","params":{"model":"claude-haiku-4-5","max_tokens":100,"system":"Be brief.",
                 "messages":[{"role":"user","content":[{"type":"text","text":"What is this?"},
                    {"type":"image","source":{"type":"url","url":"https://example.com/cat.jpg"}}]},
                   {"role":"assistant","content":"A cat."},{"role":"user","content":"Which colour?"}],
                 "temperature":0.2,"top_p":0.9,"stop_sequences":["END"]}}"""),
                AnthropicRequestLinesTest.parse(convert(openAi, 1)));
    }

    @Test
    void whatAnthropicCannotTakeIsRefusedNamingTheLine() {
        String noMaxTokens = """
                {"custom_id":"req-2","method":"POST","url":"/v1/chat/completions","body":{"model":"claude-haiku-4-5",
                 "messages":[{"role":"user","content":"Hi"}]}}""";
        assertEquals("line 3: max_tokens is required by Anthropic; set max_tokens (or max_completion_tokens)",
                assertThrows(GatewayError.class, () -> convert(noMaxTokens, 3)).getMessage());

        String badId = """
                {"custom_id":"req 3","method":"POST","url":"/v1/chat/completions","body":{"model":"claude-haiku-4-5",
                 "messages":[{"role":"user","content":"Hi"}],"max_tokens":5}}""";
        assertEquals("line 4: custom_id \"req 3\" is not a valid Anthropic custom_id: 1 to 64 characters of letters, "
                + "digits, _ and -", assertThrows(GatewayError.class, () -> convert(badId, 4)).getMessage());
    }

    private static String convert(String openAiLine, int lineNumber) throws Exception {
        BatchRequest request = OpenAiRequestLines.reader(SETTINGS).read(
                AnthropicRequestLinesTest.parse(openAiLine), lineNumber);
        StringWriter text = new StringWriter();
        try (JsonGenerator out = Json.MAPPER.getFactory().createGenerator(text)) {
            AnthropicRequestLines.writer(SETTINGS).write(request, out);
        }
        return text.toString();
    }
}
