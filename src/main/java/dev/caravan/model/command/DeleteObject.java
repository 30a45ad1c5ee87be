package dev.caravan.model.command;

import dev.caravan.model.CaravanIds;
import dev.caravan.model.Operation;
import dev.caravan.model.object.ObjectAddress;
import dev.caravan.model.object.Preconditions;

/** DeleteObject, conditional when the caller sent {@code If-Match}. */
public record DeleteObject(String requestedProvider, ObjectAddress address, Preconditions preconditions)
        implements ObjectCommand {

    /** A file id Caravan wrapped, as If-Match or key, names its provider when the caller named none. */
    @Override
    public String subjectId() {
        return CaravanIds.firstWrapped(preconditions.ifMatch(), address.key());
    }

    @Override
    public Operation operation() {
        return Operation.OBJECT_DELETE;
    }
}
