package dev.caravan.sandbox.bedrock;

import java.util.List;

/** One page of ListModelInvocationJobs: the summaries and the token of the next page, or null on the last. */
record ListPage(List<JobView> jobs, String nextToken) {
}
