package dev.caravan.model.command;

import dev.caravan.model.Operation;
import dev.caravan.model.object.ObjectAddress;
import dev.caravan.model.object.Preconditions;

/** DeleteObject, conditional when the caller sent {@code If-Match}. */
public record DeleteObject(String requestedProvider, ObjectAddress address, Preconditions preconditions)
        implements ObjectCommand {

    @Override
    public Operation operation() {
        return Operation.OBJECT_DELETE;
    }
}
