package dev.caravan.sandbox.openai;

/**
 * One entry of a batch's {@code errors.data}: why the input file was refused.
 *
 * @param line 1-based line of the input file, or null for file-level problems
 */
record BatchLineError(String code, String message, String param, Integer line) {
}
