package dev.caravan.model.command;

import dev.caravan.model.CaravanIds;
import dev.caravan.model.Operation;
import dev.caravan.model.object.ByteRange;
import dev.caravan.model.object.ObjectAddress;
import dev.caravan.model.object.Preconditions;

/**
 * GetObject, or HeadObject when {@code metadataOnly}. {@code range} is null for the whole object;
 * {@code checksumMode} is the caller's {@code x-amz-checksum-mode: ENABLED}.
 */
public record GetObject(String requestedProvider, ObjectAddress address, boolean metadataOnly, ByteRange range,
                        Preconditions preconditions, boolean checksumMode) implements ObjectCommand {

    /** A file id Caravan wrapped, as If-Match or key, names its provider when the caller named none. */
    @Override
    public String subjectId() {
        return CaravanIds.firstWrapped(preconditions.ifMatch(), address.key());
    }

    @Override
    public Operation operation() {
        return metadataOnly ? Operation.OBJECT_HEAD : Operation.OBJECT_GET;
    }
}
