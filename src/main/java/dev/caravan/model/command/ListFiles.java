package dev.caravan.model.command;

import dev.caravan.model.Operation;

public record ListFiles(String requestedProvider, String purpose, Integer limit, String order, String after,
                        StorageConfig storage) implements Command {

    @Override
    public Operation operation() {
        return Operation.FILES_LIST;
    }
}
