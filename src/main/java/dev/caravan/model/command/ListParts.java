package dev.caravan.model.command;

import dev.caravan.model.Operation;
import dev.caravan.model.object.ObjectAddress;

/** ListParts of a multipart upload in progress. */
public record ListParts(String requestedProvider, ObjectAddress address, String uploadId, int maxParts,
                        int partNumberMarker) implements ObjectCommand {

    @Override
    public Operation operation() {
        return Operation.PARTS_LIST;
    }
}
