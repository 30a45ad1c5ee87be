package dev.caravan.jsonl.bedrock;

import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.jsonl.RequestLineWriter;
import dev.caravan.jsonl.ResultLineWriter;
import dev.caravan.jsonl.canonical.BatchRequest;
import dev.caravan.jsonl.canonical.BatchResult;
import dev.caravan.jsonl.canonical.Endpoint;
import dev.caravan.jsonl.canonical.Message;
import dev.caravan.jsonl.canonical.Parameters;
import dev.caravan.jsonl.canonical.Part;
import dev.caravan.jsonl.canonical.Role;
import dev.caravan.model.GatewayError;
import dev.caravan.wire.Json;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.function.Executable;

/** Builders and JSON plumbing the Bedrock tests share. */
final class Lines {

    static final String CLAUDE = "anthropic.claude-3-haiku-20240307-v1:0";
    static final String NOVA = "amazon.nova-lite-v1:0";
    static final String LLAMA = "meta.llama3-1-70b-instruct-v1:0";
    static final String MISTRAL = "mistral.mistral-7b-instruct-v0:2";
    static final String TITAN_TEXT = "amazon.titan-text-express-v1";
    static final String TITAN_EMBED = "amazon.titan-embed-text-v2:0";

    /** A 1x1 PNG, base64. */
    static final String PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

    private Lines() {
    }

    static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String raw(RequestLineWriter writer, BatchRequest request) throws IOException {
        StringWriter text = new StringWriter();
        try (JsonGenerator out = Json.MAPPER.getFactory().createGenerator(text)) {
            writer.write(request, out);
        }
        return text.toString();
    }

    static JsonNode write(RequestLineWriter writer, BatchRequest request) throws IOException {
        return json(raw(writer, request));
    }

    static JsonNode write(ResultLineWriter writer, BatchResult result) throws IOException {
        StringWriter text = new StringWriter();
        try (JsonGenerator out = Json.MAPPER.getFactory().createGenerator(text)) {
            writer.write(result, out);
        }
        return json(text.toString());
    }

    static String error(Executable executable) {
        return assertThrows(GatewayError.class, executable).getMessage();
    }

    static Parameters parameters(Integer maxTokens, Double temperature, Double topP, Integer topK, List<String> stop) {
        return new Parameters(maxTokens, temperature, topP, topK, stop, null, null, null, null, null, Map.of());
    }

    static Parameters maxTokens(int maxTokens) {
        return parameters(maxTokens, null, null, null, null);
    }

    static Parameters unmapped(Map<String, JsonNode> unmapped) {
        return new Parameters(256, null, null, null, null, null, null, null, null, null, unmapped);
    }

    static BatchRequest chat(String id, int line, String model, List<Message> messages, Parameters parameters) {
        return new BatchRequest(id, line, Endpoint.CHAT_COMPLETIONS, model, messages, List.of(), parameters);
    }

    static BatchRequest embeddings(String id, int line, String model, List<String> inputs, Parameters parameters) {
        return new BatchRequest(id, line, Endpoint.EMBEDDINGS, model, List.of(), inputs, parameters);
    }

    /** System, a user turn with two parts, an assistant turn, a user turn with two text parts. */
    static List<Message> conversation(boolean image) {
        Part second = image ? new Part.Image("image/png", PNG, null) : new Part.Text("It is a red square.");
        return List.of(
                Message.text(Role.SYSTEM, "You are a terse assistant."),
                new Message(Role.USER, List.of(new Part.Text("Describe this image."), second)),
                Message.text(Role.ASSISTANT, "A red square."),
                new Message(Role.USER, List.of(new Part.Text("How big is it?"), new Part.Text("Answer in pixels."))));
    }

    static List<Message> userOnly(String text) {
        return List.of(Message.text(Role.USER, text));
    }
}
