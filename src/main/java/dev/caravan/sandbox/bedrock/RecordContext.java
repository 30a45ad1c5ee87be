package dev.caravan.sandbox.bedrock;

/** What an engine knows besides the body: which job and record (for stable response ids) and which model. */
record RecordContext(String jobId, String recordId, ResolvedModel model) {
}
