package dev.caravan.sandbox.gemini;

/** How a batch's requests ended. */
record Tally(long succeeded, long failed) {
}
