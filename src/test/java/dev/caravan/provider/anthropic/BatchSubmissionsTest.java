package dev.caravan.provider.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.model.GatewayError;
import dev.caravan.model.command.CreateBatch;
import dev.caravan.wire.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/**
 * Inline {@code requests} (the documents' Anthropic workflow) checked before anything goes upstream, and the create
 * body they become. No store is needed: these batches carry their requests.
 */
class BatchSubmissionsTest {

    private static final int MAX_REQUESTS = 5;
    private static final long MAX_BYTES = 4_000;

    private final BatchSubmissions submissions = new BatchSubmissions(new AnthropicSettings(
            URI.create("https://api.anthropic.com"), "sk-ant-test", "2023-06-01", MAX_REQUESTS, MAX_BYTES),
            () -> {
                throw new AssertionError("inline requests need no store");
            });
    private final Exchange exchange = new DefaultExchange(new DefaultCamelContext());

    @Test
    void the_documents_requests_become_the_create_body_exactly() throws IOException {
        ArrayNode requests = Json.MAPPER.createArrayNode();
        requests.add(request("math-question", "What is 15 * 7?"));
        requests.add(request("geography-question", "What is the largest ocean?"));

        MessageBatchBody body = submissions.body(inline(requests), exchange);

        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        body.writeTo(sent);
        assertEquals(body.getContentLength(), sent.size(), "the measured length is the length sent");
        JsonNode json = Json.MAPPER.readTree(sent.toByteArray());
        assertEquals(1, json.size(), "the body holds requests only");
        assertEquals(requests, json.get("requests"));
        assertEquals("application/json", body.getContentType().split(";")[0]);
        assertEquals("", exchange.getProperty(BatchSubmissions.INPUT_FILE_ID));
        // read twice, the same bytes: the body is repeatable
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        body.writeTo(again);
        assertEquals(sent.toString(StandardCharsets.UTF_8), again.toString(StandardCharsets.UTF_8));
    }

    @Test
    void an_invalid_custom_id_is_named_with_its_index() {
        ArrayNode requests = Json.MAPPER.createArrayNode();
        requests.add(request("fine-1", "a"));
        requests.add(request("not valid!", "b"));

        GatewayError error = refused(requests);

        assertEquals("requests", error.param());
        assertTrue(error.getMessage().startsWith("requests[1]: custom_id \"not valid!\""), error.getMessage());
    }

    @Test
    void a_custom_id_longer_than_64_is_refused() {
        ArrayNode requests = Json.MAPPER.createArrayNode();
        requests.add(request("a".repeat(64), "fits"));
        requests.add(request("b".repeat(65), "too long"));
        assertTrue(refused(requests).getMessage().startsWith("requests[1]: custom_id"));
    }

    @Test
    void a_repeated_custom_id_names_both_places() {
        ArrayNode requests = Json.MAPPER.createArrayNode();
        requests.add(request("same", "a"));
        requests.add(request("other", "b"));
        requests.add(request("same", "c"));

        assertEquals("requests[2]: custom_id \"same\" is not unique (first at requests[0])",
                refused(requests).getMessage());
    }

    @Test
    void an_empty_requests_array_is_refused() {
        GatewayError error = refused(Json.MAPPER.createArrayNode());
        assertEquals("requests", error.param());
        assertTrue(error.getMessage().contains("no requests"), error.getMessage());
    }

    @Test
    void more_requests_than_a_batch_holds_are_refused() {
        ArrayNode requests = Json.MAPPER.createArrayNode();
        for (int i = 0; i <= MAX_REQUESTS; i++) {
            requests.add(request("r" + i, "q"));
        }
        assertTrue(refused(requests).getMessage().contains("more than " + MAX_REQUESTS + " requests"));
    }

    @Test
    void a_body_larger_than_a_batch_may_be_is_413() {
        ArrayNode requests = Json.MAPPER.createArrayNode();
        requests.add(request("big", "x".repeat((int) MAX_BYTES)));
        GatewayError error = refused(requests);
        assertEquals(413, error.status());
    }

    @Test
    void requests_without_params_or_with_a_wrong_shape_are_named() {
        assertEquals("requests[0]: params must be a JSON object (a Messages API request)",
                refused(array(Json.MAPPER.createObjectNode().put("custom_id", "a"))).getMessage());
        assertEquals("requests[0]: must be a JSON object {custom_id, params}",
                refused(array(Json.MAPPER.getNodeFactory().textNode("a"))).getMessage());
        assertEquals("requests[0]: custom_id must be a string",
                refused(array(request("x", "q").remove(List.of("custom_id")))).getMessage());
        ObjectNode extra = request("x", "q");
        extra.put("method", "POST");
        assertTrue(refused(array(extra)).getMessage().startsWith("requests[0]: unknown field 'method'"));
        ObjectNode noTokens = request("x", "q");
        ((ObjectNode) noTokens.get("params")).put("max_tokens", 0);
        assertEquals("requests[0]: params.max_tokens must be an integer of at least 1",
                refused(array(noTokens)).getMessage());
        ObjectNode noModel = request("x", "q");
        ((ObjectNode) noModel.get("params")).remove("model");
        assertEquals("requests[0]: params.model must name a model", refused(array(noModel)).getMessage());
        ObjectNode noMessages = request("x", "q");
        ((ObjectNode) noMessages.get("params")).putArray("messages");
        assertEquals("requests[0]: params.messages must be a non-empty array",
                refused(array(noMessages)).getMessage());
        ObjectNode streaming = request("x", "q");
        ((ObjectNode) streaming.get("params")).put("stream", true);
        assertTrue(refused(array(streaming)).getMessage().startsWith("requests[0]: params.stream"));
    }

    @Test
    void parameters_anthropic_has_and_openai_lacks_pass_untouched() throws IOException {
        ObjectNode withTools = request("tools-1", "weather?");
        ObjectNode params = (ObjectNode) withTools.get("params");
        params.putArray("tools").addObject().put("name", "get_weather").putObject("input_schema").put("type",
                "object");
        params.putObject("thinking").put("type", "enabled").put("budget_tokens", 1024);

        MessageBatchBody body = submissions.body(inline(array(withTools)), exchange);

        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        body.writeTo(sent);
        assertEquals(withTools, Json.MAPPER.readTree(sent.toByteArray()).get("requests").get(0));
    }

    @Test
    void batch_fields_anthropic_has_no_place_for_are_refused_by_name() {
        ArrayNode requests = array(request("a", "q"));
        assertEquals("endpoint", assertThrows(GatewayError.class, () -> submissions.body(new CreateBatch("anthropic",
                "", "/v1/embeddings", "24h", null, extra(requests)), exchange)).param());
        assertEquals("completion_window", assertThrows(GatewayError.class, () -> submissions.body(new CreateBatch(
                "anthropic", "", "/v1/chat/completions", "48h", null, extra(requests)), exchange)).param());
        assertEquals("metadata", assertThrows(GatewayError.class, () -> submissions.body(new CreateBatch(
                "anthropic", "", "/v1/chat/completions", "24h", Map.of("k", "v"), extra(requests)), exchange))
                .param());
        ObjectNode unknown = extra(requests);
        unknown.put("output_s3_uri", "s3://bucket/out");
        assertEquals("output_s3_uri", assertThrows(GatewayError.class, () -> submissions.body(new CreateBatch(
                "anthropic", "", "/v1/chat/completions", "24h", null, unknown), exchange)).param());
        ObjectNode withModel = extra(requests);
        withModel.put("model", "claude-3-haiku-20240307");
        assertEquals("model", assertThrows(GatewayError.class, () -> submissions.body(new CreateBatch(
                "anthropic", "", "/v1/chat/completions", "24h", null, withModel), exchange)).param());
    }

    @Test
    void requests_must_come_inline_or_from_a_file_not_both_nor_neither() {
        GatewayError neither = assertThrows(GatewayError.class, () -> submissions.body(new CreateBatch("anthropic",
                "", "/v1/chat/completions", "24h", null, Json.MAPPER.createObjectNode()), exchange));
        assertEquals("requests", neither.param());
        GatewayError both = assertThrows(GatewayError.class, () -> submissions.body(new CreateBatch("anthropic",
                "file-anthropic-abc", "/v1/chat/completions", "24h", null, extra(array(request("a", "q")))),
                exchange));
        assertTrue(both.getMessage().contains("not both"), both.getMessage());
        ObjectNode notAnArray = Json.MAPPER.createObjectNode();
        notAnArray.putObject("requests");
        assertEquals("requests", assertThrows(GatewayError.class, () -> submissions.body(new CreateBatch(
                "anthropic", "", "/v1/chat/completions", "24h", null, notAnArray), exchange)).param());
    }

    private GatewayError refused(ArrayNode requests) {
        GatewayError error = assertThrows(GatewayError.class, () -> submissions.body(inline(requests), exchange));
        if (error.status() == 400) {
            assertEquals("requests", error.param());
        }
        return error;
    }

    private static CreateBatch inline(ArrayNode requests) {
        return new CreateBatch("anthropic", "", "/v1/chat/completions", "24h", null, extra(requests));
    }

    private static ObjectNode extra(ArrayNode requests) {
        ObjectNode extra = Json.MAPPER.createObjectNode();
        extra.set("requests", requests);
        return extra;
    }

    private static ArrayNode array(JsonNode... elements) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        for (JsonNode element : elements) {
            array.add(element);
        }
        return array;
    }

    /** One of the documents' requests. */
    static ObjectNode request(String customId, String question) {
        ObjectNode request = Json.MAPPER.createObjectNode();
        request.put("custom_id", customId);
        ObjectNode params = request.putObject("params");
        params.put("model", "claude-3-sonnet-20240229");
        params.put("max_tokens", 100);
        params.putArray("messages").addObject().put("role", "user").put("content", question);
        return request;
    }
}
