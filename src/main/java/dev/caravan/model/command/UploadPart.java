package dev.caravan.model.command;

import dev.caravan.model.Operation;
import dev.caravan.model.object.ObjectAddress;
import dev.caravan.model.object.ObjectBody;

/** UploadPart: one numbered part (1..10,000) of a multipart upload. */
public record UploadPart(String requestedProvider, ObjectAddress address, String uploadId, int partNumber,
                         ObjectBody body) implements ObjectCommand {

    @Override
    public Operation operation() {
        return Operation.PART_UPLOAD;
    }
}
