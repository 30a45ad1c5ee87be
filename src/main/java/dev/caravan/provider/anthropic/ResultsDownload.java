package dev.caravan.provider.anthropic;

import dev.caravan.jsonl.ConvertedLines;

/** A results file on its way: which file, where its batch's results are, and its lines as they convert. */
record ResultsDownload(AnthropicFileId.Results file, ResultsLocation location, ConvertedLines lines) {
}
