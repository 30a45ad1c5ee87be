package dev.caravan.sandbox.openai;

/** The result files of a batch; an id is null when that file would have been empty and so was not created. */
record WrittenFiles(String outputFileId, String errorFileId) {
}
