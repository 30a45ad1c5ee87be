package dev.caravan.model.command;

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

    @Override
    public Operation operation() {
        return metadataOnly ? Operation.OBJECT_HEAD : Operation.OBJECT_GET;
    }
}
