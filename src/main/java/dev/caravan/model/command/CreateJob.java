package dev.caravan.model.command;

import dev.caravan.model.Operation;
import dev.caravan.model.Provider;
import dev.caravan.model.job.JobRequest;

/** CreateModelInvocationJob on the bedrock surface. */
public record CreateJob(String requestedProvider, JobRequest request) implements Command {

    @Override
    public Operation operation() {
        return Operation.JOBS_CREATE;
    }

    @Override
    public Provider defaultProvider() {
        return Provider.BEDROCK;
    }
}
