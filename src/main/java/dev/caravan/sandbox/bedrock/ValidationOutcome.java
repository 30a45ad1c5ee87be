package dev.caravan.sandbox.bedrock;

/** What Validating found: the input plan, or the reason the job fails (its {@code message}). */
record ValidationOutcome(InputPlan plan, String failure) {

    static ValidationOutcome ok(InputPlan plan) {
        return new ValidationOutcome(plan, null);
    }

    static ValidationOutcome failed(String message) {
        return new ValidationOutcome(null, message);
    }

    boolean failed() {
        return failure != null;
    }
}
