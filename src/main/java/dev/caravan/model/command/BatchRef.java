package dev.caravan.model.command;

import dev.caravan.model.Operation;

/** Retrieve or cancel one batch. */
public record BatchRef(Operation operation, String requestedProvider, String batchId) implements Command {

    @Override
    public String subjectId() {
        return batchId;
    }
}
