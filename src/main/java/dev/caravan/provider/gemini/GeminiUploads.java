package dev.caravan.provider.gemini;

import dev.caravan.jsonl.ConvertedLines;
import dev.caravan.jsonl.JsonlLines;
import dev.caravan.jsonl.LineFormat;
import dev.caravan.model.ErrorKind;
import dev.caravan.model.GatewayError;
import dev.caravan.model.command.StorageConfig;
import dev.caravan.model.command.UploadFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.apache.camel.Exchange;

/**
 * Prepares a batch input file for Gemini's Files API. The resumable upload declares the file's size when the session
 * starts, and the size that matters is the converted one; so the file is converted twice, never held: a first pass
 * checks every line and counts the Gemini bytes ({@link #plan}), before anything reaches Gemini, and a second pass
 * produces the same bytes again as they are sent ({@link #lines}). Conversion is deterministic, so the two agree.
 */
public class GeminiUploads {

    /** The exchange property holding the {@link UploadPlan} while the upload runs. */
    static final String PLAN = "caravanGeminiUploadPlan";
    /** Gemini's limit for a display name. */
    static final int MAX_DISPLAY_NAME = 512;

    private final GeminiSettings settings;

    public GeminiUploads(GeminiSettings settings) {
        this.settings = settings;
    }

    public UploadPlan plan(UploadFile upload, Exchange exchange) throws IOException {
        if (!GeminiFileMapping.PURPOSE.equals(upload.purpose())) {
            throw GatewayError.invalid("purpose", "Provider 'gemini' keeps batch input files only: purpose must be "
                    + "'batch', not '" + upload.purpose() + "'.");
        }
        if (!upload.fields().isEmpty()) {
            String field = upload.fields().keySet().iterator().next();
            throw GatewayError.invalid(field, "Provider 'gemini' does not support '" + field + "': Gemini deletes "
                    + "files 48 hours after upload.");
        }
        if (!StorageConfig.NONE.equals(upload.storage())) {
            throw GatewayError.invalid("storage_config", "Provider 'gemini' keeps its files in Gemini's Files API; "
                    + "storage_config is for provider 'bedrock'.");
        }
        String displayName = upload.filename() == null || upload.filename().isBlank() ? "batch.jsonl"
                : upload.filename();
        if (displayName.length() > MAX_DISPLAY_NAME) {
            throw GatewayError.invalid("file", "The filename is longer than " + MAX_DISPLAY_NAME + " characters, "
                    + "Gemini's limit for a file's display name.");
        }
        LineModels models = new LineModels();
        long bytes = 0;
        try (ConvertedLines lines = lines(upload, models)) {
            byte[] buffer = new byte[64 * 1024];
            for (int read = lines.read(buffer); read != -1; read = lines.read(buffer)) {
                bytes += read;
            }
        }
        if (bytes > settings.maxBytes()) {
            throw new GatewayError(ErrorKind.TOO_LARGE, 413, "The batch input file is " + bytes + " bytes as Gemini "
                    + "lines; Gemini's limit is " + settings.maxBytes() + " bytes.", "file", "file_too_large", null);
        }
        UploadPlan plan = new UploadPlan(upload, displayName, sourceFormat(upload), models.model(), bytes);
        exchange.setProperty(PLAN, plan);
        return plan;
    }

    /** The file's Gemini lines, produced as they are read (the caller closes them). */
    ConvertedLines lines(UploadFile upload, LineModels models) throws IOException {
        return GeminiLines.convert(Files.newInputStream(upload.content()), settings.maxRequests(), models);
    }

    /** The format of the file's first request line; the conversion has checked that every line has it. */
    private static LineFormat sourceFormat(UploadFile upload) {
        try (InputStream in = Files.newInputStream(upload.content()); JsonlLines lines = new JsonlLines(in)) {
            JsonlLines.Line first = lines.next();
            return LineFormat.detect(first.json()).orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
