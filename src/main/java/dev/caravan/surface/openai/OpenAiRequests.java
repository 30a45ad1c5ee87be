package dev.caravan.surface.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.model.GatewayError;
import dev.caravan.model.Operation;
import dev.caravan.model.command.BatchRef;
import dev.caravan.model.command.CreateBatch;
import dev.caravan.model.command.FileRef;
import dev.caravan.model.command.ListBatches;
import dev.caravan.model.command.ListFiles;
import dev.caravan.model.command.StorageConfig;
import dev.caravan.surface.HttpRequestView;
import dev.caravan.wire.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;

/**
 * Reads the OpenAI Files and Batch API wire format (client-wire.md §3) into Caravan commands (files.create, read as
 * it arrives, is {@link dev.caravan.surface.openai.upload.OpenAiUploads}). Caravan's own
 * routing fields ({@code provider}, {@code storage_config[s3][...]}) come as form fields, query parameters or JSON
 * body fields, exactly where the OpenAI SDKs put {@code extra_body} / {@code extra_query}.
 */
public class OpenAiRequests {

    private static final String PROVIDER = "provider";
    public ListFiles listFiles(Exchange exchange) {
        HttpRequestView request = HttpRequestView.of(exchange);
        return new ListFiles(request.query(PROVIDER), request.query("purpose"), integer(request, "limit"),
                request.query("order"), request.query("after"), StorageConfig.from(request::query));
    }

    public FileRef retrieveFile(Exchange exchange) {
        return fileRef(exchange, Operation.FILES_RETRIEVE);
    }

    public FileRef deleteFile(Exchange exchange) {
        return fileRef(exchange, Operation.FILES_DELETE);
    }

    public FileRef fileContent(Exchange exchange) {
        return fileRef(exchange, Operation.FILES_CONTENT);
    }

    public CreateBatch createBatch(Exchange exchange) {
        ObjectNode body = jsonObject(exchange.getMessage().getBody(String.class));
        String provider = textField(body, PROVIDER);
        String inputFileId = textField(body, "input_file_id");
        String endpoint = textField(body, "endpoint");
        String window = textField(body, "completion_window");
        if (inputFileId == null) {
            throw GatewayError.invalid("input_file_id", "Missing required parameter: 'input_file_id'.");
        }
        if (endpoint == null) {
            throw GatewayError.invalid("endpoint", "Missing required parameter: 'endpoint'.");
        }
        if (window == null) {
            throw GatewayError.invalid("completion_window", "Missing required parameter: 'completion_window'.");
        }
        Map<String, String> metadata = metadata(body.get("metadata"));
        ObjectNode extra = body.deepCopy();
        extra.remove(List.of(PROVIDER, "input_file_id", "endpoint", "completion_window", "metadata"));
        return new CreateBatch(provider, inputFileId, endpoint, window, metadata, extra);
    }

    public ListBatches listBatches(Exchange exchange) {
        HttpRequestView request = HttpRequestView.of(exchange);
        return new ListBatches(request.query(PROVIDER), request.query("after"), integer(request, "limit"),
                request.query("model"));
    }

    public BatchRef retrieveBatch(Exchange exchange) {
        HttpRequestView request = HttpRequestView.of(exchange);
        return new BatchRef(Operation.BATCHES_RETRIEVE, request.query(PROVIDER), pathId(exchange, "batchId"));
    }

    /** Cancel carries the provider in a JSON body (extra_body) or in the query; an empty body is fine. */
    public BatchRef cancelBatch(Exchange exchange) {
        String raw = exchange.getMessage().getBody(String.class);
        String provider = raw == null || raw.isBlank() ? null : textField(jsonObject(raw), PROVIDER);
        if (provider == null) {
            provider = HttpRequestView.of(exchange).query(PROVIDER);
        }
        return new BatchRef(Operation.BATCHES_CANCEL, provider, pathId(exchange, "batchId"));
    }

    private static FileRef fileRef(Exchange exchange, Operation operation) {
        HttpRequestView request = HttpRequestView.of(exchange);
        return new FileRef(operation, request.query(PROVIDER), pathId(exchange, "fileId"), StorageConfig.from(request::query));
    }

    private static String pathId(Exchange exchange, String name) {
        String id = exchange.getMessage().getHeader(name, String.class);
        if (id == null || id.isBlank()) {
            throw GatewayError.invalid("id", "Missing required path parameter: '" + name + "'.");
        }
        return id;
    }

    private static Integer integer(HttpRequestView request, String name) {
        String value = request.query(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw GatewayError.invalid(name, "Invalid '" + name + "': expected an integer, got '" + value + "'.");
        }
    }

    private static ObjectNode jsonObject(String raw) {
        if (raw == null || raw.isBlank()) {
            throw GatewayError.invalid(null, "The request body must be a JSON object.");
        }
        try {
            JsonNode node = Json.MAPPER.readTree(raw);
            if (node instanceof ObjectNode object) {
                return object;
            }
        } catch (JsonProcessingException e) {
            // answered below: the parser's message would echo the caller's bytes back without helping them
        }
        throw GatewayError.invalid(null, "We could not parse the JSON body of your request: it must be a JSON object.");
    }

    private static String textField(ObjectNode body, String name) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw GatewayError.invalid(name, "Invalid type for '" + name + "': expected a string.");
        }
        return value.asText();
    }

    private static Map<String, String> metadata(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw GatewayError.invalid("metadata", "Invalid type for 'metadata': expected an object of strings.");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        for (var entry : node.properties()) {
            if (!entry.getValue().isTextual()) {
                throw GatewayError.invalid("metadata", "Invalid type for 'metadata." + entry.getKey()
                        + "': expected a string.");
            }
            metadata.put(entry.getKey(), entry.getValue().asText());
        }
        return metadata;
    }
}
