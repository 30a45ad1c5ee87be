package dev.caravan.model.command;

import dev.caravan.model.Operation;
import dev.caravan.model.object.ObjectAddress;

/** AbortMultipartUpload: drop the upload and every part stored so far. */
public record AbortMultipartUpload(String requestedProvider, ObjectAddress address, String uploadId)
        implements ObjectCommand {

    @Override
    public Operation operation() {
        return Operation.MULTIPART_ABORT;
    }
}
