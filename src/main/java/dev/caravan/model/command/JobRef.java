package dev.caravan.model.command;

import dev.caravan.model.Operation;
import dev.caravan.model.Provider;

/** Get or stop one model invocation job; {@code jobIdentifier} is the job ARN or its 12-character id, decoded. */
public record JobRef(Operation operation, String requestedProvider, String jobIdentifier) implements Command {

    /** The ARN names the provider of a job Caravan made for another provider (DESIGN §3). */
    @Override
    public String subjectId() {
        return jobIdentifier;
    }

    @Override
    public Provider defaultProvider() {
        return Provider.BEDROCK;
    }
}
