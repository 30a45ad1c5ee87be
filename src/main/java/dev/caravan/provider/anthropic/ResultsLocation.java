package dev.caravan.provider.anthropic;

import java.net.URI;

/**
 * Where an ended batch's results are, and what a results file says about itself.
 *
 * @param endedAt unix seconds
 */
record ResultsLocation(String batchId, URI url, long endedAt) {
}
