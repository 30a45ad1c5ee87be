package dev.caravan.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.jsonl.ConversionSettings;
import dev.caravan.jsonl.ConvertedLines;
import dev.caravan.jsonl.ResultConversion;
import dev.caravan.jsonl.anthropic.AnthropicResultLines;
import dev.caravan.jsonl.openai.OpenAiResultLines;
import dev.caravan.model.Batch;
import dev.caravan.model.BatchPage;
import dev.caravan.model.ErrorKind;
import dev.caravan.model.GatewayError;
import dev.caravan.wire.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Reads Message Batches API answers into canonical results: batches mapped by {@link MessageBatchMapping}, a
 * non-2xx answer as the upstream's own error ({@link AnthropicUpstreamErrors}), and results as a stream converted
 * line by line into OpenAI batch output lines.
 */
public class AnthropicUpstreamResponses {

    public Batch batch(Exchange exchange) throws IOException {
        return MessageBatchMapping.batch(json(exchange.getMessage()),
                exchange.getProperty(BatchSubmissions.INPUT_FILE_ID, "", String.class));
    }

    public BatchPage batchPage(Exchange exchange) throws IOException {
        JsonNode page = json(exchange.getMessage());
        List<Batch> batches = new ArrayList<>();
        // Anthropic does not record what a batch was created from
        page.path("data").forEach(batch -> batches.add(MessageBatchMapping.batch(batch, "")));
        return new BatchPage(batches, page.path("has_more").asBoolean(false));
    }

    /** The batch behind a results file: its results exist once it has ended, at its {@code results_url}. */
    public ResultsLocation resultsLocation(Exchange exchange) throws IOException {
        AnthropicFileId.Results file = resultsFile(exchange);
        JsonNode batch = json(exchange.getMessage());
        JsonNode url = batch.get("results_url");
        Long endedAt = MessageBatchMapping.seconds(batch, "ended_at");
        if (!"ended".equals(batch.path("processing_status").asText()) || url == null || !url.isTextual()
                || endedAt == null) {
            throw GatewayError.notFound("file_id", "No such File object: " + file.id() + " (batch "
                    + file.batchId() + " has no results yet).");
        }
        if (batch.hasNonNull("archived_at")) {
            throw GatewayError.notFound("file_id", "No such File object: " + file.id() + " (the results of batch "
                    + file.batchId() + " are no longer available).");
        }
        try {
            return new ResultsLocation(file.batchId(), URI.create(url.asText()), endedAt);
        } catch (IllegalArgumentException e) {
            throw GatewayError.of(ErrorKind.UPSTREAM_ERROR, "Anthropic gave batch " + file.batchId()
                    + " a results_url that is no URL.");
        }
    }

    /**
     * The results, still streaming from Anthropic: read on demand, each line converted to an OpenAI batch output line
     * and kept when it belongs to the file (output: succeeded; errors: the rest). camel-http releases the connection
     * when the exchange completes.
     */
    public ResultsDownload results(Exchange exchange) throws IOException {
        ResultsLocation location = exchange.getProperty(AnthropicUpstreamRequests.RESULTS_LOCATION,
                ResultsLocation.class);
        Message message = exchange.getMessage();
        AnthropicUpstreamErrors.failOnError(message);
        InputStream body = message.getBody(InputStream.class);
        ConvertedLines lines = ResultConversion.convert(body == null ? InputStream.nullInputStream() : body,
                AnthropicResultLines.reader(ConversionSettings.forModel(null)), OpenAiResultLines.writer(),
                resultsFile(exchange).selection());
        return new ResultsDownload(resultsFile(exchange), location, lines);
    }

    private static AnthropicFileId.Results resultsFile(Exchange exchange) {
        return exchange.getProperty(AnthropicUpstreamRequests.RESULTS_FILE, AnthropicFileId.Results.class);
    }

    private static JsonNode json(Message message) throws IOException {
        AnthropicUpstreamErrors.failOnError(message);
        try (InputStream body = message.getBody(InputStream.class)) {
            JsonNode json = body == null ? null : Json.MAPPER.readTree(body);
            if (json == null || !json.isObject()) {
                throw GatewayError.of(ErrorKind.UPSTREAM_ERROR, "Anthropic answered without a JSON object.");
            }
            return json;
        }
    }
}
