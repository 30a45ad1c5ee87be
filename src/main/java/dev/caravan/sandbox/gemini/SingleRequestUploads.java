package dev.caravan.sandbox.gemini;

import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single-request upload forms of provider-apis.md §4.2 (UNCONFIRMED in detail there): simple, the raw bytes with
 * their Content-Type (no display name); multipart ({@code X-Goog-Upload-Protocol: multipart}), a
 * {@code multipart/related} body of the metadata JSON and the bytes, split on disk by {@link MultipartBody}. Both
 * answer {@code {"file": File}} as a finished resumable upload does.
 */
final class SingleRequestUploads {

    private static final Logger LOG = LoggerFactory.getLogger(SingleRequestUploads.class);

    private final BodySink sink;
    private final WorkerExecutor worker;
    private final FileStore store;
    private final long maxFileBytes;
    private final Supplier<String> baseUrl;

    SingleRequestUploads(BodySink sink, WorkerExecutor worker, FileStore store, long maxFileBytes,
            Supplier<String> baseUrl) {
        this.sink = sink;
        this.worker = worker;
        this.store = store;
        this.maxFileBytes = maxFileBytes;
        this.baseUrl = baseUrl;
    }

    /** The simple form: the whole body is the file, its Content-Type the MIME type, no display name. */
    void simple(HttpServerRequest request) {
        HttpServerResponse response = request.response();
        String length = request.getHeader("Content-Length");
        if (length != null && !length.isEmpty() && length.chars().allMatch(Character::isDigit)
                && (length.length() > 18 || Long.parseLong(length) > maxFileBytes)) {
            throw tooLarge();
        }
        String fileId = store.reserve(null);
        Path spool;
        try {
            spool = store.newSpoolFile();
        } catch (IOException e) {
            store.release(fileId);
            throw ApiError.internal("The upload could not be stored.");
        }
        MessageDigest digest = Uploads.sha256();
        String mimeType = Uploads.nonEmpty(request.getHeader("Content-Type"), Uploads.DEFAULT_MIME_TYPE);
        sink.append(request, spool, maxFileBytes, digest, tooLarge()).onComplete(result -> {
            if (result.failed()) {
                store.release(fileId);
                Uploads.deleteQuietly(spool);
                Uploads.answerFailure(response, result.cause(), null);
                return;
            }
            try {
                StoredFile file = store.add(fileId, null, mimeType, spool, result.result(), Uploads.base64(digest),
                        FileSource.UPLOADED);
                Replies.json(response, FileJson.wrapped(file, baseUrl.get()));
            } catch (IOException e) {
                store.release(fileId);
                Uploads.deleteQuietly(spool);
                Replies.error(response, ApiError.internal("The upload could not be stored."));
            }
        });
    }

    /**
     * The multipart form: the body is spooled (the file's limit plus room for the metadata part), then split on a
     * worker; the metadata is checked as a resumable start's is, and the media part's Content-Type is the MIME type
     * when the metadata names none.
     */
    void multipart(HttpServerRequest request) {
        HttpServerResponse response = request.response();
        String boundary = MultipartBody.boundary(request.getHeader("Content-Type"));
        Path body;
        Path media;
        try {
            body = store.newSpoolFile();
            media = store.newSpoolFile();
        } catch (IOException e) {
            throw ApiError.internal("The upload could not be stored.");
        }
        long allowance = maxFileBytes + Uploads.MAX_METADATA_BYTES + 64 * 1024;
        sink.append(request, body, allowance, Uploads.sha256(), tooLarge()).onComplete(spooled -> {
            if (spooled.failed()) {
                Uploads.deleteQuietly(body);
                Uploads.deleteQuietly(media);
                Uploads.answerFailure(response, spooled.cause(), null);
                return;
            }
            worker.<StoredFile>executeBlocking(() -> {
                String fileId = null;
                try {
                    MultipartBody parts = MultipartBody.split(body, boundary, media);
                    FileMetadata metadata = FileMetadata.parse(parts.metadata());
                    if (parts.size() > maxFileBytes) {
                        throw tooLarge();
                    }
                    if (metadata.sizeBytes() != null && metadata.sizeBytes() != parts.size()) {
                        throw ApiError.invalid("file.size_bytes (" + metadata.sizeBytes() + ") does not match the "
                                + parts.size() + " bytes of the media part.");
                    }
                    String mimeType = metadata.mimeType() != null ? metadata.mimeType()
                            : Uploads.nonEmpty(parts.mediaType(), Uploads.DEFAULT_MIME_TYPE);
                    fileId = store.reserve(metadata.id());
                    return store.add(fileId, metadata.displayName(), mimeType, media, parts.size(),
                            parts.sha256(), FileSource.UPLOADED);
                } catch (RuntimeException | IOException e) {
                    if (fileId != null) {
                        store.release(fileId);
                    }
                    Uploads.deleteQuietly(media);
                    throw e;
                } finally {
                    Uploads.deleteQuietly(body);
                }
            }, false).onComplete(stored -> {
                if (stored.succeeded()) {
                    Replies.json(response, FileJson.wrapped(stored.result(), baseUrl.get()));
                } else if (stored.cause() instanceof ApiError refused) {
                    Replies.error(response, refused);
                } else {
                    LOG.error("Gemini emulator: a multipart upload could not be stored", stored.cause());
                    Replies.error(response, ApiError.internal("The upload could not be stored."));
                }
            });
        });
    }

    private ApiError tooLarge() {
        return ApiError.invalid("File size exceeds the limit: a file may be at most " + maxFileBytes + " bytes.");
    }
}
