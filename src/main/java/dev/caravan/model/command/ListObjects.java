package dev.caravan.model.command;

import dev.caravan.model.Operation;
import dev.caravan.model.object.ObjectAddress;

/** ListObjectsV2 over one bucket; null means the caller did not send the parameter. */
public record ListObjects(String requestedProvider, ObjectAddress address, String prefix, String delimiter,
                          int maxKeys, String continuationToken, String startAfter, boolean fetchOwner)
        implements ObjectCommand {

    @Override
    public Operation operation() {
        return Operation.OBJECTS_LIST;
    }
}
