package dev.caravan.sandbox.anthropic;

/**
 * The results to write for a batch: its first {@code processed} requests ran; the others are reported as
 * {@code cutoff} says (canceled or expired).
 */
record WriteOrder(int processed, Cutoff cutoff) {
}
