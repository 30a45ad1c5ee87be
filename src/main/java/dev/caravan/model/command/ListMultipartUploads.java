package dev.caravan.model.command;

import dev.caravan.model.Operation;
import dev.caravan.model.object.ObjectAddress;

/** ListMultipartUploads: the uploads of a bucket that were started and neither completed nor aborted. */
public record ListMultipartUploads(String requestedProvider, ObjectAddress address, String prefix, String keyMarker,
                                   String uploadIdMarker, int maxUploads) implements ObjectCommand {

    @Override
    public Operation operation() {
        return Operation.UPLOADS_LIST;
    }
}
