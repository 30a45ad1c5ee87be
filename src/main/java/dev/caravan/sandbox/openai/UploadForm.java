package dev.caravan.sandbox.openai;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.FileUpload;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A validated {@code POST /v1/files} form (provider-apis.md §1.1). Parts may come in any order (the Python SDK sends
 * {@code purpose} first, Node sends {@code file} first). Strict like the real API: unknown fields are refused.
 *
 * @param file the upload, already streamed to disk by vertx-web's BodyHandler
 */
record UploadForm(FileUpload file, String purpose, Long expiresAfterSeconds) {

    private static final String ANCHOR = "expires_after[anchor]";
    private static final String SECONDS = "expires_after[seconds]";
    private static final Set<String> FIELDS = Set.of("file", "purpose", ANCHOR, SECONDS);

    static UploadForm parse(List<FileUpload> uploads, MultiMap attributes) {
        for (FileUpload upload : uploads) {
            if (!"file".equals(upload.name())) {
                throw ApiError.unrecognizedArgument(upload.name());
            }
        }
        for (String name : attributes.names()) {
            if (!FIELDS.contains(name)) {
                throw ApiError.unrecognizedArgument(name);
            }
        }
        String purpose = attributes.get("purpose");
        if (purpose == null || purpose.isEmpty()) {
            throw ApiError.missingParameter("purpose");
        }
        if (!FileLimits.UPLOAD_PURPOSES.contains(purpose)) {
            throw ApiError.badRequest("Invalid value: '" + purpose + "'. Supported values are: 'assistants', 'batch', "
                    + "'fine-tune', 'vision', 'user_data', and 'evals'.", "purpose", "invalid_value");
        }
        if (uploads.isEmpty()) {
            if (attributes.contains("file")) {
                // A part named "file" without a filename arrives as a plain field, not as file content.
                throw ApiError.badRequest("Invalid 'file': expected a file upload (a part with a filename), but got "
                        + "a plain form field.", "file", "invalid_type");
            }
            throw ApiError.missingParameter("file");
        }
        if (uploads.size() > 1) {
            throw ApiError.badRequest("Expected one 'file' part, but got " + uploads.size() + ".", "file", null);
        }
        FileUpload file = uploads.get(0);
        if (file.size() > FileLimits.MAX_UPLOAD_BYTES) {
            throw new ApiError(413, OpenAiError.invalidRequest("File is too large (" + file.size() + " bytes). Files "
                    + "may be at most " + FileLimits.MAX_UPLOAD_BYTES + " bytes (512 MB).", "file", "file_too_large"));
        }
        // The real API's wording for this refusal, as remembered.
        if ("batch".equals(purpose) && !file.fileName().toLowerCase(Locale.ROOT).endsWith(".jsonl")) {
            throw ApiError.badRequest("Invalid file format for Batch API. Must be .jsonl", "file", "invalid_file_format");
        }
        return new UploadForm(file, purpose, expiresAfter(attributes));
    }

    private static Long expiresAfter(MultiMap attributes) {
        String anchor = attributes.get(ANCHOR);
        String seconds = attributes.get(SECONDS);
        if (anchor == null && seconds == null) {
            return null;
        }
        if (anchor == null) {
            throw ApiError.missingParameter(ANCHOR);
        }
        if (seconds == null) {
            throw ApiError.missingParameter(SECONDS);
        }
        if (!"created_at".equals(anchor)) {
            throw ApiError.badRequest("Invalid value: '" + anchor + "'. Supported values are: 'created_at'.", ANCHOR,
                    "invalid_value");
        }
        Long value;
        try {
            value = Long.parseLong(seconds.trim());
        } catch (NumberFormatException e) {
            value = null;
        }
        return ExpiryRange.check(value, seconds, SECONDS);
    }
}
