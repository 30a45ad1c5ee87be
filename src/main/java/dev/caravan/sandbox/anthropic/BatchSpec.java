package dev.caravan.sandbox.anthropic;

import java.nio.file.Path;

/**
 * What a batch is from its creation on.
 *
 * @param sequence  creation order, which breaks ties between batches created in the same millisecond
 * @param requests  the batch's requests, one JSON line each, in the order given (deleted once the results exist)
 * @param results   where its results file goes
 */
record BatchSpec(String id, long createdAt, long expiresAt, int total, long sequence, Path requests, Path results) {

    /** Where the batch stands in the list: newer batches sort later. */
    SortKey sortKey() {
        return new SortKey(createdAt, sequence);
    }

    long archivesAt() {
        return createdAt + BatchLimits.RETENTION.toMillis();
    }
}
