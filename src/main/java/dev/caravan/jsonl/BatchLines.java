package dev.caravan.jsonl;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * The request lines of one batch file, checked as they stream by (DESIGN §4): the format is set by the first
 * non-blank line and every later line must match it, each line has a non-empty id, ids are unique, and the file
 * holds no more requests than allowed. Memory grows only with the ids seen, which the request limit bounds.
 */
public final class BatchLines implements Closeable {

    private final JsonlLines lines;
    private final int maxRequests;
    private final Map<String, Integer> firstSeen = new HashMap<>();
    private LineFormat format;
    private int formatLine;

    /** A checked line: its format (the file's) and its request id. */
    public record Source(JsonlLines.Line line, LineFormat format, String id) {

        public JsonNode json() {
            return line.json();
        }

        public int number() {
            return line.number();
        }
    }

    public BatchLines(InputStream in, int maxRequests) {
        this(new JsonlLines(in), maxRequests);
    }

    public BatchLines(JsonlLines lines, int maxRequests) {
        this.lines = lines;
        this.maxRequests = maxRequests;
    }

    /** The next request line, or null at the end of the file. */
    public Source next() {
        JsonlLines.Line line = lines.next();
        if (line == null) {
            return null;
        }
        JsonNode json = line.json();
        if (format == null) {
            format = LineFormat.detect(json).orElseThrow(() -> LineError.at(line.number(),
                    "unrecognised batch line; expected one of: " + LineFormat.allDescriptions()));
            formatLine = line.number();
        } else if (!format.matches(json)) {
            throw LineError.at(line.number(), "expected the file's line format, " + format.description()
                    + " (set by line " + formatLine + ")");
        }
        JsonNode idNode = format.idNode(json);
        if (idNode == null || !idNode.isTextual() || idNode.asText().isEmpty()) {
            throw LineError.at(line.number(), format.idField() + " must be a non-empty string");
        }
        String id = idNode.asText();
        Integer previous = firstSeen.putIfAbsent(id, line.number());
        if (previous != null) {
            throw LineError.at(line.number(), format.idField() + " \"" + id + "\" is not unique (first on line "
                    + previous + ")");
        }
        if (firstSeen.size() > maxRequests) {
            throw LineError.at(line.number(), "the file has more than " + maxRequests + " requests, the limit");
        }
        return new Source(line, format, id);
    }

    /** The file's format, once a line has been read; null for a file with no request yet. */
    public LineFormat format() {
        return format;
    }

    public int requestCount() {
        return firstSeen.size();
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
