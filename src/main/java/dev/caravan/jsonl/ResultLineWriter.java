package dev.caravan.jsonl;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.caravan.jsonl.canonical.BatchResult;
import java.io.IOException;

/** Writes one canonical result as a line of a caller's result format: one JSON object, no newline. */
public interface ResultLineWriter {

    void write(BatchResult result, JsonGenerator out) throws IOException;
}
