package dev.caravan.sandbox.gemini;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs a batch's requests, streaming: one input line in, one output line out, in input order (the reference: "a
 * single response per line ... written in the same order as the input requests", provider-apis.md §5.5). Blank lines
 * are not requests.
 *
 * <p>A file batch writes result lines {@code {"key","response"}} or {@code {"key","error":{code,message,status}}}
 * (the error line's shape is UNCONFIRMED: the REST envelope's, with the HTTP status as {@code code}, which is what
 * Caravan's reader and third-party parsers read). A line without a key (form b) is answered without one. An inline
 * batch writes InlinedResponse lines {@code {"response"|"error", "metadata"?}}, whose {@code error} is a
 * google.rpc.Status (rpc code number), assembled into the operation later.
 */
final class BatchProcessor {

    private BatchProcessor() {
    }

    static long countRequests(Path requests) throws IOException {
        long count = 0;
        try (BufferedReader reader = Files.newBufferedReader(requests, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    count++;
                }
            }
        }
        return count;
    }

    static Tally run(String batchId, String model, Path requests, Path output, boolean inline) throws IOException {
        long succeeded = 0;
        long failed = 0;
        long index = 0;
        try (BufferedReader reader = Files.newBufferedReader(requests, StandardCharsets.UTF_8);
             BufferedWriter writer = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                RequestLine request = RequestLine.parse(line);
                ContentEngine.Outcome outcome = request.problem() != null
                        ? new ContentEngine.Outcome(null, request.problem())
                        : ContentEngine.run(model, request.request(), batchId, index);
                index++;
                if (outcome.error() == null) {
                    succeeded++;
                } else {
                    failed++;
                }
                ObjectNode out = inline ? inlined(request, outcome) : resultLine(request, outcome);
                writer.write(Json.MAPPER.writeValueAsString(out));
                writer.write('\n');
            }
        }
        return new Tally(succeeded, failed);
    }

    private static ObjectNode resultLine(RequestLine request, ContentEngine.Outcome outcome) {
        ObjectNode line = Json.object();
        if (request.key() != null) {
            line.put("key", request.key());
        }
        if (outcome.error() != null) {
            line.set("error", Replies.envelope(outcome.error()).get("error"));
        } else {
            line.set("response", outcome.response());
        }
        return line;
    }

    private static ObjectNode inlined(RequestLine request, ContentEngine.Outcome outcome) {
        ObjectNode line = Json.object();
        if (outcome.error() != null) {
            ObjectNode status = line.putObject("error");
            status.put("code", outcome.error().code().number());
            status.put("message", outcome.error().getMessage());
        } else {
            line.set("response", outcome.response());
        }
        if (request.metadata() != null) {
            line.set("metadata", request.metadata());
        }
        return line;
    }
}
