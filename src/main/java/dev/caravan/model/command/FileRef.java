package dev.caravan.model.command;

import dev.caravan.model.Operation;

/** Retrieve, delete or download one file. */
public record FileRef(Operation operation, String requestedProvider, String fileId, StorageConfig storage)
        implements Command {

    @Override
    public String subjectId() {
        return fileId;
    }
}
