package dev.caravan.jsonl;

import dev.caravan.model.ErrorKind;
import dev.caravan.model.GatewayError;
import dev.caravan.model.command.UploadFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/**
 * Checks a batch input file before anything is stored upstream (DESIGN §4): one streaming pass, line-numbered
 * errors, one line format throughout, unique request ids, and the size / request-count limits.
 */
public class BatchInputValidator {

    private static final String PARAM = "file";

    private final long maxBytes;
    private final int maxRequests;

    public BatchInputValidator(long maxBytes, int maxRequests) {
        this.maxBytes = maxBytes;
        this.maxRequests = maxRequests;
    }

    public void validate(UploadFile upload) {
        if (tooLarge(upload.bytes())) {
            throw new GatewayError(ErrorKind.TOO_LARGE, 413, "Batch input file is " + upload.bytes()
                    + " bytes; the limit is " + maxBytes + " bytes.", PARAM, "file_too_large", null);
        }
        try (InputStream in = Files.newInputStream(upload.content())) {
            validateLines(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether a file of this many bytes is over the size limit (checked before any line is read). */
    public boolean tooLarge(long bytes) {
        return bytes > maxBytes;
    }

    /** The line checks alone, on a file that may still be arriving (the caller checks its size). */
    public void validateLines(InputStream in) throws IOException {
        // checked, not converted: lines are read only as deep as the checks look
        try (BatchLines lines = new BatchLines(JsonlLines.shallow(in), maxRequests)) {
            while (lines.next() != null) {
                // each line is checked as it is read
            }
            if (lines.format() == null) {
                throw GatewayError.invalid(PARAM, "The batch input file has no requests.");
            }
        }
    }
}
