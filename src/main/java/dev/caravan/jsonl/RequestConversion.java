package dev.caravan.jsonl;

import dev.caravan.jsonl.canonical.BatchRequest;
import dev.caravan.model.GatewayError;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.BiFunction;

/**
 * Converts a batch request file, in whatever supported line format it is written (detected from its first line), to
 * the target format, as a stream read on demand. Every line is checked on the way (format, ids, limits, and whatever
 * the reader and writer refuse), so a converted file is complete or the read fails naming the first bad line. A file
 * already in the target format is passed through byte for byte after the same checks.
 */
public final class RequestConversion {

    private final BiFunction<LineFormat, ConversionSettings, RequestLineReader> readers;
    private final BiFunction<LineFormat, ConversionSettings, RequestLineWriter> writers;

    public RequestConversion(BiFunction<LineFormat, ConversionSettings, RequestLineReader> readers,
                             BiFunction<LineFormat, ConversionSettings, RequestLineWriter> writers) {
        this.readers = readers;
        this.writers = writers;
    }

    public ConvertedLines convert(InputStream source, LineFormat target, ConversionSettings settings) {
        BatchLines lines = new BatchLines(source, settings.maxRequests());
        RequestLineWriter writer = writers.apply(target, settings);
        return new ConvertedLines(new ConvertedLines.Producer() {
            private RequestLineReader reader;

            @Override
            public boolean next(ConvertedLines.LineSink sink) throws IOException {
                BatchLines.Source line = lines.next();
                if (line == null) {
                    if (lines.format() == null) {
                        throw GatewayError.invalid("file", "The batch input file has no requests.");
                    }
                    return false;
                }
                if (line.format() == target) {
                    sink.raw(line.line().bytes(), line.line().offset(), line.line().length());
                    sink.end();
                    return true;
                }
                if (reader == null) {
                    reader = readers.apply(line.format(), settings);
                }
                BatchRequest request = reader.read(line.json(), line.number());
                writer.write(request, sink.json());
                ConvertedBytes.REQUESTS.add(sink.end());
                return true;
            }
        }, lines);
    }
}
