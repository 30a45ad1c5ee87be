package dev.caravan.sandbox.openai;

/**
 * An instruction to write a batch's result files: the first {@code done} requests ran, the rest were cut off.
 *
 * @param schedule when each request ran, or null if the batch never got to run any
 */
record WriteOrder(Schedule schedule, int done, Cutoff cutoff) {
}
