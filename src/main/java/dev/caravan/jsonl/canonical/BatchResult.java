package dev.caravan.jsonl.canonical;

/**
 * One request's outcome in its canonical form: an OpenAI batch output line's meaning (provider-apis.md §2.5).
 * Exactly one of {@code body} and {@code error} is set. {@code requestId} is the provider's id for the call when it
 * gave one.
 */
public record BatchResult(String id, String requestId, ResultBody body, ResultError error) {

    public boolean succeeded() {
        return body != null;
    }

    public static BatchResult success(String id, String requestId, ResultBody body) {
        return new BatchResult(id, requestId, body, null);
    }

    public static BatchResult failure(String id, String requestId, ResultError error) {
        return new BatchResult(id, requestId, null, error);
    }
}
