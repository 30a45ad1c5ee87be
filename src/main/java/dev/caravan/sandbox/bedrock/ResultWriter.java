package dev.caravan.sandbox.bedrock;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.wire.Json;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Writes a job's results under {@code <output s3Uri>/<jobId>/} (provider-apis.md §6.5): per input file with processed
 * records {@code <input file name>.out}, one line per record ({@code {recordId, modelInput, modelOutput}} or
 * {@code {recordId, modelInput, error:{errorCode, errorMessage}}}), then {@code manifest.json.out}.
 *
 * <p>Records are written in input order. UNCONFIRMED whether the service keeps it (one version of the docs says so, the
 * current one says not): keeping it is what a reader matching on recordId and one relying on order both accept.
 *
 * <p>Streams: each input object is read again from S3 a line at a time, each result line goes to a temporary file,
 * and the file goes up in one PutObject. Only the first {@code done} records (in file order) are processed: fewer than
 * all when the job was stopped or timed out.
 */
final class ResultWriter {

    private final S3Client s3;

    ResultWriter(S3Client s3) {
        this.s3 = s3;
    }

    Manifest write(JobSpec spec, InputPlan plan, int done) throws IOException {
        RecordProcessor processor = new RecordProcessor(spec);
        S3Uri output = spec.request().output();
        String folder = output.prefix() + spec.id() + "/";
        Totals totals = new Totals();
        for (InputFile file : plan.files()) {
            if (totals.processed >= done) {
                break;
            }
            Path temp = Files.createTempFile("bedrock-emulator-", ".out");
            try {
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp));
                     JsonlLines lines = new JsonlLines(s3.getObject(b -> b.bucket(file.location().bucket())
                             .key(file.location().key())))) {
                    JsonlLines.Line line;
                    while (totals.processed < done && (line = lines.next()) != null) {
                        out.write(Json.MAPPER.writeValueAsBytes(result(line, file, processor, totals)));
                        out.write('\n');
                    }
                }
                s3.putObject(b -> b.bucket(output.bucket()).key(folder + file.outputName())
                        .contentType("application/jsonl"), RequestBody.fromFile(temp));
            } finally {
                Files.deleteIfExists(temp);
            }
        }
        Manifest manifest = new Manifest(plan.total(), totals.processed, totals.success,
                totals.processed - totals.success, totals.inputTokens, totals.outputTokens);
        s3.putObject(b -> b.bucket(output.bucket()).key(folder + "manifest.json.out")
                .contentType("application/json"), RequestBody.fromBytes(bytes(manifest.json())));
        return manifest;
    }

    private static final class Totals {
        int processed;
        int success;
        long inputTokens;
        long outputTokens;
    }

    private static ObjectNode result(JsonlLines.Line line, InputFile file, RecordProcessor processor, Totals totals) {
        totals.processed++;
        ObjectNode node = Json.MAPPER.createObjectNode();
        InputRecord record;
        try {
            record = InputRecord.parse(line);
        } catch (InputRecord.Invalid changed) {
            // the object was replaced after validation: this line is reported, not silently skipped
            node.put("recordId", Ids.recordId("changed", file.location().key(), line.number()));
            error(node, 400, "The record on line " + line.number() + " " + changed.getMessage() + ".");
            return node;
        }
        RecordProcessor.Outcome outcome = processor.process(record, file.location());
        node.put("recordId", outcome.recordId());
        node.set("modelInput", record.modelInput());
        if (outcome.succeeded()) {
            node.set("modelOutput", outcome.inference().output());
            totals.success++;
            totals.inputTokens += outcome.inference().inputTokens();
            totals.outputTokens += outcome.inference().outputTokens();
        } else {
            error(node, outcome.errorCode(), outcome.errorMessage());
        }
        return node;
    }

    private static void error(ObjectNode node, int code, String message) {
        ObjectNode error = node.putObject("error");
        error.put("errorCode", code);
        error.put("errorMessage", message);
    }

    private static byte[] bytes(ObjectNode node) {
        try {
            return Json.MAPPER.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
