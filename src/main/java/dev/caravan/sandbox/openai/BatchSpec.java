package dev.caravan.sandbox.openai;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a batch was created with; never changes.
 *
 * @param input                     the batch's own link to the input file's bytes, so deleting the File object
 *                                  mid-run does not pull the data from under the run
 * @param outputExpiresAfterSeconds {@code output_expires_after.seconds}, applied to the output and error files
 */
record BatchSpec(String id, BatchEndpoint endpoint, String inputFileId, String completionWindow,
        Map<String, String> metadata, long createdAtMillis, long expiresAtMillis, long sequence, Path input,
        Long outputExpiresAfterSeconds) {

    SortKey sortKey() {
        return new SortKey(createdAtMillis / 1000, sequence);
    }
}
