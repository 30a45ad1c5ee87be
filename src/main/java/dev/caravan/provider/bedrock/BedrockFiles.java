package dev.caravan.provider.bedrock;

import dev.caravan.jsonl.ConversionSettings;
import dev.caravan.jsonl.LineFormat;
import dev.caravan.jsonl.RequestFormats;
import dev.caravan.model.ErrorKind;
import dev.caravan.model.FileContent;
import dev.caravan.model.FileDeleted;
import dev.caravan.model.FileObject;
import dev.caravan.model.FilePage;
import dev.caravan.model.GatewayError;
import dev.caravan.model.command.DeleteObject;
import dev.caravan.model.command.FileRef;
import dev.caravan.model.command.GetObject;
import dev.caravan.model.command.ListFiles;
import dev.caravan.model.command.ListObjects;
import dev.caravan.model.command.PutObject;
import dev.caravan.model.command.StorageConfig;
import dev.caravan.model.command.UploadFile;
import dev.caravan.model.object.ObjectAddress;
import dev.caravan.model.object.ObjectBody;
import dev.caravan.model.object.ObjectData;
import dev.caravan.model.object.ObjectInfo;
import dev.caravan.model.object.ObjectListing;
import dev.caravan.model.object.Preconditions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code bedrock} provider's files on the OpenAI Files API: objects in the S3 bucket Bedrock jobs read from,
 * through the same {@link S3ObjectStore} (and bucket allow-list) as the S3-compatible surface.
 *
 * <p>An upload is converted to Bedrock batch lines ({@link UploadConversion}) and written to
 * {@code s3://<bucket>/<prefix>/<name>} ({@link BedrockFileName}), the bucket and prefix from the caller's
 * {@code storage_config[s3][bucket|prefix]} or the configured defaults. The line format it was uploaded in (and the
 * model its lines named) go into the object's metadata, so its content comes back in that format (DESIGN §4). The file
 * id is {@code file-bedrock-<base64url(s3://bucket/key)>} ({@link BedrockFileId}); every later call reads bucket and
 * key off it.
 *
 * <p>A listing is one ListObjectsV2 under the prefix, in S3's key order. Its cursor needs no state: OpenAI's
 * {@code after} is the last file id of the previous page, and the key inside it is ListObjectsV2's
 * {@code start-after}. A page holds at most 1,000 files (S3's page), whatever larger {@code limit} is asked.
 */
public class BedrockFiles {

    static final String PURPOSE = "batch";
    /** The line format the file was uploaded in (DESIGN §4: the source format in the object's metadata). */
    static final String FORMAT_METADATA = "caravan-line-format";
    /** The model the uploaded lines named, which the stored Bedrock lines no longer carry. */
    static final String MODEL_METADATA = "caravan-model";
    /** The token limit field the uploaded OpenAI lines used, so the file comes back with it (DESIGN §4). */
    static final String TOKENS_METADATA = "caravan-openai-tokens-field";
    private static final String PROVIDER = "bedrock";
    private static final String BUCKET_PARAM = "storage_config[s3][bucket]";
    private static final int MAX_LIMIT = 10_000;
    private static final int S3_PAGE = 1_000;

    private final S3ObjectStore store;
    private final BedrockFileSettings settings;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public BedrockFiles(S3ObjectStore store, BedrockFileSettings settings, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.clock = clock;
    }

    public FileObject upload(UploadFile upload) {
        if (!PURPOSE.equals(upload.purpose())) {
            throw GatewayError.invalid("purpose", "Provider 'bedrock' keeps batch input files only: purpose must be "
                    + "'batch', not '" + upload.purpose() + "'.");
        }
        String batchModel = null;
        for (Map.Entry<String, String> field : upload.fields().entrySet()) {
            if (!field.getKey().equals("model")) {
                throw GatewayError.invalid(field.getKey(), "Provider 'bedrock' does not support '" + field.getKey()
                        + "': its files are objects in S3 and are kept until deleted.");
            }
            batchModel = field.getValue();
        }
        Location location = location(upload.storage());
        String key = location.prefix() + BedrockFileName.generate(upload.filename(), clock.instant(), random);
        UploadConversion.Converted converted = UploadConversion.convert(upload.content(),
                LineFormat.ofFile(upload.content()), batchModel);
        try (InputStream content = Files.newInputStream(converted.file())) {
            Map<String, String> metadata = new LinkedHashMap<>();
            metadata.put(FORMAT_METADATA, converted.source().name());
            if (converted.model() != null) {
                metadata.put(MODEL_METADATA, converted.model());
            }
            if (converted.openAiTokensField() != null) {
                metadata.put(TOKENS_METADATA, converted.openAiTokensField());
            }
            ObjectAddress address = new ObjectAddress(location.bucket(), key);
            // one PutObject of the finished file: S3 makes it visible whole or not at all (nothing half-written); a
            // Bedrock input file is at most 1 GB, far below PutObject's 5 GB
            store.put(new PutObject(PROVIDER, address, new ObjectBody(content, converted.bytes(), "application/jsonl",
                    metadata, null, Map.of(), null, Map::of, converted::md5Hex), Preconditions.NONE));
            return file(address, converted.bytes(), clock.instant());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            UploadConversion.delete(converted.file());
        }
    }

    public FilePage list(ListFiles list) {
        if (list.order() != null) {
            throw GatewayError.invalid("order", "Provider 'bedrock' lists files in S3's key order; 'order' is not "
                    + "supported.");
        }
        int limit = list.limit() == null ? MAX_LIMIT : list.limit();
        if (limit < 1 || limit > MAX_LIMIT) {
            throw GatewayError.invalid("limit", "'limit' must be between 1 and " + MAX_LIMIT + ".");
        }
        Location location = location(list.storage());
        String startAfter = null;
        if (list.after() != null && !list.after().isBlank()) {
            startAfter = listedKey(list.after(), location);
        }
        if (list.purpose() != null && !list.purpose().equals(PURPOSE)) {
            return new FilePage(List.of(), false);
        }
        ObjectListing page = store.list(new ListObjects(PROVIDER, new ObjectAddress(location.bucket(), null),
                location.prefix().isEmpty() ? null : location.prefix(), null, Math.min(limit, S3_PAGE), null,
                startAfter, false));
        List<FileObject> files = page.contents().stream()
                .filter(entry -> !entry.key().endsWith("/"))
                .map(entry -> file(new ObjectAddress(location.bucket(), entry.key()), entry.size(),
                        entry.lastModified()))
                .toList();
        return new FilePage(files, page.truncated());
    }

    public FileObject retrieve(FileRef ref) {
        ObjectAddress address = stored(ref);
        ObjectInfo info = head(address, ref.fileId());
        return file(address, info.size(), info.lastModified());
    }

    /**
     * The file as uploaded: a Bedrock-format file streams as stored; another one is converted back, line by line as
     * it streams, to the format its metadata names, with the model its lines named.
     */
    public FileContent content(FileRef ref) {
        ObjectAddress address = stored(ref);
        ObjectData data = read(address, ref.fileId());
        Map<String, String> metadata = data.info().metadata() == null ? Map.of() : data.info().metadata();
        Optional<LineFormat> source = sourceFormat(metadata.get(FORMAT_METADATA));
        String contentType = data.info().contentType() == null ? "application/octet-stream"
                : data.info().contentType();
        if (source.isEmpty() || source.get() == LineFormat.BEDROCK) {
            return new FileContent(data.content(), contentType);
        }
        return new FileContent(RequestFormats.conversion().convert(data.content(), source.get(),
                ConversionSettings.forModel(metadata.get(MODEL_METADATA))
                        .withOpenAiTokensField(metadata.get(TOKENS_METADATA))), contentType);
    }

    public FileDeleted delete(FileRef ref) {
        ObjectAddress address = stored(ref);
        // S3 deletes a missing key without a word; a file that is not there was not deleted
        head(address, ref.fileId());
        store.delete(new DeleteObject(PROVIDER, address, Preconditions.NONE));
        return new FileDeleted(ref.fileId(), true);
    }

    /** The object a stored-file id names, in a bucket callers may use; anything else is no file of this provider. */
    private ObjectAddress stored(FileRef ref) {
        BedrockFileId id = BedrockFileId.parse(ref.fileId());
        if (!(id instanceof BedrockFileId.Stored stored)) {
            throw GatewayError.invalid("file_id", "File " + ref.fileId() + " holds the results of a batch; they "
                    + "stay with the job's output in S3 and cannot be deleted through this API.");
        }
        requireAllowedId(stored.address().bucket(), ref.fileId());
        return stored.address();
    }

    /** A bucket named inside an id is checked like any other; an id for a bucket callers may not use names nothing. */
    void requireAllowedId(String bucket, String id) {
        try {
            store.requireAllowed(bucket);
        } catch (GatewayError denied) {
            throw BedrockFileId.notFound(id);
        }
    }

    private ObjectInfo head(ObjectAddress address, String id) {
        return read(address, id, true).info();
    }

    private ObjectData read(ObjectAddress address, String id) {
        return read(address, id, false);
    }

    private ObjectData read(ObjectAddress address, String id, boolean metadataOnly) {
        try {
            return store.get(new GetObject(PROVIDER, address, metadataOnly, null, Preconditions.NONE, false));
        } catch (GatewayError missing) {
            if (missing.kind() == ErrorKind.NOT_FOUND) {
                throw BedrockFileId.notFound(id);
            }
            throw missing;
        }
    }

    /** The key a listing continues after: the one inside the previous page's last file id, under the same prefix. */
    private static String listedKey(String after, Location location) {
        try {
            if (BedrockFileId.parse(after) instanceof BedrockFileId.Stored stored
                    && stored.address().bucket().equals(location.bucket())
                    && stored.address().key().startsWith(location.prefix())) {
                return stored.address().key();
            }
        } catch (GatewayError notAFile) {
            // answered below: a cursor that names no file of this listing is the caller's mistake in this request
        }
        throw GatewayError.invalid("after", "'after' must be the id of a file of provider 'bedrock' from this list "
                + "(the same bucket and prefix).");
    }

    /** The caller's bucket and prefix, else the configured defaults; the bucket must be one callers may use. */
    private Location location(StorageConfig storage) {
        String bucket = blankToNull(storage.bucket());
        String prefix = storage.prefix();
        if (bucket == null) {
            bucket = blankToNull(settings.defaultBucket());
            if (prefix == null) {
                prefix = settings.defaultPrefix();
            }
        }
        if (bucket == null) {
            throw GatewayError.invalid(BUCKET_PARAM, "Provider 'bedrock' keeps files in S3: send "
                    + "storage_config[s3][bucket] (and optionally storage_config[s3][prefix]), e.g. extra_body="
                    + "{\"storage_config\": {\"s3\": {\"bucket\": \"my-bucket\", \"prefix\": \"batch-input\"}}} "
                    + "(extra_query for GET), or configure caravan.bedrock.files.default-bucket.");
        }
        if (!S3BucketName.valid(bucket)) {
            throw GatewayError.invalid(BUCKET_PARAM, "'" + bucket + "' is not an S3 bucket name (3 to 63 lowercase "
                    + "letters, digits, dots and hyphens).");
        }
        try {
            store.requireAllowed(bucket);
        } catch (GatewayError denied) {
            throw new GatewayError(ErrorKind.UNAUTHORIZED, 403, "Bucket '" + bucket + "' is not one Caravan may use "
                    + "for provider 'bedrock' (caravan.bedrock.s3.allowed-buckets).", BUCKET_PARAM,
                    "bucket_not_allowed", null);
        }
        String normalized = prefix == null ? "" : prefix.replaceAll("^/+", "");
        if (!normalized.isEmpty() && !normalized.endsWith("/")) {
            normalized += "/";
        }
        if (!BedrockFileName.bedrockReadable(normalized)) {
            throw GatewayError.invalid("storage_config[s3][prefix]", "Bedrock reads input files only under keys "
                    + "made of the characters [-!_*'().a-zA-Z0-9] and '/'; prefix '" + prefix + "' has others.");
        }
        return new Location(bucket, normalized);
    }

    private record Location(String bucket, String prefix) {
    }

    private static FileObject file(ObjectAddress address, long bytes, Instant created) {
        return new FileObject(new BedrockFileId.Stored(address).id(), bytes,
                created == null ? 0 : created.getEpochSecond(), null, BedrockFileName.filename(address.key()),
                PURPOSE, "processed");
    }

    private static Optional<LineFormat> sourceFormat(String name) {
        if (name == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(LineFormat.valueOf(name));
        } catch (IllegalArgumentException unknown) {
            // written by another version or by hand: the object is served as it is stored
            return Optional.empty();
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
