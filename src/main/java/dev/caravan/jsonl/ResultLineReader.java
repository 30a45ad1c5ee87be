package dev.caravan.jsonl;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.jsonl.canonical.BatchResult;

/** Reads one line of a provider's batch results into the canonical result. */
public interface ResultLineReader {

    BatchResult read(JsonNode line, int lineNumber);
}
