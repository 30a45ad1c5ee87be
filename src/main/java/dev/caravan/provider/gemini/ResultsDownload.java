package dev.caravan.provider.gemini;

import dev.caravan.jsonl.ConvertedLines;

/** A results file on its way: where it comes from, and its OpenAI output lines as they convert. */
record ResultsDownload(ResultsLocation location, ConvertedLines lines) {
}
