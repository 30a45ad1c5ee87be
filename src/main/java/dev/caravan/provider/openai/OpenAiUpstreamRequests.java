package dev.caravan.provider.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.model.command.BatchRef;
import dev.caravan.model.command.CreateBatch;
import dev.caravan.model.command.FileRef;
import dev.caravan.model.command.ListBatches;
import dev.caravan.model.command.ListFiles;
import dev.caravan.model.command.StreamedUpload;
import dev.caravan.model.command.UploadFile;
import dev.caravan.provider.UpstreamRequest;
import dev.caravan.wire.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.hc.client5.http.entity.mime.MultipartEntityBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;

/**
 * Turns Caravan commands into OpenAI API requests for camel-http: method, path and query as Camel HTTP headers,
 * the server-side API key as bearer auth, and a body that streams (the upload is read from its spool file).
 * Methods without a request body leave the message body empty.
 */
public class OpenAiUpstreamRequests {

    private final String apiKey;

    public OpenAiUpstreamRequests(String apiKey) {
        this.apiKey = apiKey == null ? "" : apiKey.trim();
    }

    public HttpEntity uploadFile(UploadFile upload, Exchange exchange) {
        prepare(exchange, "POST", "/files", null);
        MultipartEntityBuilder multipart = MultipartEntityBuilder.create().setCharset(StandardCharsets.UTF_8);
        multipart.addTextBody("purpose", upload.purpose());
        upload.fields().forEach((name, value) -> multipart.addTextBody(name, value,
                ContentType.TEXT_PLAIN.withCharset(StandardCharsets.UTF_8)));
        multipart.addBinaryBody("file", upload.content().toFile(), ContentType.APPLICATION_OCTET_STREAM,
                upload.filename());
        return multipart.build();
    }

    /** The same request as {@link #uploadFile}, its body written while the caller's file arrives. */
    public HttpEntity streamFile(StreamedUpload upload, Exchange exchange) {
        prepare(exchange, "POST", "/files", null);
        return StreamedMultipartEntity.of(upload);
    }

    public void listFiles(ListFiles list, Exchange exchange) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("purpose", list.purpose());
        query.put("limit", list.limit());
        query.put("order", list.order());
        query.put("after", list.after());
        prepare(exchange, "GET", "/files", query);
    }

    public void retrieveFile(FileRef file, Exchange exchange) {
        prepare(exchange, "GET", "/files/" + segment(file.fileId()), null);
    }

    public void deleteFile(FileRef file, Exchange exchange) {
        prepare(exchange, "DELETE", "/files/" + segment(file.fileId()), null);
    }

    public void fileContent(FileRef file, Exchange exchange) {
        prepare(exchange, "GET", "/files/" + segment(file.fileId()) + "/content", null);
    }

    /** Fields OpenAI does not know (e.g. another provider's {@code model}) are forwarded for OpenAI to judge. */
    public String createBatch(CreateBatch create, Exchange exchange) {
        prepare(exchange, "POST", "/batches", null);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("input_file_id", create.inputFileId());
        body.put("endpoint", create.endpoint());
        body.put("completion_window", create.completionWindow());
        if (create.metadata() != null) {
            ObjectNode metadata = body.putObject("metadata");
            create.metadata().forEach(metadata::put);
        }
        body.setAll(create.extra());
        return body.toString();
    }

    public void listBatches(ListBatches list, Exchange exchange) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("after", list.after());
        query.put("limit", list.limit());
        prepare(exchange, "GET", "/batches", query);
    }

    public void retrieveBatch(BatchRef batch, Exchange exchange) {
        prepare(exchange, "GET", "/batches/" + segment(batch.batchId()), null);
    }

    public void cancelBatch(BatchRef batch, Exchange exchange) {
        prepare(exchange, "POST", "/batches/" + segment(batch.batchId()) + "/cancel", null);
    }

    private void prepare(Exchange exchange, String method, String path, Map<String, Object> query) {
        UpstreamRequest.requireKey(apiKey, "openai", "OPENAI_API_KEY", "caravan.openai.api-key");
        UpstreamRequest.start(exchange, method, path, query).setHeader("Authorization", "Bearer " + apiKey);
    }

    private static String segment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
