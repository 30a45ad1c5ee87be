package dev.caravan.jsonl;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.jsonl.canonical.BatchRequest;

/** Reads one request line of a provider's format into the canonical request, or fails naming the line. */
public interface RequestLineReader {

    BatchRequest read(JsonNode line, int lineNumber);
}
