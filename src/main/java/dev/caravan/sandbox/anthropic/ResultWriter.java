package dev.caravan.sandbox.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a batch's results file (provider-apis.md §3.4), one line per request: {@code succeeded} with the Message or
 * {@code errored} with the ErrorResponse for the requests that ran, {@code canceled} or {@code expired} for the
 * others. Streams: the requests file is read a line at a time and each result goes straight to disk, so memory holds
 * one request whatever the batch's size. Runs on a worker thread.
 *
 * <p>The lines are deliberately not in request order: first the requests at even positions, then the odd ones. The
 * API promises no order; a client that matched results to requests by position would pass against results written
 * in order and break on the real service, so the emulator shows it the disorder.
 */
final class ResultWriter {

    private ResultWriter() {
    }

    /** Writes to a temporary file and moves it into place, so a results file is never seen half written. */
    static Tally write(String batchId, Path requests, Path results, WriteOrder order) throws IOException {
        Path partial = results.resolveSibling(results.getFileName() + ".part");
        int succeeded = 0;
        int errored = 0;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial), 64 * 1024)) {
            for (int parity = 0; parity < 2; parity++) {
                try (BufferedReader in = Files.newBufferedReader(requests, StandardCharsets.UTF_8)) {
                    int index = 0;
                    for (String line = in.readLine(); line != null; line = in.readLine(), index++) {
                        if (index % 2 != parity) {
                            continue;
                        }
                        JsonNode request = WireFormat.MAPPER.readTree(line);
                        String customId = request.get("custom_id").asText();
                        ObjectNode result;
                        if (index < order.processed()) {
                            Outcome outcome = MessageEngine.run(request.get("params"), batchId, customId);
                            if (outcome instanceof Outcome.Succeeded) {
                                succeeded++;
                            } else {
                                errored++;
                            }
                            result = ran(batchId, customId, outcome);
                        } else {
                            result = cutOff(customId, order.cutoff());
                        }
                        out.write(WireFormat.bytes(result));
                        out.write('\n');
                    }
                }
            }
        }
        Files.move(partial, results, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new Tally(succeeded, errored);
    }

    private static ObjectNode ran(String batchId, String customId, Outcome outcome) {
        ObjectNode line = start(customId);
        ObjectNode result = line.putObject("result");
        if (outcome instanceof Outcome.Succeeded succeeded) {
            result.put("type", "succeeded");
            result.set("message", succeeded.message());
        } else {
            Outcome.Errored errored = (Outcome.Errored) outcome;
            result.put("type", "errored");
            result.set("error", WireFormat.error(errored.type(), errored.message(),
                    Ids.failedRequest(batchId, customId)));
        }
        return line;
    }

    private static ObjectNode cutOff(String customId, Cutoff cutoff) {
        ObjectNode line = start(customId);
        line.putObject("result").put("type", cutoff.resultType());
        return line;
    }

    private static ObjectNode start(String customId) {
        ObjectNode line = WireFormat.MAPPER.createObjectNode();
        line.put("custom_id", customId);
        return line;
    }
}
