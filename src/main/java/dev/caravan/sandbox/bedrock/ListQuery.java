package dev.caravan.sandbox.bedrock;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * ListModelInvocationJobs' query parameters (provider-apis.md §6.1), validated.
 *
 * <p>Defaults, UNCONFIRMED in the reference: {@code sortOrder} Descending (newest first, as the console lists jobs
 * and as Bedrock's other job lists document their default) and {@code maxResults} 1000, the most one page may hold, so a
 * caller that does not page sees as much as possible. {@code submitTimeAfter}/{@code Before} are strict bounds, and
 * {@code nameContains} is a case-sensitive substring match.
 */
record ListQuery(JobStatus statusEquals, String nameContains, Instant submitTimeAfter, Instant submitTimeBefore,
                 boolean ascending, int maxResults, String nextToken) {

    static final int DEFAULT_MAX_RESULTS = 1000;
    private static final List<String> SORT_BY = List.of("CreationTime");
    private static final List<String> SORT_ORDERS = List.of("Ascending", "Descending");

    static ListQuery parse(Map<String, String> query) {
        Violations violations = new Violations();
        String status = query.get("statusEquals");
        violations.oneOf(status, "statusEquals", JobStatus.WIRE_NAMES);
        String name = query.get("nameContains");
        violations.string(name, "nameContains", 1, 63, CreateJobParser.JOB_NAME);
        Instant after = time(query.get("submitTimeAfter"));
        Instant before = time(query.get("submitTimeBefore"));
        violations.oneOf(query.get("sortBy"), "sortBy", SORT_BY);
        String order = query.get("sortOrder");
        violations.oneOf(order, "sortOrder", SORT_ORDERS);
        String max = query.get("maxResults");
        Long maxResults = null;
        if (max != null) {
            try {
                maxResults = Long.parseLong(max);
            } catch (NumberFormatException e) {
                throw ServiceError.serialization("Cannot read 'maxResults': expected an integer, found '" + max
                        + "'.");
            }
        }
        violations.range(maxResults, "maxResults", 1, 1000);
        String token = query.get("nextToken");
        violations.string(token, "nextToken", 1, 2048, null);
        violations.throwIfAny();
        return new ListQuery(JobStatus.ofWire(status), name, after, before, "Ascending".equals(order),
                maxResults == null ? DEFAULT_MAX_RESULTS : maxResults.intValue(), token);
    }

    private static Instant time(String text) {
        if (text == null) {
            return null;
        }
        Instant time = Timestamps.parse(text);
        if (time == null) {
            throw ServiceError.serialization("Cannot read the timestamp '" + text + "': expected ISO 8601.");
        }
        return time;
    }

    boolean matches(JobView job) {
        long submit = job.spec().submitMillis();
        return (statusEquals == null || job.status() == statusEquals)
                && (nameContains == null || job.spec().request().jobName().contains(nameContains))
                && (submitTimeAfter == null || submit > submitTimeAfter.toEpochMilli())
                && (submitTimeBefore == null || submit < submitTimeBefore.toEpochMilli());
    }

    /** What a nextToken must have been issued for: the same filters and order. */
    String fingerprint() {
        return statusEquals + "|" + nameContains + "|" + submitTimeAfter + "|" + submitTimeBefore + "|" + ascending;
    }
}
