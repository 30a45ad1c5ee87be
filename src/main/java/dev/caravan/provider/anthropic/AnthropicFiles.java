package dev.caravan.provider.anthropic;

import dev.caravan.jsonl.LineFormat;
import dev.caravan.model.FileContent;
import dev.caravan.model.FileDeleted;
import dev.caravan.model.FileObject;
import dev.caravan.model.FilePage;
import dev.caravan.model.GatewayError;
import dev.caravan.model.command.FileRef;
import dev.caravan.model.command.ListFiles;
import dev.caravan.model.command.StorageConfig;
import dev.caravan.model.command.UploadFile;
import dev.caravan.store.CaravanStore;
import dev.caravan.store.StoredObject;
import dev.caravan.store.StoredPage;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The {@code anthropic} provider's batch input files. Anthropic has no file storage for batches (a batch carries its
 * requests inline), so Caravan keeps the files in its own store ({@link CaravanStore}) and a batch created from one
 * sends its requests inline. A file is stored exactly as uploaded, in whichever supported line format (the surface
 * has checked every line), so its content comes back in that format (DESIGN §4); it is converted to Anthropic's
 * requests when a batch is created from it, when the batch's model is known. Everything a file object says is in its
 * key ({@link StoredFileKey}), so listing costs one store listing, not a read per file.
 */
public class AnthropicFiles {

    static final String PURPOSE = "batch";
    /** Where the line format a file was uploaded in is recorded (DESIGN §4: the source format in the metadata). */
    static final String FORMAT_METADATA = "caravan-line-format";
    /** OpenAI's default and largest page. */
    private static final int MAX_PAGE = 10_000;

    private final Supplier<CaravanStore> store;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public AnthropicFiles(Supplier<CaravanStore> store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public FileObject upload(UploadFile upload) {
        if (!PURPOSE.equals(upload.purpose())) {
            throw GatewayError.invalid("purpose", "Provider 'anthropic' keeps batch input files only: purpose must be "
                    + "'batch', not '" + upload.purpose() + "'.");
        }
        if (!upload.fields().isEmpty()) {
            String field = upload.fields().keySet().iterator().next();
            throw GatewayError.invalid(field, "Provider 'anthropic' does not support '" + field + "': its files are "
                    + "kept until deleted.");
        }
        if (!StorageConfig.NONE.equals(upload.storage())) {
            throw GatewayError.invalid("storage_config", "Provider 'anthropic' keeps its files in Caravan's own "
                    + "store; storage_config is for provider 'bedrock'.");
        }
        String filename = upload.filename() == null || upload.filename().isBlank() ? "file.jsonl" : upload.filename();
        if (filename.getBytes(StandardCharsets.UTF_8).length > StoredFileKey.MAX_FILENAME_BYTES) {
            throw GatewayError.invalid("file", "The filename is longer than " + StoredFileKey.MAX_FILENAME_BYTES
                    + " bytes.");
        }
        StoredFileKey key = StoredFileKey.next(filename, clock.instant(), random);
        StoredObject stored = store.get().put(key.key(), upload.content(), upload.bytes(), "application/jsonl",
                Map.of(FORMAT_METADATA, LineFormat.ofFile(upload.content()).name()));
        return file(key, stored.size());
    }

    /** Newest first, as OpenAI lists; the store's key order is that order ({@link StoredFileKey}). */
    public FilePage list(ListFiles list) {
        if (list.order() != null && !list.order().equals("desc")) {
            throw GatewayError.invalid("order", "Provider 'anthropic' lists files newest first only: order must be "
                    + "'desc'.");
        }
        int limit = list.limit() == null ? MAX_PAGE : list.limit();
        if (limit < 1 || limit > MAX_PAGE) {
            throw GatewayError.invalid("limit", "'limit' must be between 1 and " + MAX_PAGE + ".");
        }
        if (list.purpose() != null && !list.purpose().equals(PURPOSE)) {
            return new FilePage(List.of(), false);
        }
        String after = null;
        if (list.after() != null && !list.after().isBlank()) {
            after = listedKey(list.after());
        }
        StoredPage page = store.get().list(StoredFileKey.PREFIX, after, limit);
        List<FileObject> files = page.objects().stream()
                .flatMap(object -> StoredFileKey.parse(object.key()).map(key -> file(key, object.size())).stream())
                .toList();
        return new FilePage(files, page.more());
    }

    public FileObject retrieve(FileRef ref) {
        AnthropicFileId.Stored file = stored(ref);
        StoredObject object = store.get().head(file.key().key()).orElseThrow(() -> AnthropicFileId.notFound(ref
                .fileId()));
        return file(file.key(), object.size());
    }

    /** The bytes as uploaded, streaming from the store. */
    public FileContent content(FileRef ref) {
        AnthropicFileId.Stored file = stored(ref);
        return store.get().open(file.key().key())
                .map(content -> new FileContent(content.body(), content.object().contentType() == null
                        ? "application/octet-stream" : content.object().contentType()))
                .orElseThrow(() -> AnthropicFileId.notFound(ref.fileId()));
    }

    public FileDeleted delete(FileRef ref) {
        AnthropicFileId.Stored file = stored(ref);
        if (store.get().head(file.key().key()).isEmpty()) {
            // S3 deletes a missing key without a word; a file that is not there was not deleted
            throw AnthropicFileId.notFound(ref.fileId());
        }
        store.get().delete(file.key().key());
        return new FileDeleted(ref.fileId(), true);
    }

    /** The store key of a file this list shows: OpenAI's cursor is the last file id of the previous page. */
    private static String listedKey(String after) {
        try {
            if (AnthropicFileId.parse(after) instanceof AnthropicFileId.Stored stored) {
                return stored.key().key();
            }
        } catch (GatewayError notAFile) {
            // answered below: a cursor that names no file is the caller's mistake in this request, not a lookup
        }
        throw GatewayError.invalid("after", "'after' must be the id of a file of provider 'anthropic' from this "
                + "list.");
    }

    private static AnthropicFileId.Stored stored(FileRef ref) {
        AnthropicFileId id = AnthropicFileId.parse(ref.fileId());
        if (id instanceof AnthropicFileId.Stored stored) {
            return stored;
        }
        throw GatewayError.invalid("file_id", "File " + ref.fileId() + " is the results of a batch; they last as "
                + "long as Anthropic keeps them and cannot be deleted one file at a time.");
    }

    private static FileObject file(StoredFileKey key, long bytes) {
        return new FileObject(new AnthropicFileId.Stored(key).id(), bytes, key.createdAt(), null, key.filename(),
                PURPOSE, "processed");
    }

}
