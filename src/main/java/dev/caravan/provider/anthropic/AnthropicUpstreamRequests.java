package dev.caravan.provider.anthropic;

import dev.caravan.model.CaravanIds;
import dev.caravan.model.ErrorKind;
import dev.caravan.model.GatewayError;
import dev.caravan.model.Provider;
import dev.caravan.model.command.BatchRef;
import dev.caravan.model.command.FileRef;
import dev.caravan.model.command.ListBatches;
import dev.caravan.provider.UpstreamRequest;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Turns Caravan commands into Message Batches API requests for camel-http (provider-apis.md §3): method, path and
 * query as Camel HTTP headers, Caravan's server-side key as {@code x-api-key} with {@code anthropic-version}, and
 * nothing of the caller's request (its Authorization above all).
 */
public class AnthropicUpstreamRequests {

    static final String BATCHES = "/v1/messages/batches";
    /** The exchange property naming the results file a download is for. */
    static final String RESULTS_FILE = "caravanAnthropicResultsFile";
    /** The exchange property holding where the download's results are. */
    static final String RESULTS_LOCATION = "caravanAnthropicResultsLocation";

    private final AnthropicSettings settings;

    public AnthropicUpstreamRequests(AnthropicSettings settings) {
        this.settings = settings;
    }

    /** The body was checked and measured by {@link BatchSubmissions}; it streams as it is sent. */
    public MessageBatchBody createBatch(MessageBatchBody body, Exchange exchange) {
        prepare(exchange, "POST", BATCHES, null);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        return body;
    }

    public void retrieveBatch(BatchRef batch, Exchange exchange) {
        prepare(exchange, "GET", BATCHES + "/" + segment(nativeBatchId(batch.batchId(), "batch_id")), null);
    }

    public void cancelBatch(BatchRef batch, Exchange exchange) {
        prepare(exchange, "POST", BATCHES + "/" + segment(nativeBatchId(batch.batchId(), "batch_id")) + "/cancel",
                null);
    }

    /**
     * OpenAI's cursor is Anthropic's: {@code after} is the last batch of the previous page, and Anthropic's
     * {@code after_id} gives the page right after it (both newest first). The {@code model} filter some providers
     * need is not one Anthropic has; as for OpenAI, it does not narrow this list.
     */
    public void listBatches(ListBatches list, Exchange exchange) {
        Map<String, Object> query = new LinkedHashMap<>();
        if (list.after() != null && !list.after().isBlank()) {
            query.put("after_id", nativeBatchId(list.after(), "after"));
        }
        query.put("limit", list.limit());
        prepare(exchange, "GET", BATCHES, query);
    }

    /** The first of a results download's two calls: the batch, whose {@code results_url} says where they are. */
    public void batchOfResults(FileRef file, Exchange exchange) {
        if (!(AnthropicFileId.parse(file.fileId()) instanceof AnthropicFileId.Results results)) {
            throw new IllegalStateException("not a results file: " + file.fileId());
        }
        exchange.setProperty(RESULTS_FILE, results);
        prepare(exchange, "GET", BATCHES + "/" + segment(results.batchId()), null);
    }

    /**
     * The second: the results themselves, at the {@code results_url} Anthropic gave (its docs say to read it rather
     * than build it), with the same headers. Caravan's key goes to the configured API's origin only: a
     * {@code results_url} on another origin (Caravan reaching Anthropic through a proxy or gateway, which passes on
     * Anthropic's own URLs) is read at its path and query on the configured base URL.
     */
    public void results(ResultsLocation location, Exchange exchange) {
        URI url = location.url();
        if (url.getRawPath() == null || url.getRawPath().isEmpty()) {
            throw GatewayError.of(ErrorKind.UPSTREAM_ERROR, "Anthropic gave the results of batch "
                    + location.batchId() + " at a URL without a path.");
        }
        exchange.setProperty(RESULTS_LOCATION, location);
        prepare(exchange, "GET", null, null);
        Message message = exchange.getMessage();
        if (settings.sameOrigin(url)) {
            message.setHeader(Exchange.HTTP_URI, url.getScheme() + "://" + url.getRawAuthority() + url.getRawPath());
        } else {
            message.setHeader(Exchange.HTTP_PATH, url.getRawPath());
        }
        if (url.getRawQuery() != null) {
            message.setHeader(Exchange.HTTP_QUERY, url.getRawQuery());
        }
        message.setHeader("Accept", "application/binary");
    }

    private void prepare(Exchange exchange, String method, String path, Map<String, Object> query) {
        UpstreamRequest.requireKey(settings.apiKey(), "anthropic", "ANTHROPIC_API_KEY", "caravan.anthropic.api-key");
        Message message = UpstreamRequest.start(exchange, method, path, query);
        message.setHeader("x-api-key", settings.apiKey());
        message.setHeader("anthropic-version", settings.version());
    }

    /**
     * A Caravan batch id of this provider, unwrapped; Anthropic's own {@code msgbatch_…} ids are taken as they are.
     * Another provider's id cannot name an Anthropic batch.
     */
    static String nativeBatchId(String id, String param) {
        Provider owner = CaravanIds.providerOf(id).orElse(Provider.ANTHROPIC);
        if (owner != Provider.ANTHROPIC || id.startsWith("file-")) {
            throw GatewayError.invalid(param, "'" + id + "' is no batch id of provider 'anthropic'.");
        }
        return CaravanIds.nativeId(id);
    }

    private static String segment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
