package dev.caravan.model.command;

import dev.caravan.model.Operation;

/** {@code model} is the optional model filter some providers need (Bedrock's list is per model). */
public record ListBatches(String requestedProvider, String after, Integer limit, String model) implements Command {

    @Override
    public Operation operation() {
        return Operation.BATCHES_LIST;
    }
}
