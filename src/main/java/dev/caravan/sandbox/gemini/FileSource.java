package dev.caravan.sandbox.gemini;

/** Where a file came from (file.proto {@code File.Source}): uploaded by a client, or written by the API. */
enum FileSource {
    UPLOADED,
    /** Batch results; only these can be downloaded (provider-apis.md §4.3). */
    GENERATED
}
