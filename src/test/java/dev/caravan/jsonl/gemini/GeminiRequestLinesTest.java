package dev.caravan.jsonl.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

class GeminiRequestLinesTest {

    private static final ConversionSettings SETTINGS = ConversionSettings.forModel("gemini-2.5-flash");

    private static final Parameters EVERY_PARAMETER = new Parameters(256, 0.4, 0.95, 40, List.of("END", "STOP"), 2,
            true, 42L, 0.5, -0.25, Map.of());

    /** System, a user turn with two text parts and two images, an assistant turn, a follow-up. */
    private static final BatchRequest CHAT = new BatchRequest("req-1", 7, Endpoint.CHAT_COMPLETIONS, null, List.of(
            Message.text(Role.SYSTEM, "You are a terse art critic."),
            new Message(Role.USER, List.of(new Part.Text("Compare these two pictures."),
                    new Part.Image("image/png", "iVBORw0KGgoAAAANSUhEUg==", null),
                    new Part.Text("The second is on Cloud Storage."),
                    new Part.Image(null, null, "gs://caravan-test/paintings/second.jpg"))),
            Message.text(Role.ASSISTANT, "The first is brighter."),
            Message.text(Role.USER, "And the composition?")), List.of(), EVERY_PARAMETER);

    // ---- writing ----

    @Test
    void writesTheKeyedFormFieldByField() throws Exception {
        JsonNode line = Json.MAPPER.readTree(write(CHAT, false));

        assertEquals(List.of("key", "request"), fieldNames(line));
        assertEquals("req-1", line.path("key").asText());
        JsonNode request = line.path("request");
        assertEquals(List.of("systemInstruction", "contents", "generationConfig"), fieldNames(request));
        assertFalse(request.has("model"), "the batch, not the line, names the model");

        JsonNode system = request.path("systemInstruction").path("parts");
        assertEquals(1, system.size());
        assertEquals("You are a terse art critic.", system.get(0).path("text").asText());

        JsonNode contents = request.path("contents");
        assertEquals(3, contents.size());
        JsonNode first = contents.get(0);
        assertEquals("user", first.path("role").asText());
        JsonNode parts = first.path("parts");
        assertEquals(4, parts.size());
        assertEquals("Compare these two pictures.", parts.get(0).path("text").asText());
        assertEquals("image/png", parts.get(1).path("inlineData").path("mimeType").asText());
        assertEquals("iVBORw0KGgoAAAANSUhEUg==", parts.get(1).path("inlineData").path("data").asText());
        assertEquals("The second is on Cloud Storage.", parts.get(2).path("text").asText());
        assertEquals("gs://caravan-test/paintings/second.jpg", parts.get(3).path("fileData").path("fileUri").asText());
        assertFalse(parts.get(3).path("fileData").has("mimeType"), "no media type was known");
        assertEquals("model", contents.get(1).path("role").asText());
        assertEquals("The first is brighter.", contents.get(1).path("parts").get(0).path("text").asText());
        assertEquals("user", contents.get(2).path("role").asText());
        assertEquals("And the composition?", contents.get(2).path("parts").get(0).path("text").asText());

        JsonNode config = request.path("generationConfig");
        assertEquals(List.of("maxOutputTokens", "temperature", "topP", "topK", "stopSequences", "candidateCount",
                "responseMimeType", "seed", "presencePenalty", "frequencyPenalty"), fieldNames(config));
        assertEquals(256, config.path("maxOutputTokens").intValue());
        assertEquals(0.4, config.path("temperature").doubleValue());
        assertEquals(0.95, config.path("topP").doubleValue());
        assertEquals(40, config.path("topK").intValue());
        assertEquals("END", config.path("stopSequences").get(0).asText());
        assertEquals("STOP", config.path("stopSequences").get(1).asText());
        assertEquals(2, config.path("candidateCount").intValue());
        assertEquals("application/json", config.path("responseMimeType").asText());
        assertEquals(42, config.path("seed").intValue());
        assertEquals(0.5, config.path("presencePenalty").doubleValue());
        assertEquals(-0.25, config.path("frequencyPenalty").doubleValue());
    }

    @Test
    void writesTheMetadataFormWithTheKeyUnderMetadata() throws Exception {
        JsonNode line = Json.MAPPER.readTree(write(CHAT, true));

        assertEquals(List.of("request", "metadata"), fieldNames(line));
        assertEquals("req-1", line.path("metadata").path("key").asText());
        assertEquals(1, line.path("metadata").size());
        assertEquals(3, line.path("request").path("contents").size());
    }

    @Test
    void writesOnlyWhatIsSetAndTextModeAsTextPlain() throws Exception {
        BatchRequest plain = new BatchRequest("a", 1, Endpoint.CHAT_COMPLETIONS, "gpt-4o", List.of(
                Message.text(Role.USER, "Hi")), List.of(), Parameters.NONE);
        assertEquals("{\"key\":\"a\",\"request\":{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Hi\"}]}]}}",
                write(plain, false));

        BatchRequest text = new BatchRequest("b", 2, Endpoint.RESPONSES, null, plain.messages(), List.of(),
                new Parameters(null, null, null, null, null, null, false, null, null, null, Map.of()));
        JsonNode config = Json.MAPPER.readTree(write(text, false)).path("request").path("generationConfig");
        assertEquals("{\"responseMimeType\":\"text/plain\"}", config.toString());
    }

    @Test
    void severalSystemMessagesBecomeOneInstructionAndFilesApiUrisAreFileData() throws Exception {
        String filesApi = "https://generativelanguage.googleapis.com/v1beta/files/abc123";
        BatchRequest request = new BatchRequest("c", 3, Endpoint.CHAT_COMPLETIONS, null, List.of(
                Message.text(Role.SYSTEM, "Be brief."), Message.text(Role.SYSTEM, "Answer in French."),
                new Message(Role.USER, List.of(new Part.Image("image/jpeg", null, filesApi)))), List.of(),
                Parameters.NONE);
        JsonNode line = Json.MAPPER.readTree(write(request, false)).path("request");

        JsonNode system = line.path("systemInstruction").path("parts");
        assertEquals(2, system.size());
        assertEquals("Be brief.", system.get(0).path("text").asText());
        assertEquals("Answer in French.", system.get(1).path("text").asText());
        JsonNode file = line.path("contents").get(0).path("parts").get(0).path("fileData");
        assertEquals("image/jpeg", file.path("mimeType").asText());
        assertEquals(filesApi, file.path("fileUri").asText());
    }

    // ---- reading ----

    private static final String KEYED = """
            {"key":"request-1","request":{
              "systemInstruction":{"parts":[{"text":"You are a helpful assistant."}]},
              "contents":[
                {"role":"user","parts":[{"text":"Describe this image."},
                                        {"inlineData":{"mimeType":"image/jpeg","data":"/9j/4AAQSkZJRg=="}}]},
                {"role":"model","parts":[{"text":"A lighthouse at dusk."}]},
                {"role":"user","parts":[{"fileData":{"mimeType":"image/png",
                                         "fileUri":"https://generativelanguage.googleapis.com/v1beta/files/f1"}}]}],
              "generationConfig":{"maxOutputTokens":512,"temperature":0.7,"topP":0.9,"topK":32,
                "stopSequences":["###"],"candidateCount":1,"responseMimeType":"application/json","seed":7,
                "presencePenalty":0.1,"frequencyPenalty":0.2,"thinkingConfig":{"thinkingBudget":0}},
              "safetySettings":[{"category":"HARM_CATEGORY_HARASSMENT","threshold":"BLOCK_NONE"}],
              "tools":[{"googleSearch":{}}]}}""";

    @Test
    void readsTheKeyedCamelCaseForm() {
        BatchRequest request = read(KEYED, 4);

        assertEquals("request-1", request.id());
        assertEquals(4, request.lineNumber());
        assertEquals(Endpoint.CHAT_COMPLETIONS, request.endpoint());
        assertNull(request.model(), "Gemini file lines name no model");
        assertEquals(List.of(), request.inputs());
        assertEquals(List.of(
                Message.text(Role.SYSTEM, "You are a helpful assistant."),
                new Message(Role.USER, List.of(new Part.Text("Describe this image."),
                        new Part.Image("image/jpeg", "/9j/4AAQSkZJRg==", null))),
                Message.text(Role.ASSISTANT, "A lighthouse at dusk."),
                new Message(Role.USER, List.of(new Part.Image("image/png", null,
                        "https://generativelanguage.googleapis.com/v1beta/files/f1")))), request.messages());
        Parameters p = request.parameters();
        assertEquals(512, p.maxTokens());
        assertEquals(0.7, p.temperature());
        assertEquals(0.9, p.topP());
        assertEquals(32, p.topK());
        assertEquals(List.of("###"), p.stop());
        assertEquals(1, p.n());
        assertEquals(true, p.jsonMode());
        assertEquals(7L, p.seed());
        assertEquals(0.1, p.presencePenalty());
        assertEquals(0.2, p.frequencyPenalty());
        assertEquals(List.of("generationConfig.thinkingConfig", "safetySettings", "tools"),
                List.copyOf(p.unmapped().keySet()));
        assertEquals("BLOCK_NONE", p.unmapped().get("safetySettings").get(0).path("threshold").asText());
    }

    @Test
    void readsTheMetadataFormWithSnakeCaseNames() {
        String line = """
                {"request":{"contents":[{"parts":[{"text":"Tell me a joke."},
                   {"inline_data":{"mime_type":"image/webp","data":"UklGRg=="}},
                   {"file_data":{"file_uri":"gs://bucket/cat.png"}}]}],
                 "system_instruction":{"role":"system","parts":[{"text":"Be funny."},{"text":"Be short."}]},
                 "generation_config":{"max_output_tokens":"64","stop_sequences":["\\n"],
                   "response_mime_type":"text/plain","response_schema":{"type":"STRING"}},
                 "cached_content":"cachedContents/xyz"},
                 "metadata":{"key":"joke-9"}}""";
        BatchRequest request = read(line, 12);

        assertEquals("joke-9", request.id());
        assertEquals(List.of(
                new Message(Role.SYSTEM, List.of(new Part.Text("Be funny."), new Part.Text("Be short."))),
                new Message(Role.USER, List.of(new Part.Text("Tell me a joke."),
                        new Part.Image("image/webp", "UklGRg==", null),
                        new Part.Image(null, null, "gs://bucket/cat.png")))), request.messages());
        Parameters p = request.parameters();
        assertEquals(64, p.maxTokens(), "proto3 JSON allows an int32 as a string");
        assertEquals(List.of("\n"), p.stop());
        assertEquals(false, p.jsonMode());
        assertEquals(List.of("generation_config.response_schema", "cached_content"),
                List.copyOf(p.unmapped().keySet()));
    }

    @Test
    void keepsExtraLineFieldsAndTheRequestModelAndFollowsTheBatchEndpoint() {
        String line = """
                {"key":"k1","request":{"model":"models/gemini-2.5-pro","contents":[{"role":"user",
                 "parts":[{"text":"Hi"}]}],"labels":{"team":"a"}},"metadata":{"key":"k1","owner":"ops"},"note":1}""";
        BatchRequest request = GeminiRequestLines.reader(SETTINGS.withEndpoint(Endpoint.RESPONSES))
                .read(parse(line), 2);

        assertEquals("gemini-2.5-pro", request.model());
        assertEquals(Endpoint.RESPONSES, request.endpoint());
        assertEquals(List.of("metadata.owner", "note", "labels"),
                List.copyOf(request.parameters().unmapped().keySet()));
    }

    @Test
    void anUnmappedGeminiParameterIsRefusedByNameWhenWritten() {
        BatchRequest request = read(KEYED, 4);
        assertEquals("line 4: parameter 'generationConfig.thinkingConfig' has no equivalent in Gemini; remove it or "
                + "choose a provider that supports it", writeError(request));
    }

    // ---- round trips ----

    @Test
    void canonicalToGeminiAndBackIsTheSameRequestInBothForms() throws Exception {
        for (boolean metadataForm : new boolean[] {false, true}) {
            BatchRequest back = read(write(CHAT, metadataForm), CHAT.lineNumber());
            assertEquals(CHAT, back, metadataForm ? "metadata form" : "keyed form");
        }
        BatchRequest withModel = CHAT.withModel("gpt-4o");
        assertEquals(CHAT, read(write(withModel, false), CHAT.lineNumber()), "the model stays with the batch");
    }

    @Test
    void geminiToCanonicalAndBackKeepsEveryMappedField() throws Exception {
        String line = """
                {"key":"r","request":{"systemInstruction":{"parts":[{"text":"S"}]},"contents":[{"role":"user",
                 "parts":[{"text":"Q"},{"inlineData":{"mimeType":"image/gif","data":"R0lGOD"}}]},
                 {"role":"model","parts":[{"text":"A"}]},{"role":"user","parts":[{"text":"Q2"}]}],
                 "generationConfig":{"maxOutputTokens":10,"temperature":1.5,"topP":0.5,"topK":3,
                 "stopSequences":["a","b","c","d","e"],"candidateCount":3,"responseMimeType":"application/json",
                 "seed":-5,"presencePenalty":1.0,"frequencyPenalty":-1.0}}}""";
        JsonNode original = parse(line);
        JsonNode written = parse(write(read(line, 1), false));
        assertEquals(original, written);
    }

    // ---- writer errors ----

    @Test
    void writerErrorsNameTheLine() {
        List<Message> hi = List.of(Message.text(Role.USER, "Hi"));
        assertEquals("line 3: embeddings requests (/v1/embeddings) cannot run in a Gemini batchGenerateContent batch",
                writeError(new BatchRequest("e", 3, Endpoint.EMBEDDINGS, "text-embedding-3-small", List.of(),
                        List.of("hello"), Parameters.NONE)));
        assertEquals("line 5: parameter 'logit_bias' has no equivalent in Gemini; remove it or choose a provider "
                + "that supports it", writeError(request(5, hi, new Parameters(null, null, null, null, null, null,
                null, null, null, null, Map.of("logit_bias", Json.MAPPER.createObjectNode())))));
        assertEquals("line 6: stop has 6 sequences; Gemini allows at most 5", writeError(request(6, hi,
                new Parameters(null, null, null, null, List.of("1", "2", "3", "4", "5", "6"), null, null, null, null,
                        null, Map.of()))));
        assertEquals("line 7: seed 4294967296 does not fit Gemini's 32-bit seed", writeError(request(7, hi,
                new Parameters(null, null, null, null, null, null, null, 4294967296L, null, null, Map.of()))));
        assertEquals("line 8: messages[0] has an image by URL (https://example.com/cat.jpg); Gemini batches take "
                + "images inline (base64 data URL) or as Files API or gs:// URIs", writeError(request(8, List.of(
                new Message(Role.USER, List.of(new Part.Image(null, null, "https://example.com/cat.jpg")))),
                Parameters.NONE)));
        assertEquals("line 9: messages[1] is a system message after the conversation started; Gemini takes system "
                + "instructions only ahead of the turns", writeError(request(9, List.of(Message.text(Role.USER, "Hi"),
                Message.text(Role.SYSTEM, "Late rule.")), Parameters.NONE)));
        assertEquals("line 10: messages[0] is a system message with an image; Gemini system instructions convert as "
                + "text only", writeError(request(10, List.of(new Message(Role.SYSTEM, List.of(
                new Part.Image("image/png", "AA==", null))), Message.text(Role.USER, "Hi")), Parameters.NONE)));
        assertEquals("line 11: the request has no user or assistant message; Gemini needs at least one turn",
                writeError(request(11, List.of(Message.text(Role.SYSTEM, "Only rules.")), Parameters.NONE)));
        assertEquals("line 12: messages[0] has no content; Gemini needs at least one part",
                writeError(request(12, List.of(new Message(Role.USER, List.of())), Parameters.NONE)));
        assertEquals("line 13: messages[0] has an inline image without a media type", writeError(request(13,
                List.of(new Message(Role.USER, List.of(new Part.Image(null, "AA==", null)))), Parameters.NONE)));
    }

    // ---- reader errors ----

    @Test
    void readerErrorsNameTheLine() {
        String contents = "\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Hi\"}]}]";
        assertEquals("line 2: key must be a non-empty string", readError("{\"key\":5,\"request\":{" + contents
                + "}}", 2));
        assertEquals("line 3: metadata.key must be a non-empty string", readError("{\"request\":{" + contents
                + "},\"metadata\":{\"key\":\"\"}}", 3));
        assertEquals("line 4: request must be a JSON object", readError("{\"key\":\"a\",\"request\":[]}", 4));
        assertEquals("line 5: request.contents must be a non-empty array", readError(
                "{\"key\":\"a\",\"request\":{\"contents\":[]}}", 5));
        assertEquals("line 6: request.contents must be a non-empty array", readError(
                "{\"key\":\"a\",\"request\":{\"generationConfig\":{}}}", 6));
        assertEquals("line 7: request.contents[0].role \"function\" must be \"user\" or \"model\"", readError(
                "{\"key\":\"a\",\"request\":{\"contents\":[{\"role\":\"function\",\"parts\":[{\"text\":\"x\"}]}]}}",
                7));
        assertEquals("line 8: request.contents[0].parts must be a non-empty array", readError(
                "{\"key\":\"a\",\"request\":{\"contents\":[{\"role\":\"user\",\"parts\":[]}]}}", 8));
        assertEquals("line 9: parameter 'request.contents[0].parts[0].functionCall' has no equivalent in providers "
                + "other than Gemini; remove it or choose a provider that supports it", readError(
                "{\"key\":\"a\",\"request\":{\"contents\":[{\"role\":\"user\",\"parts\":[{\"functionCall\":"
                        + "{\"name\":\"f\"}}]}]}}", 9));
        assertEquals("line 10: request.contents[0].parts[0] must hold exactly one of text, inlineData, fileData",
                readError("{\"key\":\"a\",\"request\":{\"contents\":[{\"parts\":[{\"text\":\"x\",\"inlineData\":"
                        + "{\"mimeType\":\"image/png\",\"data\":\"AA==\"}}]}]}}", 10));
        assertEquals("line 11: request.contents[0].parts[0].inlineData.mimeType \"application/pdf\" is not an image; "
                + "only text and images convert to providers other than Gemini", readError("{\"key\":\"a\","
                + "\"request\":{\"contents\":[{\"parts\":[{\"inlineData\":{\"mimeType\":\"application/pdf\","
                + "\"data\":\"JVBERi0=\"}}]}]}}", 11));
        assertEquals("line 12: request.contents[0].parts[0].inlineData needs mimeType and data", readError(
                "{\"key\":\"a\",\"request\":{\"contents\":[{\"parts\":[{\"inlineData\":{\"mimeType\":\"image/png\""
                        + "}}]}]}}", 12));
        assertEquals("line 13: request.contents[0].parts[0].fileData needs fileUri", readError(
                "{\"key\":\"a\",\"request\":{\"contents\":[{\"parts\":[{\"fileData\":{\"mimeType\":\"image/png\""
                        + "}}]}]}}", 13));
        assertEquals("line 14: request.generationConfig.temperature must be a number", readError(
                "{\"key\":\"a\",\"request\":{" + contents + ",\"generationConfig\":{\"temperature\":\"hot\"}}}", 14));
        assertEquals("line 15: request.generationConfig.maxOutputTokens must be a positive integer", readError(
                "{\"key\":\"a\",\"request\":{" + contents + ",\"generationConfig\":{\"maxOutputTokens\":0}}}", 15));
        assertEquals("line 16: request.generationConfig.stopSequences must be an array of strings", readError(
                "{\"key\":\"a\",\"request\":{" + contents + ",\"generationConfig\":{\"stopSequences\":[1]}}}", 16));
        assertEquals("line 17: request gives generationConfig twice (also as generation_config)", readError(
                "{\"key\":\"a\",\"request\":{" + contents + ",\"generationConfig\":{},\"generation_config\":{}}}",
                17));
        assertEquals("line 18: request.systemInstruction may hold text parts only", readError(
                "{\"key\":\"a\",\"request\":{" + contents + ",\"systemInstruction\":{\"parts\":[{\"inlineData\":"
                        + "{\"mimeType\":\"image/png\",\"data\":\"AA==\"}}]}}}", 18));
        assertEquals("line 19: request.generationConfig must be a JSON object", readError(
                "{\"key\":\"a\",\"request\":{" + contents + ",\"generationConfig\":[]}}", 19));
        assertEquals("line 20: parameter 'request.contents[0].parts[0].thought' has no equivalent in providers other "
                + "than Gemini; remove it or choose a provider that supports it", readError(
                "{\"key\":\"a\",\"request\":{\"contents\":[{\"parts\":[{\"text\":\"x\",\"thought\":true}]}]}}", 20));
        assertEquals("line 21: request.generationConfig.seed must be an integer", readError(
                "{\"key\":\"a\",\"request\":{" + contents + ",\"generationConfig\":{\"seed\":1.5}}}", 21));
        assertEquals("line 22: request.contents[0] must be a Content object {role, parts}", readError(
                "{\"key\":\"a\",\"request\":{\"contents\":[\"Hi\"]}}", 22));
        assertEquals("line 23: request.systemInstruction must be a Content object {parts:[…]}", readError(
                "{\"key\":\"a\",\"request\":{" + contents + ",\"systemInstruction\":\"Be brief.\"}}", 23));
        assertEquals("line 24: request.model must be a non-empty string", readError(
                "{\"key\":\"a\",\"request\":{" + contents + ",\"model\":7}}", 24));
        GatewayError embeddings = assertThrows(GatewayError.class, () -> GeminiRequestLines.reader(
                SETTINGS.withEndpoint(Endpoint.EMBEDDINGS)).read(parse("{\"key\":\"a\",\"request\":{" + contents
                + "}}"), 25));
        assertEquals("line 25: a Gemini generateContent request cannot run on the batch endpoint /v1/embeddings",
                embeddings.getMessage());
        assertEquals(400, embeddings.status());
    }

    // ---- helpers ----

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
        return GeminiRequestLines.reader(SETTINGS).read(parse(line), number);
    }

    private static String readError(String line, int number) {
        return assertThrows(GatewayError.class, () -> read(line, number)).getMessage();
    }

    private static String write(BatchRequest request, boolean metadataForm) throws Exception {
        StringWriter text = new StringWriter();
        try (JsonGenerator out = Json.MAPPER.getFactory().createGenerator(text)) {
            GeminiRequestLines.writer(SETTINGS, metadataForm).write(request, out);
        }
        return text.toString();
    }

    private static String writeError(BatchRequest request) {
        return assertThrows(GatewayError.class, () -> write(request, false)).getMessage();
    }
}
