package dev.caravan.model.command;

import dev.caravan.model.Operation;
import dev.caravan.model.object.ObjectAddress;
import java.util.Map;

/** CreateMultipartUpload: what the finished object will carry (content type, metadata, checksum algorithm). */
public record CreateMultipartUpload(String requestedProvider, ObjectAddress address, String contentType,
                                    Map<String, String> metadata, String checksumAlgorithm) implements ObjectCommand {

    @Override
    public Operation operation() {
        return Operation.MULTIPART_CREATE;
    }
}
