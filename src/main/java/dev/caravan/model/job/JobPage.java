package dev.caravan.model.job;

import java.util.List;

/** One page of ListModelInvocationJobs; {@code nextToken} is null on the last page. */
public record JobPage(List<InvocationJob> jobs, String nextToken) {
}
