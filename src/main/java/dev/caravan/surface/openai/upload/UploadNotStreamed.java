package dev.caravan.surface.openai.upload;

/**
 * The upload that was being streamed to OpenAI cannot be finished there as it is (a batch line failed its check, the
 * file is over the limit, or a field after the file part routes it elsewhere): the upstream attempt is aborted and
 * the upload is completed through the spool, which answers the caller exactly as a spooled upload is answered.
 */
public final class UploadNotStreamed extends RuntimeException {

    public UploadNotStreamed(String reason) {
        super(reason, null, false, false);
    }
}
