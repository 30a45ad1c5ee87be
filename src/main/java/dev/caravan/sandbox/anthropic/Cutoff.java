package dev.caravan.sandbox.anthropic;

/** What happens to the requests a batch never processed: none (all ran), canceled by a cancel, or expired. */
enum Cutoff {
    NONE(null), CANCELED("canceled"), EXPIRED("expired");

    private final String resultType;

    Cutoff(String resultType) {
        this.resultType = resultType;
    }

    /** The {@code result.type} of a request cut off this way. */
    String resultType() {
        return resultType;
    }
}
