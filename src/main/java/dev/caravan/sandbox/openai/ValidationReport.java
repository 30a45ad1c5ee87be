package dev.caravan.sandbox.openai;

import java.util.List;

/** The outcome of validating a batch's input file: either errors, or the plan of the run. */
record ValidationReport(List<BatchLineError> errors, RequestPlan plan) {

    static ValidationReport failed(List<BatchLineError> errors) {
        return new ValidationReport(List.copyOf(errors), null);
    }

    static ValidationReport passed(RequestPlan plan) {
        return new ValidationReport(List.of(), plan);
    }

    boolean ok() {
        return errors.isEmpty();
    }
}
