package dev.caravan.model.command;

import dev.caravan.model.CaravanIds;
import dev.caravan.model.Operation;
import dev.caravan.model.Provider;
import dev.caravan.model.job.JobRequest;

/** CreateModelInvocationJob on the bedrock surface. */
public record CreateJob(String requestedProvider, JobRequest request) implements Command {

    /** An input {@code s3://<any>/<file id>} of a file Caravan wrapped names its provider when the caller named none. */
    @Override
    public String subjectId() {
        String uri = request.input() == null ? null : request.input().s3Uri();
        return uri == null ? null : CaravanIds.firstWrapped(uri.substring(uri.lastIndexOf('/') + 1));
    }

    @Override
    public Operation operation() {
        return Operation.JOBS_CREATE;
    }

    @Override
    public Provider defaultProvider() {
        return Provider.BEDROCK;
    }
}
