package dev.caravan.jsonl.gemini;

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

/** An OpenAI batch line read by the OpenAI reader and written by the Gemini writer: the whole path of an upload. */
class OpenAiLinesToGeminiTest {

    private static final ConversionSettings SETTINGS = ConversionSettings.forModel("gemini-2.5-flash");

    @Test
    void aChatLineBecomesAKeyedGeminiLine() throws Exception {
        String openAi = """
                {"custom_id":"req-1","method":"POST","url":"/v1/chat/completions","body":{"model":"gpt-4o-mini",
                 "messages":[{"role":"system","content":"Be brief."},
                   {"role":"user","content":[{"type":"text","text":"What is this?"},
                     {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo="}}]},
                   {"role":"assistant","content":"A cat."},{"role":"user","content":"Which colour?"}],
                 "max_tokens":100,"temperature":0.2,"top_p":0.9,"stop":"END","n":2,
                 "response_format":{"type":"json_object"},"seed":7,"presence_penalty":0.5,
                 "frequency_penalty":-0.5}}""";
        assertEquals(GeminiRequestLinesTest.parse("""
                {"key":"req-1","request":{"systemInstruction":{"parts":[{"text":"Be brief."}]},
                 "contents":[{"role":"user","parts":[{"text":"What is this?"},
                    {"inlineData":{"mimeType":"image/png","data":"iVBORw0KGgo="}}]},
                   {"role":"model","parts":[{"text":"A cat."}]},{"role":"user","parts":[{"text":"Which colour?"}]}],
                 "generationConfig":{"maxOutputTokens":100,"temperature":0.2,"topP":0.9,"stopSequences":["END"],
                   "candidateCount":2,"responseMimeType":"application/json","seed":7,"presencePenalty":0.5,
                   "frequencyPenalty":-0.5}}}"""), GeminiRequestLinesTest.parse(convert(openAi, 1)));
    }

    @Test
    void whatGeminiCannotTakeIsRefusedNamingTheLine() {
        String imageByUrl = """
                {"custom_id":"req-2","method":"POST","url":"/v1/chat/completions","body":{"model":"gpt-4o",
                 "messages":[{"role":"user","content":[{"type":"image_url",
                 "image_url":{"url":"https://example.com/cat.jpg"}}]}]}}""";
        assertEquals("line 4: messages[0] has an image by URL (https://example.com/cat.jpg); Gemini batches take "
                + "images inline (base64 data URL) or as Files API or gs:// URIs",
                assertThrows(GatewayError.class, () -> convert(imageByUrl, 4)).getMessage());

        String logitBias = """
                {"custom_id":"req-3","method":"POST","url":"/v1/chat/completions","body":{"model":"gpt-4o",
                 "messages":[{"role":"user","content":"Hi"}],"logit_bias":{"50256":-100}}}""";
        assertEquals("line 5: parameter 'logit_bias' has no equivalent in Gemini; remove it or choose a provider "
                + "that supports it", assertThrows(GatewayError.class, () -> convert(logitBias, 5)).getMessage());
    }

    private static String convert(String openAiLine, int lineNumber) throws Exception {
        BatchRequest request = OpenAiRequestLines.reader(SETTINGS).read(GeminiRequestLinesTest.parse(openAiLine),
                lineNumber);
        StringWriter text = new StringWriter();
        try (JsonGenerator out = Json.MAPPER.getFactory().createGenerator(text)) {
            GeminiRequestLines.writer(SETTINGS, false).write(request, out);
        }
        return text.toString();
    }
}
