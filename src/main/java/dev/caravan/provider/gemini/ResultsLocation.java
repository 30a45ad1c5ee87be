package dev.caravan.provider.gemini;

/**
 * Where an ended batch's responses are, and what a results file says about itself.
 *
 * @param responsesFile the Gemini file holding the batch's responses, {@code files/…}
 * @param endedAt       unix seconds
 * @param model         the batch's model, for responses that do not name theirs
 */
record ResultsLocation(GeminiFileId.Results file, String responsesFile, long endedAt, String model) {
}
