package dev.caravan.bridge;

import dev.caravan.model.ErrorKind;
import dev.caravan.model.FileContent;
import dev.caravan.model.FileObject;
import dev.caravan.model.FilePage;
import dev.caravan.model.GatewayError;
import dev.caravan.model.Operation;
import dev.caravan.model.Provider;
import dev.caravan.model.command.DeleteObject;
import dev.caravan.model.command.FileRef;
import dev.caravan.model.command.GetObject;
import dev.caravan.model.command.ListFiles;
import dev.caravan.model.command.ListObjects;
import dev.caravan.model.command.ObjectCommand;
import dev.caravan.model.command.PutObject;
import dev.caravan.model.command.StorageConfig;
import dev.caravan.model.command.UploadFile;
import dev.caravan.model.object.ObjectAddress;
import dev.caravan.model.object.ObjectData;
import dev.caravan.model.object.ObjectDeleted;
import dev.caravan.model.object.ObjectInfo;
import dev.caravan.model.object.ObjectListing;
import dev.caravan.model.object.ObjectWritten;
import dev.caravan.model.object.Preconditions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;

/**
 * S3 objects as provider files. PutObject uploads a batch file (checked like an OpenAI upload, before anything is
 * sent) and answers its Caravan file id as the ETag; head, get and delete find the file by If-Match or key
 * ({@link FileKeys}); ListObjectsV2 lists the provider's files with their ids as keys. A file is never replaced, so a
 * conditional put has nothing to hold against and is refused.
 */
public class FilesAsObjects {

    static final String COMMAND = "caravanObjectCommand";
    static final String FILE = "caravanFile";
    private static final String CONTENT_TYPE = "application/jsonl";
    /** Providers list at most this many files a page (Gemini's page size limit); S3 may answer fewer than MaxKeys. */
    private static final int MAX_PAGE = 100;

    public UploadFile upload(PutObject put, String provider, Exchange exchange) {
        if (put.preconditions().ifMatch() != null) {
            throw GatewayError.of(ErrorKind.UNSUPPORTED, "A conditional PutObject (If-Match) replaces an object, and a "
                    + "file of provider '" + provider + "' is never replaced: each PutObject makes a new file.");
        }
        Path spool = spool(put.body().content(), exchange);
        String key = put.address().key();
        String filename = key.substring(key.lastIndexOf('/') + 1);
        return new UploadFile(provider, filename.isEmpty() ? "upload.jsonl" : filename, "batch", spool,
                put.body().length(), Map.of(), StorageConfig.NONE);
    }

    public ObjectWritten written(FileObject file, PutObject put) {
        return new ObjectWritten(FileKeys.quoted(file.id()), put.body().computedChecksums().get(), null);
    }

    public FileRef retrieve(ObjectCommand command, String provider) {
        return ref(Operation.FILES_RETRIEVE, command, provider);
    }

    public FileRef content(ObjectCommand command, String provider) {
        return ref(Operation.FILES_CONTENT, command, provider);
    }

    public FileRef delete(ObjectCommand command, String provider) {
        return ref(Operation.FILES_DELETE, command, provider);
    }

    public ObjectDeleted deleted(ObjectCommand command) {
        return new ObjectDeleted(command.address());
    }

    /** HeadObject, and the metadata half of GetObject: the caller's conditions hold against the file id as ETag. */
    public ObjectData head(FileObject file, GetObject get) {
        if (get.range() != null) {
            throw GatewayError.of(ErrorKind.UNSUPPORTED, "Range reads of provider files are not supported: a file's "
                    + "content may be converted on the way, so its byte offsets are not the provider's.");
        }
        ObjectInfo info = info(file);
        get.preconditions().checkRead(info);
        return new ObjectData(info, null, file.bytes(), null);
    }

    /** GetObject: the file's content, as the provider's files API serves it; its length is known once sent. */
    public ObjectData data(FileContent content, ObjectData head) {
        return new ObjectData(head.info(), content.body(), -1, null);
    }

    public ListFiles list(ListObjects list, String provider) {
        Provider named = Provider.parse(provider);
        String after = list.continuationToken() != null ? list.continuationToken()
                : FileKeys.isFileId(named, list.startAfter()) ? list.startAfter() : null;
        return new ListFiles(provider, BatchFields.of(named).listsPurpose(),
                Math.max(1, Math.min(list.maxKeys(), MAX_PAGE)), null, after, StorageConfig.NONE);
    }

    /** One page of files as ListObjectsV2 shows it: ids as keys, the caller's prefix and delimiter applied to them. */
    public ObjectListing listing(FilePage page, ListObjects list) {
        List<ObjectListing.Entry> contents = new ArrayList<>();
        Set<String> commonPrefixes = new LinkedHashSet<>();
        String prefix = list.prefix() == null ? "" : list.prefix();
        for (FileObject file : list.maxKeys() == 0 ? List.<FileObject>of() : page.data()) {
            String key = file.id();
            if (!key.startsWith(prefix)) {
                continue;
            }
            int delimiter = list.delimiter() == null ? -1 : key.indexOf(list.delimiter(), prefix.length());
            if (delimiter >= 0) {
                commonPrefixes.add(key.substring(0, delimiter + list.delimiter().length()));
            } else {
                contents.add(new ObjectListing.Entry(key, Instant.ofEpochSecond(file.createdAt()),
                        FileKeys.quoted(key), file.bytes(), "STANDARD"));
            }
        }
        boolean more = list.maxKeys() != 0 && page.hasMore() && !page.data().isEmpty();
        return new ObjectListing(contents, List.copyOf(commonPrefixes), more,
                more ? page.data().get(page.data().size() - 1).id() : null);
    }

    private static FileRef ref(Operation operation, ObjectCommand command, String provider) {
        Preconditions preconditions = command instanceof GetObject get ? get.preconditions()
                : command instanceof DeleteObject delete ? delete.preconditions()
                : Preconditions.NONE;
        ObjectAddress address = command.address();
        String fileId = FileKeys.fileId(Provider.parse(provider), address, preconditions)
                .orElseThrow(() -> new GatewayError(ErrorKind.NOT_FOUND, 404, "The specified key does not exist: "
                        + "for provider '" + provider + "' name the file by its id (the ETag PutObject answered) as "
                        + "IfMatch or as the key.", null, "NoSuchKey", null));
        return new FileRef(operation, provider, fileId, StorageConfig.NONE);
    }

    private static ObjectInfo info(FileObject file) {
        return new ObjectInfo(FileKeys.quoted(file.id()), file.bytes(), Instant.ofEpochSecond(file.createdAt()),
                CONTENT_TYPE, file.filename() == null ? Map.of() : Map.of("filename", file.filename()), Map.of());
    }

    /** The body to a local file as it arrives (its checks run while it is read), removed when the exchange ends. */
    private static Path spool(InputStream body, Exchange exchange) {
        try {
            Path spool = Files.createTempFile("caravan-put-", ".jsonl");
            exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
                @Override
                public void onDone(Exchange done) {
                    try {
                        Files.deleteIfExists(spool);
                    } catch (IOException e) {
                        // a temp file the OS will reclaim; nothing the caller can act on
                    }
                }
            });
            try (body) {
                Files.copy(body, spool, StandardCopyOption.REPLACE_EXISTING);
            }
            return spool;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
