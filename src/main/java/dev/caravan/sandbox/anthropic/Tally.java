package dev.caravan.sandbox.anthropic;

/** How a batch's processed requests came out, as counted while its results were written. */
record Tally(int succeeded, int errored) {
}
