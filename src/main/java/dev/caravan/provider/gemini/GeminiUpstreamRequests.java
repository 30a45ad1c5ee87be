package dev.caravan.provider.gemini;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.model.GatewayError;
import dev.caravan.model.command.BatchRef;
import dev.caravan.model.command.FileRef;
import dev.caravan.provider.UpstreamRequest;
import dev.caravan.wire.Json;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.InputStreamEntity;

/**
 * Turns Caravan commands into Gemini API requests for camel-http (provider-apis.md §4–5): method, path and query as
 * Camel HTTP headers, Caravan's server-side key as {@code x-goog-api-key}, and nothing of the caller's request (its
 * Authorization above all). Every request goes to the configured base URL.
 */
public class GeminiUpstreamRequests {

    /** The exchange property naming the Gemini file a command is about. */
    static final String FILE = "caravanGeminiFile";
    /** The exchange property naming the batch a command is about. */
    static final String BATCH = "caravanGeminiBatch";
    /** The exchange property naming the results file a download is for. */
    static final String RESULTS_FILE = "caravanGeminiResultsFile";
    /** The exchange property holding where the download's responses are. */
    static final String RESULTS_LOCATION = "caravanGeminiResultsLocation";
    /**
     * The MIME type a batch input file is declared with. The guide's SDK sample passes the bare {@code jsonl};
     * ⚠ UNCONFIRMED which types Gemini's batch accepts beyond it: {@code application/jsonl} is the registered-style
     * name for JSON Lines and what Caravan's own files say they are.
     */
    static final String JSONL = "application/jsonl";

    private final GeminiSettings settings;
    private final GeminiUploads uploads;

    public GeminiUpstreamRequests(GeminiSettings settings, GeminiUploads uploads) {
        this.settings = settings;
        this.uploads = uploads;
    }

    // ---- files ---------------------------------------------------------------------------------------------------

    /**
     * Step 1 of the resumable upload (provider-apis.md §4.1): the session, declaring the converted size and type.
     * The body names the file for Gemini users: its display name is the caller's filename.
     */
    public String startUpload(UploadPlan plan, Exchange exchange) {
        prepare(exchange, "POST", "/upload/v1beta/files", null);
        Message message = exchange.getMessage();
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setHeader("X-Goog-Upload-Protocol", "resumable");
        message.setHeader("X-Goog-Upload-Command", "start");
        message.setHeader("X-Goog-Upload-Header-Content-Length", Long.toString(plan.geminiBytes()));
        message.setHeader("X-Goog-Upload-Header-Content-Type", JSONL);
        ObjectNode body = Json.MAPPER.createObjectNode();
        ObjectNode file = body.putObject("file");
        file.put("displayName", plan.displayName());
        file.put("mimeType", JSONL);
        return body.toString();
    }

    /**
     * Step 2: the converted bytes, streamed in one final chunk as they are produced ({@link GeminiUploads}). The
     * upload URL is its own credential (google-genai sends no key with it), so no key goes with it. It is used at
     * its path and query on the configured base URL, as newer google-genai does: Caravan sends nothing to an address
     * it did not configure, and reaches Gemini through whatever proxy the base URL names.
     */
    public HttpEntity sendBytes(URI uploadUrl, Exchange exchange) throws IOException {
        UploadPlan plan = exchange.getProperty(GeminiUploads.PLAN, UploadPlan.class);
        prepare(exchange, "POST", onBaseUrl(uploadUrl), null, false);
        Message message = exchange.getMessage();
        if (uploadUrl.getRawQuery() != null) {
            message.setHeader(Exchange.HTTP_QUERY, uploadUrl.getRawQuery());
        }
        message.setHeader("X-Goog-Upload-Command", "upload, finalize");
        message.setHeader("X-Goog-Upload-Offset", "0");
        return new InputStreamEntity(uploads.lines(plan.upload(), new LineModels()), plan.geminiBytes(),
                ContentType.create(JSONL));
    }

    public void retrieveFile(FileRef ref, Exchange exchange) {
        String name = uploaded(ref, exchange).name();
        prepare(exchange, "GET", "/v1beta/" + name, null);
    }

    public void deleteFile(FileRef ref, Exchange exchange) {
        if (GeminiFileId.parse(ref.fileId()) instanceof GeminiFileId.Results) {
            throw GatewayError.invalid("file_id", "File " + ref.fileId() + " is the results of a batch; they last as "
                    + "long as Gemini keeps the batch's responses and cannot be deleted one file at a time.");
        }
        String name = uploaded(ref, exchange).name();
        prepare(exchange, "DELETE", "/v1beta/" + name, null);
    }

    /** Undoes an upload: the Gemini file by name. */
    public void discardFile(String name, Exchange exchange) {
        prepare(exchange, "DELETE", "/v1beta/" + name, null);
    }

    public void listFilesPage(Exchange exchange) {
        prepare(exchange, "GET", "/v1beta/files", pageQuery(exchange));
    }

    // ---- batches -------------------------------------------------------------------------------------------------

    /** Before a create: the input file, which must be there and ready. */
    public void retrieveInputFile(BatchPlan plan, Exchange exchange) {
        prepare(exchange, "GET", "/v1beta/" + plan.file().name(), null);
    }

    /** {@code POST /v1beta/models/{model}:batchGenerateContent} with the file and display name (§5.1). */
    public String createBatch(BatchPlan plan, Exchange exchange) {
        prepare(exchange, "POST", "/v1beta/models/" + plan.model() + ":batchGenerateContent", null);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        ObjectNode body = Json.MAPPER.createObjectNode();
        ObjectNode batch = body.putObject("batch");
        batch.put("displayName", plan.displayName());
        batch.putObject("inputConfig").put("fileName", plan.file().name());
        return body.toString();
    }

    public void retrieveBatch(BatchRef ref, Exchange exchange) {
        GeminiBatchId batch = GeminiBatchId.parse(ref.batchId(), "batch_id");
        exchange.setProperty(BATCH, batch);
        prepare(exchange, "GET", "/v1beta/" + batch.name(), null);
    }

    /** {@code POST …:cancel} with an empty body; the batch is read again afterwards ({@link #batchAgain}). */
    public void cancelBatch(BatchRef ref, Exchange exchange) {
        GeminiBatchId batch = GeminiBatchId.parse(ref.batchId(), "batch_id");
        exchange.setProperty(BATCH, batch);
        prepare(exchange, "POST", "/v1beta/" + batch.name() + ":cancel", null);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody("");
    }

    /** The batch a previous step named, read again. */
    public void batchAgain(Exchange exchange) {
        GeminiBatchId batch = exchange.getProperty(BATCH, GeminiBatchId.class);
        prepare(exchange, "GET", "/v1beta/" + batch.name(), null);
    }

    public void listBatchesPage(Exchange exchange) {
        prepare(exchange, "GET", "/v1beta/batches", pageQuery(exchange));
    }

    // ---- results -------------------------------------------------------------------------------------------------

    /** The first of a results download's two calls: the batch, which says where its responses are. */
    public void batchOfResults(FileRef ref, Exchange exchange) {
        if (!(GeminiFileId.parse(ref.fileId()) instanceof GeminiFileId.Results results)) {
            throw new IllegalStateException("not a results file: " + ref.fileId());
        }
        exchange.setProperty(RESULTS_FILE, results);
        prepare(exchange, "GET", "/v1beta/" + results.batch().name(), null);
    }

    /**
     * The second: the responses file's bytes. google-genai downloads at {@code /v1beta/files/{id}:download?alt=media}
     * (seen on the wire; the REST reference shows the same under {@code /download}); Caravan uses the SDK's form,
     * the one every SDK user exercises against the real API.
     */
    public void download(ResultsLocation location, Exchange exchange) {
        exchange.setProperty(RESULTS_LOCATION, location);
        prepare(exchange, "GET", "/v1beta/" + location.responsesFile() + ":download", Map.of("alt", "media"));
        exchange.getMessage().setHeader("Accept", "*/*");
    }

    // ---- shared --------------------------------------------------------------------------------------------------

    private static GeminiFileId.Uploaded uploaded(FileRef ref, Exchange exchange) {
        if (!(GeminiFileId.parse(ref.fileId()) instanceof GeminiFileId.Uploaded file)) {
            throw new IllegalStateException("not an uploaded file: " + ref.fileId());
        }
        exchange.setProperty(FILE, file);
        return file;
    }

    private static Map<String, Object> pageQuery(Exchange exchange) {
        ListScan<?> scan = exchange.getProperty(GeminiListings.SCAN, ListScan.class);
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("pageSize", ListScan.GEMINI_PAGE);
        query.put("pageToken", scan.pageToken());
        return query;
    }

    /** An upload URL's path as a path under the base URL (which may itself have a path, behind a gateway). */
    String onBaseUrl(URI uploadUrl) {
        String path = uploadUrl.getRawPath();
        if (path == null || path.isEmpty()) {
            throw GeminiUpstreamErrors.unexpected("an upload URL without a path");
        }
        String basePath = settings.baseUrl().getRawPath();
        if (basePath != null && basePath.length() > 1) {
            String prefix = basePath.endsWith("/") ? basePath.substring(0, basePath.length() - 1) : basePath;
            if (path.startsWith(prefix + "/")) {
                path = path.substring(prefix.length());
            }
        }
        return path;
    }

    private void prepare(Exchange exchange, String method, String path, Map<String, Object> query) {
        prepare(exchange, method, path, query, true);
    }

    private void prepare(Exchange exchange, String method, String path, Map<String, Object> query, boolean withKey) {
        UpstreamRequest.requireKey(settings.apiKey(), "gemini", "GEMINI_API_KEY", "caravan.gemini.api-key");
        Message message = UpstreamRequest.start(exchange, method, path, query);
        if (withKey) {
            message.setHeader("x-goog-api-key", settings.apiKey());
        }
    }
}
