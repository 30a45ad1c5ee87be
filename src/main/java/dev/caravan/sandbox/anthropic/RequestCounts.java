package dev.caravan.sandbox.anthropic;

/**
 * A MessageBatch's {@code request_counts}. Until the batch ends every request counts as {@code processing} and the
 * other four are 0 (provider-apis.md §3.3); once it has ended {@code processing} is 0 and the four sum to the total.
 */
record RequestCounts(int processing, int succeeded, int errored, int canceled, int expired) {

    static RequestCounts processing(int total) {
        return new RequestCounts(total, 0, 0, 0, 0);
    }

    int total() {
        return processing + succeeded + errored + canceled + expired;
    }
}
