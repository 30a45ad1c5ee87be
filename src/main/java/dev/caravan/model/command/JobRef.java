package dev.caravan.model.command;

import dev.caravan.model.Operation;

/** Get or stop one model invocation job; {@code jobIdentifier} is the job ARN or its 12-character id, decoded. */
public record JobRef(Operation operation, String requestedProvider, String jobIdentifier) implements Command {
}
