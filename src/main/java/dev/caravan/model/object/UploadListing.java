package dev.caravan.model.object;

import java.time.Instant;
import java.util.List;

/** One page of ListMultipartUploads. */
public record UploadListing(List<Upload> uploads, boolean truncated, String nextKeyMarker,
                            String nextUploadIdMarker) {

    public record Upload(String key, String uploadId, Instant initiated) {
    }
}
