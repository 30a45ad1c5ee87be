package dev.caravan.jsonl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.jsonl.canonical.BatchRequest;
import dev.caravan.jsonl.canonical.Message;
import dev.caravan.jsonl.canonical.Role;
import dev.caravan.wire.Json;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every source format to every target format, through the whole file conversion: the same two requests, written as
 * each provider writes them, come out in each target format meaning the same thing (ids, turns, parameters).
 */
class FormatPairsTest {

    private static final String MODEL = "anthropic.claude-3-haiku-20240307-v1:0";

    /** Two requests: a system prompt and a question with max tokens and temperature; a plain question with stop. */
    private static final Map<LineFormat, String> SAMPLES = Map.of(
            LineFormat.OPENAI, """
                    {"custom_id":"q-1","method":"POST","url":"/v1/chat/completions","body":{"model":"%1$s","max_tokens":64,"temperature":0.5,"messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"What is 2+2?"}]}}
                    {"custom_id":"q-2","method":"POST","url":"/v1/chat/completions","body":{"model":"%1$s","max_tokens":32,"stop":["END"],"messages":[{"role":"user","content":"Name a colour."}]}}
                    """.formatted(MODEL),
            LineFormat.ANTHROPIC, """
                    {"custom_id":"q-1","params":{"model":"%1$s","max_tokens":64,"temperature":0.5,"system":"Be brief.","messages":[{"role":"user","content":"What is 2+2?"}]}}
                    {"custom_id":"q-2","params":{"model":"%1$s","max_tokens":32,"stop_sequences":["END"],"messages":[{"role":"user","content":"Name a colour."}]}}
                    """.formatted(MODEL),
            LineFormat.BEDROCK, """
                    {"recordId":"q-1","modelInput":{"anthropic_version":"bedrock-2023-05-31","max_tokens":64,"temperature":0.5,"system":"Be brief.","messages":[{"role":"user","content":[{"type":"text","text":"What is 2+2?"}]}]}}
                    {"recordId":"q-2","modelInput":{"anthropic_version":"bedrock-2023-05-31","max_tokens":32,"stop_sequences":["END"],"messages":[{"role":"user","content":[{"type":"text","text":"Name a colour."}]}]}}
                    """,
            LineFormat.GEMINI, """
                    {"key":"q-1","request":{"systemInstruction":{"parts":[{"text":"Be brief."}]},"contents":[{"role":"user","parts":[{"text":"What is 2+2?"}]}],"generationConfig":{"maxOutputTokens":64,"temperature":0.5}}}
                    {"key":"q-2","request":{"contents":[{"role":"user","parts":[{"text":"Name a colour."}]}],"generationConfig":{"maxOutputTokens":32,"stopSequences":["END"]}}}
                    """,
            LineFormat.GEMINI_METADATA, """
                    {"request":{"systemInstruction":{"parts":[{"text":"Be brief."}]},"contents":[{"role":"user","parts":[{"text":"What is 2+2?"}]}],"generationConfig":{"maxOutputTokens":64,"temperature":0.5}},"metadata":{"key":"q-1"}}
                    {"request":{"contents":[{"role":"user","parts":[{"text":"Name a colour."}]}],"generationConfig":{"maxOutputTokens":32,"stopSequences":["END"]}},"metadata":{"key":"q-2"}}
                    """);

    static Stream<Arguments> pairs() {
        List<Arguments> pairs = new ArrayList<>();
        for (LineFormat source : LineFormat.values()) {
            for (LineFormat target : LineFormat.values()) {
                pairs.add(Arguments.of(source, target));
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("pairs")
    void theSameRequestsComeOutInTheTargetFormat(LineFormat source, LineFormat target) throws Exception {
        ConversionSettings settings = ConversionSettings.forModel(MODEL);
        String converted = new String(RequestFormats.conversion().convert(new ByteArrayInputStream(
                SAMPLES.get(source).getBytes(StandardCharsets.UTF_8)), target, settings).readAllBytes(),
                StandardCharsets.UTF_8);

        String[] lines = converted.split("\n");
        assertEquals(2, lines.length, converted);
        BatchRequest first = readBack(lines[0], target, settings);
        BatchRequest second = readBack(lines[1], target, settings);
        assertEquals("q-1", first.id());
        assertEquals(List.of(Message.text(Role.SYSTEM, "Be brief."), Message.text(Role.USER, "What is 2+2?")),
                first.messages(), converted);
        assertEquals(64, first.parameters().maxTokens());
        assertEquals(0.5, first.parameters().temperature());
        assertEquals("q-2", second.id());
        assertEquals(List.of(Message.text(Role.USER, "Name a colour.")), second.messages(), converted);
        assertEquals(32, second.parameters().maxTokens());
        assertEquals(List.of("END"), second.parameters().stop());
    }

    private static BatchRequest readBack(String line, LineFormat target, ConversionSettings settings)
            throws Exception {
        JsonNode json = Json.MAPPER.readTree(line);
        assertEquals(target, LineFormat.detect(json).orElseThrow(), line);
        return RequestFormats.reader(target, settings).read(json, 1);
    }
}
