package dev.caravan.sandbox.openai;

import java.util.List;

/** The Files and Batch API limits the real service enforces (provider-apis.md §1.1, §1.3, §2.1). */
final class FileLimits {

    /** "512 MB per file": read as MiB, the larger reading, so nothing the real API takes is refused here. */
    static final long MAX_UPLOAD_BYTES = 512L * 1024 * 1024;
    /** Batch input: 200 MB. Accepted at upload, refused when the batch validates it. */
    static final long MAX_BATCH_INPUT_BYTES = 209_715_200L;
    static final int MAX_BATCH_REQUESTS = 50_000;
    /** /v1/embeddings batches: at most 50 000 inputs across all requests. */
    static final int MAX_EMBEDDING_INPUTS = 50_000;
    static final long MIN_EXPIRES_AFTER_SECONDS = 3_600;
    static final long MAX_EXPIRES_AFTER_SECONDS = 2_592_000;
    /** Batch input files expire 30 days after upload unless told otherwise. */
    static final long BATCH_FILE_TTL_SECONDS = 30L * 24 * 3600;
    static final List<String> UPLOAD_PURPOSES = List.of("assistants", "batch", "fine-tune", "vision", "user_data", "evals");

    private FileLimits() {
    }
}
