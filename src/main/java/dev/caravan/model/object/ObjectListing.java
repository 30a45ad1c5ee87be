package dev.caravan.model.object;

import java.time.Instant;
import java.util.List;

/** One page of ListObjectsV2. Keys are raw here; encoding them for the wire is the surface's business. */
public record ObjectListing(List<Entry> contents, List<String> commonPrefixes, boolean truncated,
                            String nextContinuationToken) {

    public record Entry(String key, Instant lastModified, String etag, long size, String storageClass) {
    }

    public int keyCount() {
        return contents.size() + commonPrefixes.size();
    }
}
