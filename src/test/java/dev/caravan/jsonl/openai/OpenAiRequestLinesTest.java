package dev.caravan.jsonl.openai;

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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenAiRequestLinesTest {

    private static final ConversionSettings SETTINGS = ConversionSettings.forModel(null);

    private static final String CHAT = """
            {"custom_id":"req-1","method":"POST","url":"/v1/chat/completions","body":{"model":"gpt-4o-mini",
             "messages":[{"role":"developer","content":"Be brief."},
                         {"role":"user","content":[{"type":"text","text":"What is in this image?"},
                            {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo="}},
                            {"type":"image_url","image_url":{"url":"https://example.com/cat.jpg","detail":"auto"}}]},
                         {"role":"assistant","content":"A cat."},
                         {"role":"user","content":"Which colour?"}],
             "max_tokens":100,"temperature":0.2,"top_p":0.9,"stop":"END","n":1,
             "response_format":{"type":"json_object"},"seed":7,"presence_penalty":0.5,"frequency_penalty":-0.5,
             "logit_bias":{"50256":-100}}}""".replace("\n", "");

    @Test
    void chatLinesBecomeCanonicalMessagesAndParameters() {
        BatchRequest request = read(CHAT, 3);

        assertEquals("req-1", request.id());
        assertEquals(3, request.lineNumber());
        assertEquals(Endpoint.CHAT_COMPLETIONS, request.endpoint());
        assertEquals("gpt-4o-mini", request.model());
        assertEquals(List.of(
                Message.text(Role.SYSTEM, "Be brief."),
                new Message(Role.USER, List.of(new Part.Text("What is in this image?"),
                        new Part.Image("image/png", "iVBORw0KGgo=", null),
                        new Part.Image(null, null, "https://example.com/cat.jpg"))),
                Message.text(Role.ASSISTANT, "A cat."),
                Message.text(Role.USER, "Which colour?")), request.messages());
        Parameters p = request.parameters();
        assertEquals(100, p.maxTokens());
        assertEquals(0.2, p.temperature());
        assertEquals(0.9, p.topP());
        assertEquals(List.of("END"), p.stop());
        assertEquals(1, p.n());
        assertEquals(true, p.jsonMode());
        assertEquals(7L, p.seed());
        assertEquals(0.5, p.presencePenalty());
        assertEquals(-0.5, p.frequencyPenalty());
        assertNull(p.topK());
        assertEquals(Map.of("logit_bias", Json.MAPPER.createObjectNode().put("50256", -100)), p.unmapped());
    }

    @Test
    void writingTheCanonicalRequestGivesTheOpenAiLineBackAndAnUnmappedParameterIsRefused() throws Exception {
        BatchRequest request = read(CHAT, 3);
        GatewayError refused = assertThrows(GatewayError.class, () -> write(request));
        assertEquals("line 3: parameter 'logit_bias' has no equivalent in OpenAI; remove it or choose a provider "
                + "that supports it", refused.getMessage());

        BatchRequest mapped = new BatchRequest(request.id(), 3, request.endpoint(), request.model(),
                request.messages(), List.of(), withoutUnmapped(request.parameters()));
        JsonNode line = Json.MAPPER.readTree(write(mapped));
        assertEquals("req-1", line.path("custom_id").asText());
        assertEquals("POST", line.path("method").asText());
        assertEquals("/v1/chat/completions", line.path("url").asText());
        JsonNode body = line.path("body");
        assertEquals("system", body.path("messages").get(0).path("role").asText());
        assertEquals("Be brief.", body.path("messages").get(0).path("content").asText());
        assertEquals("data:image/png;base64,iVBORw0KGgo=",
                body.path("messages").get(1).path("content").get(1).path("image_url").path("url").asText());
        assertEquals(100, body.path("max_completion_tokens").asInt());
        assertEquals("json_object", body.path("response_format").path("type").asText());
        assertEquals("END", body.path("stop").get(0).asText());
        assertEquals(7, body.path("seed").asInt());
        assertEquals(mapped, read(line.toString(), 3));
    }

    @Test
    void responsesAndEmbeddingsLinesRoundTrip() throws Exception {
        String responses = "{\"custom_id\":\"r\",\"method\":\"POST\",\"url\":\"/v1/responses\",\"body\":{\"model\":"
                + "\"gpt-4.1\",\"instructions\":\"Answer in French.\",\"input\":\"Hello\",\"max_output_tokens\":50,"
                + "\"text\":{\"format\":{\"type\":\"json_object\"}}}}";
        BatchRequest request = read(responses, 1);
        assertEquals(List.of(Message.text(Role.SYSTEM, "Answer in French."), Message.text(Role.USER, "Hello")),
                request.messages());
        assertEquals(50, request.parameters().maxTokens());
        assertEquals(true, request.parameters().jsonMode());
        assertEquals(request, read(write(request), 1));

        String embeddings = "{\"custom_id\":\"e\",\"method\":\"POST\",\"url\":\"/v1/embeddings\",\"body\":{"
                + "\"model\":\"text-embedding-3-small\",\"input\":[\"one\",\"two\"]}}";
        BatchRequest embedding = read(embeddings, 2);
        assertEquals(List.of("one", "two"), embedding.inputs());
        assertEquals(embedding, read(write(embedding), 2));
    }

    @Test
    void malformedOrUnconvertibleLinesNameTheirLine() {
        assertEquals("line 4: method must be \"POST\"", message(CHAT.replace("\"POST\"", "\"GET\""), 4));
        assertEquals("line 4: url \"/v1/completions\" is not an endpoint Caravan converts; expected one of "
                + "/v1/chat/completions, /v1/responses, /v1/embeddings",
                message(CHAT.replace("/v1/chat/completions", "/v1/completions"), 4));
        assertEquals("line 4: body.model is missing", message(CHAT.replace("\"model\":\"gpt-4o-mini\",", ""), 4));
        assertEquals("line 4: body.messages[2].role \"tool\" has no equivalent outside OpenAI",
                message(CHAT.replace("\"role\":\"assistant\"", "\"role\":\"tool\""), 4));
        assertEquals("line 4: body.messages[1].content[0].type \"input_audio\" has no equivalent outside OpenAI",
                message(CHAT.replace("\"type\":\"text\"", "\"type\":\"input_audio\""), 4));
        assertEquals("line 4: body.temperature must be a number",
                message(CHAT.replace("\"temperature\":0.2", "\"temperature\":\"warm\""), 4));
        GatewayError mismatch = assertThrows(GatewayError.class, () -> OpenAiRequestLines.reader(
                SETTINGS.withEndpoint(Endpoint.EMBEDDINGS)).read(Json.MAPPER.readTree(CHAT), 9));
        assertEquals("line 9: url \"/v1/chat/completions\" does not match the batch endpoint /v1/embeddings",
                mismatch.getMessage());
    }

    @Test
    void topKFromAnotherProviderHasNoPlaceInOpenAi() {
        BatchRequest request = new BatchRequest("k", 12, Endpoint.CHAT_COMPLETIONS, "gpt-4o",
                List.of(Message.text(Role.USER, "hi")), List.of(),
                new Parameters(null, null, null, 40, null, null, null, null, null, null, Map.of()));
        assertEquals("line 12: parameter 'top_k' has no equivalent in OpenAI; remove it or choose a provider "
                + "that supports it", assertThrows(GatewayError.class, () -> write(request)).getMessage());
        BatchRequest noModel = new BatchRequest("m", 5, Endpoint.CHAT_COMPLETIONS, null,
                List.of(Message.text(Role.USER, "hi")), List.of(), Parameters.NONE);
        assertEquals("line 5: missing model: the line names none and the batch gives none",
                assertThrows(GatewayError.class, () -> write(noModel)).getMessage());
    }

    private static Parameters withoutUnmapped(Parameters p) {
        return new Parameters(p.maxTokens(), p.temperature(), p.topP(), p.topK(), p.stop(), p.n(), p.jsonMode(),
                p.seed(), p.presencePenalty(), p.frequencyPenalty(), Map.of());
    }

    private static BatchRequest read(String line, int number) {
        try {
            return OpenAiRequestLines.reader(SETTINGS).read(Json.MAPPER.readTree(line), number);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String message(String line, int number) {
        return assertThrows(GatewayError.class, () -> read(line, number)).getMessage();
    }

    private static String write(BatchRequest request) throws Exception {
        StringWriter text = new StringWriter();
        try (JsonGenerator out = Json.MAPPER.getFactory().createGenerator(text)) {
            OpenAiRequestLines.writer(SETTINGS).write(request, out);
        }
        return text.toString();
    }
}
