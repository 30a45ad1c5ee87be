package dev.caravan.provider.bedrock;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.caravan.jsonl.LineFormat;
import dev.caravan.model.ErrorKind;
import dev.caravan.model.GatewayError;
import dev.caravan.model.command.CreateJob;
import dev.caravan.model.command.GetObject;
import dev.caravan.model.command.PutObject;
import dev.caravan.model.job.JobRequest;
import dev.caravan.model.object.ObjectAddress;
import dev.caravan.model.object.ObjectBody;
import dev.caravan.model.object.ObjectData;
import dev.caravan.model.object.Preconditions;
import dev.caravan.wire.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.http.Abortable;

/**
 * A job whose input file is written in another provider's line format (an OpenAI batch file put straight into S3,
 * say) runs on Bedrock all the same (DESIGN §4: any supported format for any provider). Before the job is submitted
 * the file is converted to Bedrock records of the job's model and written next to it, under {@code caravan-bedrock/}
 * with the same name, so the results still land in {@code <output>/<jobId>/<input name>.out}; the job reads the
 * converted file. A Bedrock-format input, a prefix, or a missing input (the input gate says so) is left as it is.
 */
public class JobInputConversion {

    static final String FOLDER = "caravan-bedrock/";
    private static final String PROVIDER = "bedrock";
    /** A first line longer than this is no batch line anyone converts; the input gate judges such a file. */
    private static final int MAX_FIRST_LINE = 10 * 1024 * 1024;

    private final S3ObjectStore store;

    public JobInputConversion(S3ObjectStore store) {
        this.store = store;
    }

    public CreateJob convert(CreateJob command) {
        JobRequest request = command.request();
        ObjectAddress input = S3Location.parse(request.input().s3Uri());
        if (input.key().isEmpty() || input.key().endsWith("/")) {
            return command;
        }
        store.requireAllowed(input.bucket());
        ObjectData data;
        try {
            data = store.get(new GetObject(PROVIDER, input, false, null, Preconditions.NONE, false));
        } catch (GatewayError missing) {
            if (missing.kind() == ErrorKind.NOT_FOUND) {
                return command;
            }
            throw missing;
        }
        Path spool = null;
        try (InputStream content = data.content()) {
            byte[] firstLine = firstLine(content);
            Optional<LineFormat> format = format(firstLine);
            if (format.isEmpty() || format.get() == LineFormat.BEDROCK) {
                abort(content);
                return command;
            }
            spool = Files.createTempFile("caravan-job-input-", ".jsonl");
            try (OutputStream out = Files.newOutputStream(spool)) {
                out.write(firstLine);
                content.transferTo(out);
            }
            ObjectAddress converted = write(input, spool, format.get(), request.modelId());
            return new CreateJob(command.requestedProvider(), request.withInput(new JobRequest.S3Input(
                    S3Location.uri(converted), request.input().s3InputFormat(), request.input().s3BucketOwner())));
        } catch (GatewayError invalid) {
            if (invalid.kind() != ErrorKind.INVALID_REQUEST) {
                throw invalid;
            }
            throw GatewayError.invalid("inputDataConfig", request.input().s3Uri() + " is " + invalid.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            UploadConversion.delete(spool);
        }
    }

    private ObjectAddress write(ObjectAddress input, Path spool, LineFormat format, String modelId) {
        UploadConversion.Converted converted = UploadConversion.convert(spool, format, modelId);
        String key = input.key();
        int slash = key.lastIndexOf('/');
        ObjectAddress target = new ObjectAddress(input.bucket(),
                key.substring(0, slash + 1) + FOLDER + key.substring(slash + 1));
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(BedrockFiles.FORMAT_METADATA, format.name());
        if (converted.model() != null) {
            metadata.put(BedrockFiles.MODEL_METADATA, converted.model());
        }
        if (converted.openAiTokensField() != null) {
            metadata.put(BedrockFiles.TOKENS_METADATA, converted.openAiTokensField());
        }
        try (InputStream content = Files.newInputStream(converted.file())) {
            store.put(new PutObject(PROVIDER, target, new ObjectBody(content, converted.bytes(), "application/jsonl",
                    metadata, null, Map.of(), null, Map::of, converted::md5Hex), Preconditions.NONE));
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            UploadConversion.delete(converted.file());
        }
    }

    /** The bytes up to and including the first line break that follows a non-blank line. */
    private static byte[] firstLine(InputStream content) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        boolean blank = true;
        int next;
        while ((next = content.read()) >= 0 && line.size() < MAX_FIRST_LINE) {
            line.write(next);
            if (next == '\n' && !blank) {
                break;
            }
            blank &= Character.isWhitespace(next);
        }
        return line.toByteArray();
    }

    private static Optional<LineFormat> format(byte[] firstLine) {
        try {
            return LineFormat.detect(Json.MAPPER.readTree(new String(firstLine, StandardCharsets.UTF_8)));
        } catch (JsonProcessingException notJson) {
            // the input gate names the line that is not JSON
            return Optional.empty();
        }
    }

    /** Closing would read the rest of a possibly large object just to reuse the connection. */
    private static void abort(InputStream content) {
        if (content instanceof Abortable abortable) {
            abortable.abort();
        }
    }
}
