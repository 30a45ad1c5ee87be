package dev.caravan.sandbox.bedrock;

/** Slow work a job's lifecycle orders, run on a worker thread: reading the input, or writing the first n results. */
sealed interface Work {

    record Validate() implements Work {
    }

    record WriteResults(InputPlan plan, int done) implements Work {
    }
}
