package dev.caravan.jsonl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.jsonl.canonical.BatchRequest;
import dev.caravan.jsonl.canonical.Endpoint;
import dev.caravan.jsonl.canonical.Message;
import dev.caravan.jsonl.canonical.Parameters;
import dev.caravan.jsonl.canonical.Role;
import dev.caravan.wire.Json;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The converters as routes use them: Camel's unmarshal and marshal with Caravan's two DataFormats. */
class JsonlDataFormatsRouteTest {

    private static final String CLAUDE = "anthropic.claude-3-haiku-20240307-v1:0";
    private CamelContext context;
    private ProducerTemplate template;

    @BeforeEach
    void routes() throws Exception {
        context = new DefaultCamelContext();
        // a lambda, not a RouteBuilder subclass: Caravan's package scan would pick a class up in other tests
        RouteBuilder.addRoutes(context, routes -> {
            routes.from("direct:to-bedrock")
                    .unmarshal(new BatchRequestsDataFormat(LineFormat.BEDROCK, ConversionSettings.forModel(CLAUDE)));
            routes.from("direct:write-gemini")
                    .marshal(new BatchRequestsDataFormat(LineFormat.GEMINI, ConversionSettings.forModel(null)));
            routes.from("direct:bedrock-output")
                    .unmarshal(new BatchResultsDataFormat(ResultFormat.BEDROCK, ResultFormat.OPENAI,
                            ResultSelection.SUCCEEDED, ConversionSettings.forModel(CLAUDE)));
            routes.from("direct:bedrock-errors")
                    .unmarshal(new BatchResultsDataFormat(ResultFormat.BEDROCK, ResultFormat.OPENAI,
                            ResultSelection.FAILED, ConversionSettings.forModel(CLAUDE)));
        });
        context.start();
        template = context.createProducerTemplate();
    }

    @AfterEach
    void stop() {
        context.stop();
    }

    @Test
    void unmarshalConvertsARequestFileForTheBatchModel() throws Exception {
        String openAi = "{\"custom_id\":\"q1\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\",\"body\":{"
                + "\"model\":\"" + CLAUDE + "\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":"
                + "\"What is 2+2?\"}]}}\n";
        String bedrock = text(template.requestBody("direct:to-bedrock", stream(openAi), InputStream.class));
        JsonNode line = Json.MAPPER.readTree(bedrock);
        assertEquals("q1", line.path("recordId").asText());
        assertEquals("bedrock-2023-05-31", line.path("modelInput").path("anthropic_version").asText());
        assertEquals(64, line.path("modelInput").path("max_tokens").asInt());
    }

    @Test
    void marshalWritesCanonicalRequestsAsLines() throws Exception {
        List<BatchRequest> requests = List.of(
                new BatchRequest("a", 1, Endpoint.CHAT_COMPLETIONS, null, List.of(Message.text(Role.USER, "hi")),
                        List.of(), Parameters.NONE),
                new BatchRequest("b", 2, Endpoint.CHAT_COMPLETIONS, null, List.of(Message.text(Role.USER, "yo")),
                        List.of(), Parameters.NONE));
        String gemini = new String(template.requestBody("direct:write-gemini", requests, byte[].class),
                StandardCharsets.UTF_8);
        String[] lines = gemini.split("\n");
        assertEquals(2, lines.length);
        assertEquals("b", Json.MAPPER.readTree(lines[1]).path("key").asText());
    }

    @Test
    void unmarshalSplitsBedrockResultsIntoOpenAiOutputAndErrorLines() throws Exception {
        String out = "{\"recordId\":\"q1\",\"modelInput\":{},\"modelOutput\":{\"id\":\"msg_1\",\"type\":\"message\","
                + "\"role\":\"assistant\",\"model\":\"claude-3-haiku-20240307\",\"content\":[{\"type\":\"text\","
                + "\"text\":\"4\"}],\"stop_reason\":\"end_turn\",\"usage\":{\"input_tokens\":12,\"output_tokens\":1}}}\n"
                + "{\"recordId\":\"q2\",\"modelInput\":{},\"error\":{\"errorCode\":400,\"errorMessage\":\"bad\"}}\n";
        String output = text(template.requestBody("direct:bedrock-output", stream(out), InputStream.class));
        String errors = text(template.requestBody("direct:bedrock-errors", stream(out), InputStream.class));
        JsonNode success = Json.MAPPER.readTree(output);
        assertEquals("q1", success.path("custom_id").asText());
        assertEquals("4", success.path("response").path("body").path("choices").get(0).path("message")
                .path("content").asText());
        assertEquals("stop", success.path("response").path("body").path("choices").get(0).path("finish_reason")
                .asText());
        assertEquals(13, success.path("response").path("body").path("usage").path("total_tokens").asInt());
        JsonNode failure = Json.MAPPER.readTree(errors);
        assertEquals("q2", failure.path("custom_id").asText());
        assertEquals(400, failure.path("response").path("status_code").asInt());
        assertTrue(failure.path("response").path("body").path("error").path("message").asText().contains("bad"));
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(InputStream in) throws Exception {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
}
