package dev.caravan.provider.bedrock;

import dev.caravan.jsonl.ConversionSettings;
import dev.caravan.jsonl.ConvertedLines;
import dev.caravan.jsonl.ResultConversion;
import dev.caravan.jsonl.ResultFormat;
import dev.caravan.model.ErrorKind;
import dev.caravan.model.FileContent;
import dev.caravan.model.FileObject;
import dev.caravan.model.GatewayError;
import dev.caravan.model.command.FileRef;
import dev.caravan.model.command.GetObject;
import dev.caravan.model.command.ListObjects;
import dev.caravan.model.object.ObjectAddress;
import dev.caravan.model.object.ObjectData;
import dev.caravan.model.object.ObjectListing;
import dev.caravan.model.object.Preconditions;
import dev.caravan.provider.ResultsFileObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;

/**
 * A Bedrock job's output and error files, which Bedrock does not have as such: each is the job's {@code .out}
 * records (provider-apis.md §6.5), read from S3 and converted as they stream to OpenAI batch output lines (DESIGN
 * §4), keeping the records that succeeded (output) or failed (errors). Nothing is stored: the file id says where the
 * records are ({@link BedrockFileId.Results}).
 */
public class BedrockResultsFiles {

    static final String CONTENT_TYPE = "application/octet-stream";
    private static final String PROVIDER = "bedrock";

    private final S3ObjectStore store;
    private final BedrockFiles files;

    public BedrockResultsFiles(S3ObjectStore store, BedrockFiles files) {
        this.store = store;
        this.files = files;
    }

    /** Whether a file command is about a job's results rather than an object. */
    public static boolean isResults(FileRef ref) {
        return BedrockFileId.parse(ref.fileId()) instanceof BedrockFileId.Results;
    }

    public FileContent content(FileRef ref) {
        return new FileContent(lines(results(ref), ref.fileId()), CONTENT_TYPE);
    }

    public FileObject describe(FileRef ref) throws IOException {
        BedrockFileId.Results file = results(ref);
        Instant written = recordObjects(file, ref.fileId()).stream().map(ObjectListing.Entry::lastModified)
                .filter(time -> time != null).max(Instant::compareTo).orElse(null);
        return ResultsFileObject.counted(file.id(), file.filename(), written == null ? 0 : written.getEpochSecond(),
                lines(file, ref.fileId()));
    }

    private BedrockFileId.Results results(FileRef ref) {
        if (!(BedrockFileId.parse(ref.fileId()) instanceof BedrockFileId.Results results)) {
            throw BedrockFileId.notFound(ref.fileId());
        }
        files.requireAllowedId(results.address().bucket(), ref.fileId());
        return results;
    }

    private ConvertedLines lines(BedrockFileId.Results file, String id) {
        List<ObjectAddress> objects = recordObjects(file, id).stream()
                .map(entry -> new ObjectAddress(file.address().bucket(), entry.key())).toList();
        Iterator<ObjectAddress> next = objects.iterator();
        // each .out object is opened only when the one before it has been read to its end
        InputStream records = new SequenceInputStream(new Enumeration<InputStream>() {
            @Override
            public boolean hasMoreElements() {
                return next.hasNext();
            }

            @Override
            public InputStream nextElement() {
                return open(next.next(), id).content();
            }
        });
        return ResultConversion.convert(records, ResultFormat.BEDROCK.reader(ConversionSettings.forModel(
                file.model())), ResultFormat.OPENAI.writer(ConversionSettings.forModel(file.model())),
                file.selection());
    }

    /** The {@code .out} objects holding the records: the one named, or every one in the job's results folder. */
    private List<ObjectListing.Entry> recordObjects(BedrockFileId.Results file, String id) {
        ObjectAddress address = file.address();
        if (!file.folder()) {
            ObjectData head = open(address, id, true);
            return List.of(new ObjectListing.Entry(address.key(), head.info().lastModified(), head.info().etag(),
                    head.info().size(), null));
        }
        List<ObjectListing.Entry> entries = new ArrayList<>();
        String token = null;
        do {
            ObjectListing page = store.list(new ListObjects(PROVIDER, new ObjectAddress(address.bucket(), null),
                    address.key(), null, 1000, token, null, false));
            page.contents().stream().filter(entry -> entry.key().endsWith(JobResultsLocation.OUT)
                    && !entry.key().endsWith("/" + JobResultsLocation.MANIFEST)).forEach(entries::add);
            token = page.truncated() ? page.nextContinuationToken() : null;
        } while (token != null);
        if (entries.isEmpty()) {
            throw BedrockFileId.notFound(id);
        }
        return Collections.unmodifiableList(entries);
    }

    private ObjectData open(ObjectAddress address, String id) {
        return open(address, id, false);
    }

    private ObjectData open(ObjectAddress address, String id, boolean metadataOnly) {
        try {
            return store.get(new GetObject(PROVIDER, address, metadataOnly, null, Preconditions.NONE, false));
        } catch (GatewayError missing) {
            if (missing.kind() == ErrorKind.NOT_FOUND) {
                throw GatewayError.notFound("file_id", "No such File object: " + id + " (the job's results are "
                        + "not in S3: not written yet, or deleted).");
            }
            throw missing;
        }
    }
}
