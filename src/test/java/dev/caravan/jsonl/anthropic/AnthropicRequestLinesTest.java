package dev.caravan.jsonl.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.jsonl.ConversionSettings;
import dev.caravan.jsonl.canonical.BatchRequest;
import dev.caravan.jsonl.canonical.Endpoint;
import dev.caravan.jsonl.canonical.Message;
import dev.caravan.jsonl.canonical.Parameters;
import dev.caravan.jsonl.canonical.Part;
import dev.caravan.jsonl.canonical.Role;
import dev.caravan.model.GatewayError;
import dev.caravan.wire.Json;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnthropicRequestLinesTest {

    private static final ConversionSettings SETTINGS = ConversionSettings.forModel("claude-sonnet-4-5");

    private static final Parameters SAMPLING = new Parameters(1024, 0.3, 0.9, 50, List.of("\n\nHuman:", "END"), 1,
            false, null, null, null, Map.of());

    /** System, a user turn with two text parts and two images, an assistant turn, a follow-up. */
    private static final BatchRequest CHAT = new BatchRequest("req-1", 7, Endpoint.CHAT_COMPLETIONS,
            "claude-3-5-haiku-latest", List.of(
            Message.text(Role.SYSTEM, "You are a terse art critic."),
            new Message(Role.USER, List.of(new Part.Text("Compare these two pictures."),
                    new Part.Image("image/png", "iVBORw0KGgoAAAANSUhEUg==", null),
                    new Part.Text("The second is online."),
                    new Part.Image(null, null, "https://upload.wikimedia.org/painting.jpg"))),
            Message.text(Role.ASSISTANT, "The first is brighter."),
            Message.text(Role.USER, "And the composition?")), List.of(), SAMPLING);

    // ---- writing ----

    @Test
    void writesTheAnthropicLineFieldByField() throws Exception {
        JsonNode line = Json.MAPPER.readTree(write(CHAT, SETTINGS));

        assertEquals(List.of("custom_id", "params"), fieldNames(line));
        assertEquals("req-1", line.path("custom_id").asText());
        JsonNode params = line.path("params");
        assertEquals(List.of("model", "max_tokens", "system", "messages", "temperature", "top_p", "top_k",
                "stop_sequences"), fieldNames(params));
        assertEquals("claude-3-5-haiku-latest", params.path("model").asText(), "the line's own model wins");
        assertEquals(1024, params.path("max_tokens").intValue());
        assertEquals("You are a terse art critic.", params.path("system").asText());

        JsonNode messages = params.path("messages");
        assertEquals(3, messages.size());
        assertEquals("user", messages.get(0).path("role").asText());
        JsonNode content = messages.get(0).path("content");
        assertEquals(4, content.size());
        assertEquals("text", content.get(0).path("type").asText());
        assertEquals("Compare these two pictures.", content.get(0).path("text").asText());
        assertEquals("image", content.get(1).path("type").asText());
        assertEquals("base64", content.get(1).path("source").path("type").asText());
        assertEquals("image/png", content.get(1).path("source").path("media_type").asText());
        assertEquals("iVBORw0KGgoAAAANSUhEUg==", content.get(1).path("source").path("data").asText());
        assertEquals("The second is online.", content.get(2).path("text").asText());
        assertEquals("url", content.get(3).path("source").path("type").asText());
        assertEquals("https://upload.wikimedia.org/painting.jpg", content.get(3).path("source").path("url").asText());
        assertEquals("assistant", messages.get(1).path("role").asText());
        assertEquals("The first is brighter.", messages.get(1).path("content").asText());
        assertEquals("user", messages.get(2).path("role").asText());
        assertEquals("And the composition?", messages.get(2).path("content").asText());

        assertEquals(0.3, params.path("temperature").doubleValue());
        assertEquals(0.9, params.path("top_p").doubleValue());
        assertEquals(50, params.path("top_k").intValue());
        assertEquals("\n\nHuman:", params.path("stop_sequences").get(0).asText());
        assertEquals("END", params.path("stop_sequences").get(1).asText());
    }

    @Test
    void theBatchModelServesLinesWithoutOneAndSeveralSystemPartsBecomeBlocks() throws Exception {
        BatchRequest request = new BatchRequest("no_model-2", 2, Endpoint.RESPONSES, null, List.of(
                Message.text(Role.SYSTEM, "Be brief."),
                new Message(Role.SYSTEM, List.of(new Part.Text("Answer in French."), new Part.Text("No emoji."))),
                Message.text(Role.USER, "Hi"), Message.text(Role.USER, "Anyone there?")), List.of(),
                new Parameters(10, null, null, null, null, null, null, null, null, null, Map.of()));
        assertEquals("{\"custom_id\":\"no_model-2\",\"params\":{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":10,"
                + "\"system\":[{\"type\":\"text\",\"text\":\"Be brief.\"},{\"type\":\"text\",\"text\":\"Answer in "
                + "French.\"},{\"type\":\"text\",\"text\":\"No emoji.\"}],\"messages\":[{\"role\":\"user\",\"content\":"
                + "\"Hi\"},{\"role\":\"user\",\"content\":\"Anyone there?\"}]}}", write(request, SETTINGS),
                "consecutive user turns are kept: the Messages API combines them itself");
    }

    // ---- reading ----

    private static final String LINE = """
            {"custom_id":"my-first-request","params":{"model":"claude-opus-4-1","max_tokens":1024,
             "system":[{"type":"text","text":"You are a helpful assistant."}],
             "messages":[
               {"role":"user","content":[{"type":"text","text":"What is in this image?"},
                  {"type":"image","source":{"type":"base64","media_type":"image/jpeg","data":"/9j/4AAQSkZJRg=="}},
                  {"type":"image","source":{"type":"url","url":"https://example.com/cat.png"}}]},
               {"role":"assistant","content":"A cat."},
               {"role":"user","content":"Which colour?"}],
             "temperature":0.5,"top_p":0.8,"top_k":20,"stop_sequences":["STOP"],"stream":false,
             "metadata":{"user_id":"u-1"},"tools":[{"name":"get_weather","input_schema":{"type":"object"}}]}}""";

    @Test
    void readsARealisticLine() {
        BatchRequest request = read(LINE, 3);

        assertEquals("my-first-request", request.id());
        assertEquals(3, request.lineNumber());
        assertEquals(Endpoint.CHAT_COMPLETIONS, request.endpoint());
        assertEquals("claude-opus-4-1", request.model());
        assertEquals(List.of(
                Message.text(Role.SYSTEM, "You are a helpful assistant."),
                new Message(Role.USER, List.of(new Part.Text("What is in this image?"),
                        new Part.Image("image/jpeg", "/9j/4AAQSkZJRg==", null),
                        new Part.Image(null, null, "https://example.com/cat.png"))),
                Message.text(Role.ASSISTANT, "A cat."),
                Message.text(Role.USER, "Which colour?")), request.messages());
        Parameters p = request.parameters();
        assertEquals(1024, p.maxTokens());
        assertEquals(0.5, p.temperature());
        assertEquals(0.8, p.topP());
        assertEquals(20, p.topK());
        assertEquals(List.of("STOP"), p.stop());
        assertNull(p.n());
        assertNull(p.jsonMode());
        assertNull(p.seed());
        assertNull(p.presencePenalty());
        assertNull(p.frequencyPenalty());
        assertEquals(List.of("metadata", "tools"), List.copyOf(p.unmapped().keySet()));
        assertEquals("u-1", p.unmapped().get("metadata").path("user_id").asText());
    }

    @Test
    void aStringSystemAndABatchEndpointAndExtraLineFieldsAreRead() {
        BatchRequest request = AnthropicRequestLines.reader(SETTINGS.withEndpoint(Endpoint.RESPONSES)).read(parse("""
                {"custom_id":"a","params":{"system":"Be kind.","messages":[{"role":"user","content":"Hi"}],
                 "stream":true,"thinking":{"type":"enabled","budget_tokens":2048}},"extra":true}"""), 4);

        assertEquals(Endpoint.RESPONSES, request.endpoint());
        assertNull(request.model(), "the batch supplies it");
        assertEquals(List.of(Message.text(Role.SYSTEM, "Be kind."), Message.text(Role.USER, "Hi")),
                request.messages());
        assertEquals(List.of("extra", "stream", "thinking"), List.copyOf(request.parameters().unmapped().keySet()));

        BatchRequest emptySystem = read("{\"custom_id\":\"b\",\"params\":{\"system\":\"\",\"messages\":"
                + "[{\"role\":\"user\",\"content\":\"Hi\"}]}}", 5);
        assertEquals(List.of(Message.text(Role.USER, "Hi")), emptySystem.messages());
    }

    @Test
    void anUnmappedAnthropicParameterIsRefusedByNameWhenWrittenBack() {
        assertEquals("line 3: parameter 'metadata' has no equivalent in Anthropic; remove it or choose a provider "
                + "that supports it", writeError(read(LINE, 3)));
    }

    // ---- round trips ----

    @Test
    void canonicalToAnthropicAndBackIsTheSameRequest() throws Exception {
        // jsonMode false and n = 1 are Anthropic's behaviour already, so they are written as nothing
        Parameters written = new Parameters(1024, 0.3, 0.9, 50, List.of("\n\nHuman:", "END"), null, null, null,
                null, null, Map.of());
        BatchRequest expected = new BatchRequest(CHAT.id(), CHAT.lineNumber(), CHAT.endpoint(), CHAT.model(),
                CHAT.messages(), List.of(), written);
        assertEquals(expected, read(write(CHAT, SETTINGS), CHAT.lineNumber()));
        assertEquals(expected, read(write(expected, SETTINGS), CHAT.lineNumber()));
    }

    @Test
    void anthropicToCanonicalAndBackKeepsEveryMappedField() throws Exception {
        String line = """
                {"custom_id":"r_1","params":{"model":"claude-haiku-4-5","max_tokens":5,"system":"S",
                 "messages":[{"role":"user","content":[{"type":"text","text":"Q"},{"type":"image",
                 "source":{"type":"base64","media_type":"image/webp","data":"UklGRg=="}}]},
                 {"role":"assistant","content":"A"},{"role":"user","content":"Q2"}],
                 "temperature":1.0,"top_p":0.5,"top_k":0,"stop_sequences":["x"]}}""";
        assertEquals(parse(line), parse(write(read(line, 1), SETTINGS)));
    }

    // ---- writer errors ----

    @Test
    void writerErrorsNameTheLine() {
        List<Message> hi = List.of(Message.text(Role.USER, "Hi"));
        Parameters tokens = params(100, null, null, null, null, null, null);
        assertEquals("line 2: embeddings requests (/v1/embeddings) have no Anthropic equivalent", writeError(
                new BatchRequest("e", 2, Endpoint.EMBEDDINGS, "m", List.of(), List.of("x"), Parameters.NONE)));
        assertEquals("line 3: custom_id \"order#17\" is not a valid Anthropic custom_id: 1 to 64 characters of "
                + "letters, digits, _ and -", writeError(new BatchRequest("order#17", 3, Endpoint.CHAT_COMPLETIONS,
                null, hi, List.of(), tokens)));
        assertEquals("line 4: custom_id \"" + "a".repeat(65) + "\" is not a valid Anthropic custom_id: 1 to 64 "
                + "characters of letters, digits, _ and -", writeError(new BatchRequest("a".repeat(65), 4,
                Endpoint.CHAT_COMPLETIONS, null, hi, List.of(), tokens)));
        assertEquals("line 5: missing model: the line names none and the batch gives none", assertThrows(
                GatewayError.class, () -> write(request(5, hi, tokens), ConversionSettings.forModel(null)))
                .getMessage());
        assertEquals("line 6: max_tokens is required by Anthropic; set max_tokens (or max_completion_tokens)",
                writeError(request(6, hi, Parameters.NONE)));
        assertEquals("line 7: n = 2: Anthropic returns one completion per request",
                writeError(request(7, hi, params(100, 2, null, null, null, null, null))));
        assertEquals("line 8: parameter 'response_format json_object' has no equivalent in Anthropic; remove it or "
                + "choose a provider that supports it", writeError(request(8, hi, params(100, null, true, null, null,
                null, null))));
        assertEquals("line 9: parameter 'seed' has no equivalent in Anthropic; remove it or choose a provider that "
                + "supports it", writeError(request(9, hi, params(100, null, null, 1L, null, null, null))));
        assertEquals("line 10: parameter 'presence_penalty' has no equivalent in Anthropic; remove it or choose a "
                + "provider that supports it", writeError(request(10, hi, params(100, null, null, null, 0.1, null,
                null))));
        assertEquals("line 11: parameter 'frequency_penalty' has no equivalent in Anthropic; remove it or choose a "
                + "provider that supports it", writeError(request(11, hi, params(100, null, null, null, null, 0.1,
                null))));
        assertEquals("line 12: temperature 1.5 is outside Anthropic's range 0 to 1",
                writeError(request(12, hi, params(100, null, null, null, null, null, 1.5))));
        assertEquals("line 13: messages[0]: the first turn is the assistant's; Anthropic requires the first message "
                + "to use the \"user\" role", writeError(request(13, List.of(Message.text(Role.ASSISTANT, "Hello!"),
                Message.text(Role.USER, "Hi")), tokens)));
        assertEquals("line 14: messages[1] is a system message after the conversation started; Anthropic takes a "
                + "system prompt only ahead of the turns", writeError(request(14, List.of(Message.text(Role.USER,
                "Hi"), Message.text(Role.SYSTEM, "Late rule.")), tokens)));
        assertEquals("line 15: messages[0] is a system message with an image; an Anthropic system prompt is text "
                + "only", writeError(request(15, List.of(new Message(Role.SYSTEM, List.of(new Part.Image("image/png",
                "AA==", null))), Message.text(Role.USER, "Hi")), tokens)));
        assertEquals("line 16: the request has no user message; Anthropic needs at least one",
                writeError(request(16, List.of(Message.text(Role.SYSTEM, "Rules only.")), tokens)));
        assertEquals("line 17: messages[0] has an image of type image/bmp; Anthropic takes image/jpeg, image/png, "
                + "image/gif and image/webp", writeError(request(17, List.of(new Message(Role.USER, List.of(
                new Part.Image("image/bmp", "Qk0=", null)))), tokens)));
        assertEquals("line 18: messages[0] has an image at gs://bucket/cat.png; Anthropic fetches images by http(s) "
                + "URL only", writeError(request(18, List.of(new Message(Role.USER, List.of(
                new Part.Image(null, null, "gs://bucket/cat.png")))), tokens)));
        assertEquals("line 19: messages[0] has no content", writeError(request(19, List.of(new Message(Role.USER,
                List.of())), tokens)));
        assertEquals("line 20: parameter 'logprobs' has no equivalent in Anthropic; remove it or choose a provider "
                + "that supports it", writeError(request(20, hi, new Parameters(100, null, null, null, null, null,
                null, null, null, null, Map.of("logprobs", Json.MAPPER.getNodeFactory().booleanNode(true))))));
    }

    // ---- reader errors ----

    @Test
    void readerErrorsNameTheLine() {
        String messages = "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]";
        assertEquals("line 2: custom_id must be a non-empty string", readError("{\"custom_id\":\"\",\"params\":{"
                + messages + "}}", 2));
        assertEquals("line 3: params must be a JSON object", readError("{\"custom_id\":\"a\",\"params\":[]}", 3));
        assertEquals("line 4: params.messages must be a non-empty array", readError(
                "{\"custom_id\":\"a\",\"params\":{\"model\":\"m\"}}", 4));
        assertEquals("line 5: params.messages[0].role must be \"user\" or \"assistant\"", readError(
                "{\"custom_id\":\"a\",\"params\":{\"messages\":[{\"role\":\"system\",\"content\":\"x\"}]}}", 5));
        assertEquals("line 6: params.messages[0].content must be a string or a non-empty array of content blocks",
                readError("{\"custom_id\":\"a\",\"params\":{\"messages\":[{\"role\":\"user\",\"content\":[]}]}}", 6));
        assertEquals("line 7: parameter 'params.messages[0].content[0] of type \"document\"' has no equivalent in "
                + "providers other than Anthropic; remove it or choose a provider that supports it", readError(
                "{\"custom_id\":\"a\",\"params\":{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":"
                        + "\"document\",\"source\":{}}]}]}}", 7));
        assertEquals("line 8: parameter 'params.messages[0].content[0].cache_control' has no equivalent in providers "
                + "other than Anthropic; remove it or choose a provider that supports it", readError(
                "{\"custom_id\":\"a\",\"params\":{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\","
                        + "\"text\":\"x\",\"cache_control\":{\"type\":\"ephemeral\"}}]}]}}", 8));
        assertEquals("line 9: parameter 'params.messages[0].content[0].source of type \"file\"' has no equivalent in "
                + "providers other than Anthropic; remove it or choose a provider that supports it", readError(
                "{\"custom_id\":\"a\",\"params\":{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image\","
                        + "\"source\":{\"type\":\"file\",\"file_id\":\"file_1\"}}]}]}}", 9));
        assertEquals("line 10: params.messages[0].content[0].source.media_type must be a non-empty string", readError(
                "{\"custom_id\":\"a\",\"params\":{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image\","
                        + "\"source\":{\"type\":\"base64\",\"data\":\"AA==\"}}]}]}}", 10));
        assertEquals("line 11: params.messages[0].content[0].source.type must be \"base64\" or \"url\"", readError(
                "{\"custom_id\":\"a\",\"params\":{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image\","
                        + "\"source\":{}}]}]}}", 11));
        assertEquals("line 12: params.max_tokens must be an integer ≥ 1", readError(
                "{\"custom_id\":\"a\",\"params\":{" + messages + ",\"max_tokens\":0}}", 12));
        assertEquals("line 13: params.temperature must be a number", readError(
                "{\"custom_id\":\"a\",\"params\":{" + messages + ",\"temperature\":\"warm\"}}", 13));
        assertEquals("line 14: params.stop_sequences must be an array of strings", readError(
                "{\"custom_id\":\"a\",\"params\":{" + messages + ",\"stop_sequences\":\"END\"}}", 14));
        assertEquals("line 15: params.system must be a string or a non-empty array of text blocks", readError(
                "{\"custom_id\":\"a\",\"params\":{" + messages + ",\"system\":{}}}", 15));
        assertEquals("line 16: params.system[0] must be a text block", readError(
                "{\"custom_id\":\"a\",\"params\":{" + messages + ",\"system\":[{\"type\":\"image\"}]}}", 16));
        assertEquals("line 17: params.model must be a non-empty string", readError(
                "{\"custom_id\":\"a\",\"params\":{" + messages + ",\"model\":\"\"}}", 17));
        assertEquals("line 18: params.top_k must be an integer ≥ 0", readError(
                "{\"custom_id\":\"a\",\"params\":{" + messages + ",\"top_k\":2.5}}", 18));
        assertEquals("line 19: params.stream must be a boolean", readError(
                "{\"custom_id\":\"a\",\"params\":{" + messages + ",\"stream\":\"no\"}}", 19));
        assertEquals("line 20: params.messages[0].content[0].text must be a string", readError(
                "{\"custom_id\":\"a\",\"params\":{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\""
                        + "}]}]}}", 20));
        assertEquals("line 21: parameter 'params.messages[0].name' has no equivalent in providers other than "
                + "Anthropic; remove it or choose a provider that supports it", readError(
                "{\"custom_id\":\"a\",\"params\":{\"messages\":[{\"role\":\"user\",\"content\":\"x\",\"name\":\"b\""
                        + "}]}}", 21));
        assertEquals("line 22: params.messages[0] must be a JSON object {role, content}", readError(
                "{\"custom_id\":\"a\",\"params\":{\"messages\":[\"Hi\"]}}", 22));
        assertEquals("line 23: an Anthropic Messages request cannot run on the batch endpoint /v1/embeddings",
                assertThrows(GatewayError.class, () -> AnthropicRequestLines.reader(SETTINGS.withEndpoint(
                        Endpoint.EMBEDDINGS)).read(parse("{\"custom_id\":\"a\",\"params\":{" + messages + "}}"), 23))
                        .getMessage());
    }

    // ---- helpers ----

    private static Parameters params(Integer maxTokens, Integer n, Boolean jsonMode, Long seed, Double presence,
                                     Double frequency, Double temperature) {
        return new Parameters(maxTokens, temperature, null, null, null, n, jsonMode, seed, presence, frequency,
                Map.of());
    }

    private static BatchRequest request(int line, List<Message> messages, Parameters parameters) {
        return new BatchRequest("id-" + line, line, Endpoint.CHAT_COMPLETIONS, null, messages, List.of(), parameters);
    }

    static JsonNode parse(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static BatchRequest read(String line, int number) {
        return AnthropicRequestLines.reader(SETTINGS).read(parse(line), number);
    }

    private static String readError(String line, int number) {
        return assertThrows(GatewayError.class, () -> read(line, number)).getMessage();
    }

    private static String write(BatchRequest request, ConversionSettings settings) throws Exception {
        StringWriter text = new StringWriter();
        try (JsonGenerator out = Json.MAPPER.getFactory().createGenerator(text)) {
            AnthropicRequestLines.writer(settings).write(request, out);
        }
        return text.toString();
    }

    private static String writeError(BatchRequest request) {
        return assertThrows(GatewayError.class, () -> write(request, SETTINGS)).getMessage();
    }
}
