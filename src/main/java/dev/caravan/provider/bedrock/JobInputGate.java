package dev.caravan.provider.bedrock;

import dev.caravan.model.ErrorKind;
import dev.caravan.model.GatewayError;
import dev.caravan.model.command.CreateJob;
import dev.caravan.model.command.GetObject;
import dev.caravan.model.command.ListObjects;
import dev.caravan.model.job.JobRequest;
import dev.caravan.model.object.ObjectAddress;
import dev.caravan.model.object.ObjectData;
import dev.caravan.model.object.ObjectListing;
import dev.caravan.model.object.Preconditions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.http.Abortable;

/**
 * Reads a job's input from S3 before the job is submitted and judges it with {@link JobInputCheck}: both buckets
 * are ones callers may use, the input
 * exists (one {@code .jsonl} object, or a prefix of them), every line is a record Bedrock will take, the record count
 * is within the model's quotas. Streams each object once; an input judged bad is not read to its end.
 *
 * <p>When the records only make sense as Converse requests and the caller named no invocation type, the job is
 * submitted as a Converse job (see {@link JobInputCheck}); the type is visible in the job's description.
 */
public class JobInputGate {

    private static final String PROVIDER = "bedrock";
    private static final String JSONL = ".jsonl";

    private final S3ObjectStore store;
    private final JobQuotas quotas;

    public JobInputGate(S3ObjectStore store, JobQuotas quotas) {
        this.store = store;
        this.quotas = quotas;
    }

    public CreateJob check(CreateJob command) {
        JobRequest request = command.request();
        // Bedrock writes where it is told: the output is held to the same bucket allow-list as every read
        store.requireAllowed(S3Location.parse(request.output().s3Uri()).bucket());
        ModelInvocationType declared = request.modelInvocationType() == null ? null
                : ModelInvocationType.parse(request.modelInvocationType());
        JobInputCheck check = new JobInputCheck(request.modelId(), declared, quotas.forModel(request.modelId()));
        for (ObjectAddress file : inputFiles(S3Location.parse(request.input().s3Uri()))) {
            read(file, check);
        }
        ModelInvocationType chosen = check.finish().invocationType();
        if (chosen == declared) {
            return command;
        }
        return new CreateJob(command.requestedProvider(), request.withModelInvocationType(chosen.wireName()));
    }

    private void read(ObjectAddress file, JobInputCheck check) {
        ObjectData data = store.get(new GetObject(PROVIDER, file, false, null, Preconditions.NONE, false));
        InputStream content = data.content();
        try (content) {
            check.file(S3Location.uri(file), data.contentLength(), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException judged) {
            // closing would drain the rest of a possibly large object just to reuse the connection
            if (content instanceof Abortable abortable) {
                abortable.abort();
            }
            throw judged;
        }
    }

    /** One object, or every {@code .jsonl} object under a prefix (a URI ending in '/', or naming no object). */
    private List<ObjectAddress> inputFiles(ObjectAddress input) {
        if (input.key().isEmpty() || input.key().endsWith("/")) {
            return underPrefix(input, input.key());
        }
        try {
            store.get(new GetObject(PROVIDER, input, true, null, Preconditions.NONE, false));
        } catch (GatewayError missing) {
            if (missing.kind() != ErrorKind.NOT_FOUND) {
                throw missing;
            }
            return underPrefix(input, input.key() + "/");
        }
        if (!input.key().endsWith(JSONL)) {
            throw GatewayError.invalid("inputDataConfig", "The input file " + S3Location.uri(input)
                    + " must be a JSONL file whose name ends in .jsonl.");
        }
        return List.of(input);
    }

    private List<ObjectAddress> underPrefix(ObjectAddress input, String prefix) {
        List<ObjectAddress> files = new ArrayList<>();
        String token = null;
        try {
            do {
                ObjectListing page = store.list(new ListObjects(PROVIDER, new ObjectAddress(input.bucket(), null),
                        prefix, null, 1000, token, null, false));
                page.contents().stream().filter(entry -> entry.key().endsWith(JSONL))
                        .forEach(entry -> files.add(new ObjectAddress(input.bucket(), entry.key())));
                token = page.truncated() ? page.nextContinuationToken() : null;
            } while (token != null);
        } catch (GatewayError missing) {
            if (missing.kind() != ErrorKind.NOT_FOUND) {
                throw missing;
            }
        }
        if (files.isEmpty()) {
            throw GatewayError.invalid("inputDataConfig", "The input " + S3Location.uri(input)
                    + " does not exist: no object has that key, and no .jsonl object lies under it.");
        }
        return files;
    }
}
