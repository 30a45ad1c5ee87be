package dev.caravan.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.caravan.jsonl.ConversionSettings;
import dev.caravan.jsonl.canonical.Endpoint;
import dev.caravan.model.GatewayError;
import dev.caravan.model.command.CreateBatch;
import dev.caravan.store.CaravanStore;
import java.util.Iterator;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.camel.Exchange;

/**
 * Turns an OpenAI-style {@code batches.create} into the body of an Anthropic message batch, checked whole before
 * anything is sent. The requests come either inline ({@code extra_body={"requests": [...]}}, the documents' way) or
 * from a file uploaded with {@code provider=anthropic} ({@code input_file_id}, in any supported line format, its
 * lines converted with the batch's {@code model} for lines that name none). Every other field is refused by name
 * rather than dropped: an Anthropic batch has no metadata and no other completion window, and runs Messages requests,
 * which are chat completions.
 */
public class BatchSubmissions {

    /** The exchange property holding the {@code input_file_id} the batch was created from ("" for inline requests). */
    static final String INPUT_FILE_ID = "caravanAnthropicInputFileId";
    private static final Set<String> UNDERSTOOD = Set.of("requests", "model");

    private final AnthropicSettings settings;
    private final Supplier<CaravanStore> store;
    private final RequestsCheck check;

    public BatchSubmissions(AnthropicSettings settings, Supplier<CaravanStore> store) {
        this.settings = settings;
        this.store = store;
        this.check = new RequestsCheck(settings.maxRequests(), settings.maxBytes());
    }

    public MessageBatchBody body(CreateBatch create, Exchange exchange) {
        checkBatchFields(create);
        RequestSource source = source(create);
        long length = check.bodyLength(source);
        exchange.setProperty(INPUT_FILE_ID, create.inputFileId() == null ? "" : create.inputFileId());
        return new MessageBatchBody(source, length);
    }

    private RequestSource source(CreateBatch create) {
        JsonNode requests = create.extra().get("requests");
        String model = text(create.extra(), "model");
        boolean fromFile = create.inputFileId() != null && !create.inputFileId().isEmpty();
        if (requests != null && !requests.isNull()) {
            if (fromFile) {
                throw GatewayError.invalid(InlineRequests.PARAM, "Give either inline 'requests' or an "
                        + "'input_file_id', not both.");
            }
            if (!(requests instanceof ArrayNode array)) {
                throw GatewayError.invalid(InlineRequests.PARAM, "'requests' must be an array of Anthropic "
                        + "requests {custom_id, params}.");
            }
            if (model != null) {
                throw GatewayError.invalid("model", "'model' applies to an input file; inline requests name "
                        + "their model in params.model.");
            }
            return new InlineRequests(array);
        }
        if (!fromFile) {
            throw GatewayError.invalid(InlineRequests.PARAM, "Provider 'anthropic' needs the batch's requests: "
                    + "inline as extra_body {\"requests\": [{\"custom_id\", \"params\"}, ...]}, or as the "
                    + "input_file_id of a file uploaded with provider 'anthropic'.");
        }
        if (!(AnthropicFileId.parse(create.inputFileId()) instanceof AnthropicFileId.Stored stored)) {
            throw GatewayError.invalid(StoredRequests.PARAM, "File " + create.inputFileId() + " holds a batch's "
                    + "results, not batch input.");
        }
        ConversionSettings conversion = new ConversionSettings(model, Endpoint.CHAT_COMPLETIONS, false,
                settings.maxRequests());
        return new StoredRequests(store.get(), stored, conversion);
    }

    private static void checkBatchFields(CreateBatch create) {
        if (!MessageBatchMapping.ENDPOINT.equals(create.endpoint())) {
            throw GatewayError.invalid("endpoint", "Provider 'anthropic' runs Messages requests, which are "
                    + MessageBatchMapping.ENDPOINT + "; endpoint '" + create.endpoint() + "' is not supported.");
        }
        if (!MessageBatchMapping.COMPLETION_WINDOW.equals(create.completionWindow())) {
            throw GatewayError.invalid("completion_window", "Anthropic batches end within 24 hours: "
                    + "completion_window must be '24h'.");
        }
        if (create.metadata() != null && !create.metadata().isEmpty()) {
            throw GatewayError.invalid("metadata", "Anthropic message batches keep no metadata; remove 'metadata' "
                    + "or choose a provider that keeps it.");
        }
        for (Iterator<String> names = create.extra().fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!UNDERSTOOD.contains(name) && !create.extra().get(name).isNull()) {
                throw GatewayError.invalid(name, "Provider 'anthropic' does not support '" + name + "'.");
            }
        }
    }

    private static String text(JsonNode extra, String field) {
        JsonNode value = extra.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw GatewayError.invalid(field, "'" + field + "' must be a non-empty string.");
        }
        return value.asText();
    }
}
