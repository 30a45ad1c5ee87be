package dev.caravan.sandbox.gemini;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;

/**
 * What a batch was created with.
 *
 * @param model       the model id (after {@code models/})
 * @param inputConfig the input config as the batch resource echoes it
 * @param requests    the batch's own copy of its input lines (a link to the input file's bytes, or the inline
 *                    requests written one per line)
 * @param inline      whether the requests came inline (and so the responses go inline)
 * @param total       the number of requests
 * @param sequence    creation order, the list's sort key and page cursor
 */
record BatchSpec(String id, String model, String displayName, ObjectNode inputConfig, long priority,
                 long createMillis, Path requests, boolean inline, long total, long sequence) {

    String name() {
        return "batches/" + id;
    }

    /** The results file's id: {@code files/batch-{id}} as real result files are named (provider-apis.md §4.4). */
    String resultsFileId() {
        return "batch-" + id;
    }
}
