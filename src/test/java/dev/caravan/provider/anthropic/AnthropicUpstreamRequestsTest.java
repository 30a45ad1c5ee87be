package dev.caravan.provider.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.caravan.jsonl.ResultSelection;
import dev.caravan.model.CaravanIds;
import dev.caravan.model.GatewayError;
import dev.caravan.model.Operation;
import dev.caravan.model.Provider;
import dev.caravan.model.command.BatchRef;
import dev.caravan.model.command.FileRef;
import dev.caravan.model.command.ListBatches;
import dev.caravan.model.command.StorageConfig;
import java.net.URI;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What each Message Batches call sends (provider-apis.md §3.1, §3.2): Caravan's key and version, nothing of the
 * caller's.
 */
class AnthropicUpstreamRequestsTest {

    private static final String KEY = "sk-ant-server-side";
    private static final String NATIVE = "msgbatch_01HkcTjaV5uDC8jWR4ZsDV8d";

    private final AnthropicUpstreamRequests requests = new AnthropicUpstreamRequests(settings(KEY));
    private Exchange exchange;

    @BeforeEach
    void aCallersRequest() {
        exchange = new DefaultExchange(new DefaultCamelContext());
        Message in = exchange.getMessage();
        in.setHeader("Authorization", "Bearer caller-key");
        in.setHeader("Cookie", "session=abc");
        in.setHeader("x-api-key", "caller-tries-its-own");
        in.setHeader(Exchange.HTTP_QUERY, "provider=anthropic");
        in.setBody("caller body");
    }

    @Test
    void a_retrieve_carries_caravans_key_and_version_and_nothing_of_the_callers() {
        requests.retrieveBatch(new BatchRef(Operation.BATCHES_RETRIEVE, "anthropic",
                CaravanIds.wrap(CaravanIds.Kind.BATCH, Provider.ANTHROPIC, NATIVE)), exchange);

        Message out = exchange.getMessage();
        assertEquals(Set.of(Exchange.HTTP_METHOD, Exchange.HTTP_PATH, "x-api-key", "anthropic-version", "Accept"),
                out.getHeaders().keySet());
        assertEquals("GET", out.getHeader(Exchange.HTTP_METHOD, String.class));
        assertEquals("/v1/messages/batches/" + NATIVE, out.getHeader(Exchange.HTTP_PATH));
        assertEquals(KEY, out.getHeader("x-api-key"));
        assertEquals("2023-06-01", out.getHeader("anthropic-version"));
        assertNull(out.getBody());
    }

    @Test
    void anthropics_own_ids_are_taken_as_they_are_and_other_providers_ids_refused() {
        requests.cancelBatch(new BatchRef(Operation.BATCHES_CANCEL, "anthropic", NATIVE), exchange);
        assertEquals("POST", exchange.getMessage().getHeader(Exchange.HTTP_METHOD, String.class));
        assertEquals("/v1/messages/batches/" + NATIVE + "/cancel", exchange.getMessage().getHeader(Exchange.HTTP_PATH));

        GatewayError openAi = assertThrows(GatewayError.class, () -> requests.retrieveBatch(
                new BatchRef(Operation.BATCHES_RETRIEVE, "anthropic", "batch_abc123"), exchange));
        assertEquals(400, openAi.status());
        GatewayError file = assertThrows(GatewayError.class, () -> requests.retrieveBatch(new BatchRef(
                Operation.BATCHES_RETRIEVE, "anthropic", new AnthropicFileId.Results(NATIVE, ResultSelection.SUCCEEDED)
                .id()), exchange));
        assertEquals(400, file.status());
    }

    @Test
    void openais_after_and_limit_are_anthropics_after_id_and_limit() {
        String after = CaravanIds.wrap(CaravanIds.Kind.BATCH, Provider.ANTHROPIC, NATIVE);

        requests.listBatches(new ListBatches("anthropic", after, 7, null), exchange);

        assertEquals("/v1/messages/batches", exchange.getMessage().getHeader(Exchange.HTTP_PATH));
        assertEquals("after_id=" + NATIVE + "&limit=7", exchange.getMessage().getHeader(Exchange.HTTP_QUERY));
        requests.listBatches(new ListBatches("anthropic", null, null, "claude-haiku-4-5"), exchange);
        assertNull(exchange.getMessage().getHeader(Exchange.HTTP_QUERY), "the first page with Anthropic's default");
    }

    @Test
    void results_are_read_at_the_url_anthropic_gave_and_the_key_goes_to_the_configured_origin_only() {
        exchange.setProperty(AnthropicUpstreamRequests.RESULTS_FILE,
                new AnthropicFileId.Results(NATIVE, ResultSelection.SUCCEEDED));

        requests.results(new ResultsLocation(NATIVE, URI.create("https://api.anthropic.com/v1/messages/batches/"
                + NATIVE + "/results?page=2"), 0), exchange);

        Message out = exchange.getMessage();
        assertEquals("https://api.anthropic.com/v1/messages/batches/" + NATIVE + "/results",
                out.getHeader(Exchange.HTTP_URI));
        assertEquals("page=2", out.getHeader(Exchange.HTTP_QUERY));
        assertNull(out.getHeader(Exchange.HTTP_PATH));
        assertEquals(KEY, out.getHeader("x-api-key"));

        requests.results(new ResultsLocation(NATIVE, URI.create("https://elsewhere.example/v1/messages/batches/"
                + NATIVE + "/results"), 0), exchange);
        assertNull(out.getHeader(Exchange.HTTP_URI), "never another origin: the key would go with the request");
        assertEquals("/v1/messages/batches/" + NATIVE + "/results", exchange.getMessage().getHeader(
                Exchange.HTTP_PATH), "the results' path, on the configured base URL");
        requests.results(new ResultsLocation(NATIVE, URI.create("http://api.anthropic.com/v1/messages/batches/"
                + NATIVE + "/results"), 0), exchange);
        assertNull(exchange.getMessage().getHeader(Exchange.HTTP_URI), "another scheme is another origin");
    }

    @Test
    void without_a_key_nothing_is_sent_and_the_caller_hears_why() {
        AnthropicUpstreamRequests keyless = new AnthropicUpstreamRequests(settings(""));
        GatewayError error = assertThrows(GatewayError.class, () -> keyless.batchOfResults(new FileRef(
                Operation.FILES_CONTENT, "anthropic", new AnthropicFileId.Results(NATIVE, ResultSelection.FAILED).id(),
                StorageConfig.NONE), exchange));
        assertEquals(401, error.status());
        assertTrue(error.getMessage().contains("ANTHROPIC_API_KEY"), error.getMessage());
    }

    private static AnthropicSettings settings(String key) {
        return new AnthropicSettings(URI.create("https://api.anthropic.com"), key, "2023-06-01", 100_000,
                256L * 1024 * 1024);
    }
}
