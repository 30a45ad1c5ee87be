package dev.caravan.model.command;

import dev.caravan.model.Operation;
import dev.caravan.model.Provider;
import dev.caravan.model.job.JobStatus;
import java.time.Instant;

/** ListModelInvocationJobs; null means the caller did not send the parameter. */
public record ListJobs(String requestedProvider, Integer maxResults, String nextToken, JobStatus statusEquals,
                       String nameContains, Instant submitTimeAfter, Instant submitTimeBefore, String sortBy,
                       String sortOrder) implements Command {

    @Override
    public Operation operation() {
        return Operation.JOBS_LIST;
    }

    @Override
    public Provider defaultProvider() {
        return Provider.BEDROCK;
    }
}
