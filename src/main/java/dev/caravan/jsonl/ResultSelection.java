package dev.caravan.jsonl;

import dev.caravan.jsonl.canonical.BatchResult;

/**
 * Which results a converted file holds: OpenAI splits them into an output file (requests that succeeded) and an
 * error file (the rest); Bedrock's {@code .out} file holds both.
 */
public enum ResultSelection {
    ALL, SUCCEEDED, FAILED;

    boolean keeps(BatchResult result) {
        return this == ALL || (this == SUCCEEDED) == result.succeeded();
    }
}
