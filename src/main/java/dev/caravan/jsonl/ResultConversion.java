package dev.caravan.jsonl;

import dev.caravan.jsonl.canonical.BatchResult;
import java.io.InputStream;

/**
 * Converts a provider's batch results to the caller's result format, as a stream read on demand, keeping the
 * selected results only. Lines keep the provider's order: every format matches results to requests by id.
 */
public final class ResultConversion {

    private ResultConversion() {
    }

    public static ConvertedLines convert(InputStream source, ResultLineReader reader, ResultLineWriter writer,
                                      ResultSelection selection) {
        JsonlLines lines = new JsonlLines(source);
        return new ConvertedLines(sink -> {
            JsonlLines.Line line;
            while ((line = lines.next()) != null) {
                BatchResult result = reader.read(line.json(), line.number());
                if (selection.keeps(result)) {
                    writer.write(result, sink.json());
                    ConvertedBytes.RESULTS.add(sink.end());
                    return true;
                }
            }
            return false;
        }, lines);
    }
}
