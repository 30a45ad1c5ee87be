package dev.caravan.provider.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.jsonl.ConversionSettings;
import dev.caravan.jsonl.ConvertedLines;
import dev.caravan.jsonl.LineError;
import dev.caravan.jsonl.LineFormat;
import dev.caravan.jsonl.RequestConversion;
import dev.caravan.jsonl.RequestFormats;
import dev.caravan.jsonl.RequestLineReader;
import dev.caravan.jsonl.canonical.BatchRequest;
import dev.caravan.model.ErrorKind;
import dev.caravan.model.GatewayError;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Turns an uploaded batch file (already spooled to disk) into the Bedrock batch lines {@code {recordId, modelInput}}
 * a job reads (DESIGN §4), streaming into a temporary file next to the upload: one line in memory at a time, every
 * line checked on the way (format, ids, limits; the surface leaves that to this one pass), and nothing reaches S3
 * unless every line converted.
 *
 * <p>The modelInput is the InvokeModel body of each line's model family; when some line has no such body (an image
 * for a Llama prompt, say) but every line is a valid Converse request, the file is written in Converse form instead,
 * the same rule {@link JobInputCheck} applies to a job submitted without an invocation type, so the job created
 * from this file runs it as a Converse job. A Bedrock-format file is stored byte for byte, after the same checks.
 *
 * <p>A Bedrock job runs one model, and the lines keep no model once converted, so every line must name the same
 * model (or none, when the caller sends the batch's {@code model} with the upload): that model is kept with the
 * object so its content can be converted back to the format it was uploaded in.
 */
final class UploadConversion {

    /** The converted file, ready to go to S3 with its exact length and MD5 (the ETag S3 must answer with). */
    record Converted(Path file, long bytes, String md5Hex, LineFormat source, String model, String openAiTokensField) {
    }

    private UploadConversion() {
    }

    /**
     * @param upload    the spooled upload
     * @param format    its line format (the surface detected and checked it)
     * @param batchModel the {@code model} the caller sent with the upload, for lines that name none; may be null
     */
    static Converted convert(Path upload, LineFormat format, String batchModel) {
        if (format == LineFormat.BEDROCK) {
            return copy(upload, format, batchModel, null);
        }
        try {
            return copy(upload, format, batchModel, false);
        } catch (GatewayError asInvokeModel) {
            if (asInvokeModel.kind() != ErrorKind.INVALID_REQUEST) {
                throw asInvokeModel;
            }
            try {
                return copy(upload, format, batchModel, true);
            } catch (GatewayError asConverse) {
                // the InvokeModel problem is the one to fix: Converse is only the fallback
                throw asInvokeModel;
            }
        }
    }

    /** {@code converse} null: already Bedrock lines, copied byte for byte after the same line checks. */
    private static Converted copy(Path upload, LineFormat format, String batchModel, Boolean converse) {
        Path target = null;
        try {
            target = Files.createTempFile(upload.getParent(), "bedrock-upload-", ".jsonl");
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            OneModel model = new OneModel(batchModel);
            long bytes;
            try (InputStream in = source(upload, batchModel, converse, model);
                 OutputStream out = new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(target)),
                         md5)) {
                bytes = in.transferTo(out);
            }
            return new Converted(target, bytes, HexFormat.of().formatHex(md5.digest()), format, model.model,
                    model.tokensField());
        } catch (IOException e) {
            delete(target);
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            delete(target);
            throw new IllegalStateException("every JVM has MD5", e);
        } catch (RuntimeException e) {
            delete(target);
            throw e;
        }
    }

    private static InputStream source(Path upload, String batchModel, Boolean converse, OneModel model)
            throws IOException {
        InputStream raw = Files.newInputStream(upload);
        RequestConversion conversion = new RequestConversion(
                (format, settings) -> model.watching(RequestFormats.reader(format, settings)), RequestFormats::writer);
        return conversion.convert(raw, LineFormat.BEDROCK,
                ConversionSettings.forModel(batchModel).withConverse(converse != null && converse));
    }

    static void delete(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a temporary file left behind is removed with the upload directory; the answer does not depend on it
        }
    }

    /** The model the lines are written for: every line's own, which must be the same throughout. */
    private static final class OneModel {

        private String model;
        private int firstLine;
        /** The token limit field OpenAI lines use, so the file can be given back with it; null when they differ. */
        private String tokensField;
        private boolean tokensFieldsDiffer;

        OneModel(String batchModel) {
            this.model = blankToNull(batchModel);
        }

        RequestLineReader watching(RequestLineReader reader) {
            return (json, lineNumber) -> {
                BatchRequest request = reader.read(json, lineNumber);
                noteTokensField(json.path("body"));
                String named = blankToNull(request.model());
                if (named != null) {
                    if (model == null) {
                        model = named;
                        firstLine = lineNumber;
                    } else if (!model.equals(named)) {
                        throw LineError.at(lineNumber, "model " + named + " differs from " + model
                                + (firstLine == 0 ? " (the upload's model)" : " (line " + firstLine + ")")
                                + "; a Bedrock job runs one model, so every line of its input names the same one");
                    }
                }
                return request;
            };
        }

        private void noteTokensField(JsonNode body) {
            String used = body.has(ConversionSettings.MAX_TOKENS) ? ConversionSettings.MAX_TOKENS
                    : body.has(ConversionSettings.MAX_COMPLETION_TOKENS) ? ConversionSettings.MAX_COMPLETION_TOKENS
                    : null;
            if (used == null) {
                return;
            }
            if (tokensField == null) {
                tokensField = used;
            } else if (!tokensField.equals(used)) {
                tokensFieldsDiffer = true;
            }
        }

        String tokensField() {
            return tokensFieldsDiffer ? null : tokensField;
        }

        private static String blankToNull(String value) {
            return value == null || value.isBlank() ? null : value;
        }
    }
}
