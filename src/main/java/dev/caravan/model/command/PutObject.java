package dev.caravan.model.command;

import dev.caravan.model.Operation;
import dev.caravan.model.object.ObjectAddress;
import dev.caravan.model.object.ObjectBody;
import dev.caravan.model.object.Preconditions;

/** PutObject: write one object in a single request. */
public record PutObject(String requestedProvider, ObjectAddress address, ObjectBody body, Preconditions preconditions)
        implements ObjectCommand {

    @Override
    public Operation operation() {
        return Operation.OBJECT_PUT;
    }
}
