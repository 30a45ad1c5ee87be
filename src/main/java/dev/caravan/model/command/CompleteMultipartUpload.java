package dev.caravan.model.command;

import dev.caravan.model.Operation;
import dev.caravan.model.object.ObjectAddress;
import dev.caravan.model.object.Preconditions;
import java.util.List;
import java.util.Map;

/** CompleteMultipartUpload: the parts, in order, that make the object. */
public record CompleteMultipartUpload(String requestedProvider, ObjectAddress address, String uploadId,
                                      List<Part> parts, Preconditions preconditions) implements ObjectCommand {

    /** A part as the caller lists it: its number, the ETag UploadPart returned, and any checksums it sent. */
    public record Part(int partNumber, String etag, Map<String, String> checksums) {
    }

    @Override
    public Operation operation() {
        return Operation.MULTIPART_COMPLETE;
    }
}
