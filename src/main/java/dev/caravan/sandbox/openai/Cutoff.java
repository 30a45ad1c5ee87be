package dev.caravan.sandbox.openai;

/** Why some requests of a batch never ran; the {@code error} their result lines carry (provider-apis.md §2.5). */
enum Cutoff {
    NONE(null, null),
    CANCELLED("batch_cancelled", "This request could not be executed before the batch was cancelled."),
    EXPIRED("batch_expired", "This request could not be executed before the completion window expired.");

    private final String code;
    private final String message;

    Cutoff(String code, String message) {
        this.code = code;
        this.message = message;
    }

    String code() {
        return code;
    }

    String message() {
        return message;
    }
}
