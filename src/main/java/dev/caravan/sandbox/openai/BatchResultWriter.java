package dev.caravan.sandbox.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * Writes a batch's output file (2xx responses) and error file (non-2xx responses and requests that never ran), both
 * streamed line by line to disk in input order (provider-apis.md §2.5). Runs on a worker thread.
 */
final class BatchResultWriter {

    private final FileStore files;

    BatchResultWriter(FileStore files) {
        this.files = files;
    }

    /**
     * Expects a validated input: every non-blank line is a well-formed request. Result files expire only if the batch
     * asked for it ({@code output_expires_after}); the real default for result files is UNCONFIRMED.
     */
    WrittenFiles write(BatchSpec spec, WriteOrder order) throws IOException {
        RequestEngine engine = spec.endpoint().engine();
        try (JsonlLineReader reader = new JsonlLineReader(spec.input());
                FileStore.Sink output = files.newSink(spec.id() + "_output.jsonl", "batch_output",
                        spec.outputExpiresAfterSeconds());
                FileStore.Sink errors = files.newSink(spec.id() + "_error.jsonl", "batch_output",
                        spec.outputExpiresAfterSeconds())) {
            int index = 0;
            for (JsonlLineReader.Line line = reader.next(); line != null; line = reader.next()) {
                if (line.blank()) {
                    continue;
                }
                JsonNode request = WireFormat.MAPPER.readTree(line.bytes());
                String customId = request.get("custom_id").asText();
                if (index < order.done()) {
                    long created = order.schedule().doneAt(index) / 1000;
                    RequestEngine.Execution execution = engine.execute(request.get("body"), customId, created);
                    byte[] result = WireFormat.bytes(executed(spec.id(), customId, execution));
                    (execution.succeeded() ? output : errors).writeLine(result);
                } else {
                    errors.writeLine(WireFormat.bytes(cutOff(spec.id(), customId, order.cutoff())));
                }
                index++;
            }
            return new WrittenFiles(output.commit(), errors.commit());
        }
    }

    private static ObjectNode executed(String batchId, String customId, RequestEngine.Execution execution) {
        ObjectNode line = start(batchId, customId);
        ObjectNode response = line.putObject("response");
        response.put("status_code", execution.statusCode());
        response.put("request_id", IdGenerator.stableHex("req_", 32, batchId, customId, "request"));
        response.set("body", execution.body());
        line.putNull("error");
        return line;
    }

    private static ObjectNode cutOff(String batchId, String customId, Cutoff cutoff) {
        ObjectNode line = start(batchId, customId);
        line.putNull("response");
        ObjectNode error = line.putObject("error");
        error.put("code", cutoff.code());
        error.put("message", cutoff.message());
        return line;
    }

    private static ObjectNode start(String batchId, String customId) {
        ObjectNode line = WireFormat.MAPPER.createObjectNode();
        line.put("id", IdGenerator.stableHex("batch_req_", 32, batchId, customId));
        line.put("custom_id", customId);
        return line;
    }
}
