package dev.caravan.model.command;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.model.Operation;
import java.util.Map;

/**
 * A batch to create. {@code extra} holds every other field the caller sent (e.g. {@code model},
 * {@code output_s3_uri}, {@code requests}, {@code output_expires_after}); each provider decides what it understands.
 */
public record CreateBatch(String requestedProvider, String inputFileId, String endpoint, String completionWindow,
                          Map<String, String> metadata, ObjectNode extra) implements Command {

    @Override
    public Operation operation() {
        return Operation.BATCHES_CREATE;
    }

    @Override
    public String subjectId() {
        return inputFileId == null || inputFileId.isEmpty() ? null : inputFileId;
    }
}
