package dev.caravan.model.object;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One page of ListParts. */
public record PartListing(List<Part> parts, boolean truncated, int nextPartNumberMarker) {

    public record Part(int partNumber, Instant lastModified, String etag, long size, Map<String, String> checksums) {
    }
}
