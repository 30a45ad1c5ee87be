package dev.caravan.sandbox.gemini;

import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /upload/v1beta/files}: the resumable protocol the SDKs use (provider-apis.md §4.1); the two
 * single-request forms of §4.2 go to {@link SingleRequestUploads}. Bytes are streamed to disk as they arrive.
 *
 * <p>Resumable: the start (key required) answers 200 with an absolute {@code X-Goog-Upload-URL} built from the
 * request's Host, {@code .../upload/v1beta/files?upload_id=...&upload_protocol=resumable} as Google's are; that URL
 * is the credential for the chunks, which need no key. Each chunk says {@code upload} or {@code upload, finalize}
 * and its {@code X-Goog-Upload-Offset}, which must be the number of bytes received so far. {@code query} reports the
 * bytes received, {@code cancel} drops the session.
 *
 * <p>UNCONFIRMED (the reference has the happy path only): a wrong offset, bytes past the declared size and a finalize
 * short of it are 400 INVALID_ARGUMENT with the session left {@code active} as it was (the answer carries
 * {@code X-Goog-Upload-Status: active} and {@code X-Goog-Upload-Size-Received}, so a client can resume); an unknown or
 * finished session is 404 NOT_FOUND. A file over the size limit (2 GB) is 400 INVALID_ARGUMENT, at the start when
 * declared, else when the bytes pass it.
 */
final class Uploads {

    static final String PATH = "/upload/v1beta/files";
    static final int MAX_METADATA_BYTES = 1 << 20;
    static final String DEFAULT_MIME_TYPE = "application/octet-stream";
    static final java.time.Duration SESSION_TIME_TO_LIVE = java.time.Duration.ofDays(7);
    private static final Logger LOG = LoggerFactory.getLogger(Uploads.class);

    private final Map<String, UploadSession> sessions = new ConcurrentHashMap<>();
    private final FileStore store;
    private final BodySink sink;
    private final long maxFileBytes;
    private final Supplier<String> baseUrl;
    private final SingleRequestUploads singleRequest;

    Uploads(Vertx vertx, WorkerExecutor worker, FileStore store, long maxFileBytes, Supplier<String> baseUrl) {
        this.singleRequest = new SingleRequestUploads(new BodySink(vertx), worker, store, maxFileBytes, baseUrl);
        this.store = store;
        this.sink = new BodySink(vertx);
        this.maxFileBytes = maxFileBytes;
        this.baseUrl = baseUrl;
    }

    /** A POST to the upload path without an {@code upload_id}: the key was checked. */
    void begin(HttpServerRequest request) {
        String protocol = header(request, "X-Goog-Upload-Protocol");
        String uploadType = request.getParam("uploadType");
        if ("resumable".equals(protocol) || "resumable".equals(uploadType)) {
            String command = header(request, "X-Goog-Upload-Command");
            if (!"start".equals(command)) {
                throw ApiError.invalid("A resumable upload starts with X-Goog-Upload-Command: start, not "
                        + (command == null ? "no command" : "'" + command + "'") + ".");
            }
            start(request);
        } else if ("multipart".equals(protocol) || "multipart".equals(uploadType)) {
            singleRequest.multipart(request);
        } else {
            singleRequest.simple(request);
        }
    }

    private void start(HttpServerRequest request) {
        Long headerSize = declaredLength(request);
        BodySink.small(request, MAX_METADATA_BYTES).onComplete(body -> {
            HttpServerResponse response = request.response();
            if (body.failed()) {
                answerFailure(response, body.cause(), null);
                return;
            }
            String fileId = null;
            try {
                FileMetadata metadata = FileMetadata.parse(parse(body.result()));
                if (headerSize != null && metadata.sizeBytes() != null
                        && !headerSize.equals(metadata.sizeBytes())) {
                    throw ApiError.invalid("file.size_bytes (" + metadata.sizeBytes() + ") does not match "
                            + "X-Goog-Upload-Header-Content-Length (" + headerSize + ").");
                }
                Long declared = headerSize != null ? headerSize : metadata.sizeBytes();
                if (declared != null && declared > maxFileBytes) {
                    throw tooLarge();
                }
                String mimeType = metadata.mimeType() != null ? metadata.mimeType()
                        : nonEmpty(header(request, "X-Goog-Upload-Header-Content-Type"), DEFAULT_MIME_TYPE);
                fileId = store.reserve(metadata.id());
                UploadSession session = new UploadSession(Ids.upload(), fileId, metadata.displayName(), mimeType,
                        declared, store.newSpoolFile(), sha256(), store.clock().millis());
                sessions.put(session.uploadId, session);
                String url = uploadUrl(request, session.uploadId);
                response.setStatusCode(200)
                        .putHeader("X-Goog-Upload-Status", "active")
                        .putHeader("X-Goog-Upload-URL", url)
                        .putHeader("X-Goog-Upload-Control-URL", url)
                        // UNCONFIRMED: the granularity Google announces; chunks of any size are taken here
                        .putHeader("X-Goog-Upload-Chunk-Granularity", Integer.toString(8 * 1024 * 1024))
                        .putHeader("Content-Length", "0")
                        .end();
            } catch (ApiError refused) {
                if (fileId != null) {
                    store.release(fileId);
                }
                Replies.error(response, refused);
            } catch (IOException e) {
                if (fileId != null) {
                    store.release(fileId);
                }
                LOG.error("Gemini emulator: no spool file for an upload", e);
                Replies.error(response, ApiError.internal("The upload could not be started."));
            }
        });
    }

    /** A POST to an upload URL: no key needed, the session id is the credential. */
    void chunk(HttpServerRequest request, String uploadId) {
        HttpServerResponse response = request.response();
        UploadSession session = sessions.get(uploadId);
        if (session == null) {
            throw ApiError.notFound("Upload session " + uploadId + " not found: it never existed, was cancelled, "
                    + "or has been finalized.");
        }
        try {
            receive(request, session);
        } catch (ApiError refused) {
            // the session stays as it was: the answer says so, so the client can resume
            request.resume();
            Replies.error(activeHeaders(response, session), refused);
        }
    }

    private void receive(HttpServerRequest request, UploadSession session) {
        HttpServerResponse response = request.response();
        String command = nonEmpty(header(request, "X-Goog-Upload-Command"), "").toLowerCase(Locale.ROOT);
        boolean upload = command.contains("upload");
        boolean finalize = command.contains("finalize");
        if (command.contains("query")) {
            request.resume();
            activeHeaders(response, session).setStatusCode(200).putHeader("Content-Length", "0").end();
            return;
        }
        if (command.contains("cancel")) {
            request.resume();
            sessions.remove(session.uploadId);
            discard(session);
            response.setStatusCode(200).putHeader("X-Goog-Upload-Status", "cancelled")
                    .putHeader("Content-Length", "0").end();
            return;
        }
        if (!upload && !finalize) {
            throw ApiError.invalid("X-Goog-Upload-Command must be 'upload', 'upload, finalize', 'finalize', "
                    + "'query' or 'cancel'.");
        }
        if (session.busy) {
            throw ApiError.invalid("Another chunk of this upload is still being received.");
        }
        long offset = offset(request, session);
        long allowance = (session.declaredSize != null ? session.declaredSize : maxFileBytes) - offset;
        if (!upload) {
            request.resume(); // 'finalize' alone: no bytes
            finish(response, session);
            return;
        }
        String length = request.getHeader("Content-Length");
        if (length != null && length.chars().allMatch(Character::isDigit) && !length.isEmpty()
                && (length.length() > 18 || Long.parseLong(length) > allowance)) {
            throw overflow(session, offset);
        }
        session.busy = true;
        MessageDigest before = session.digest;
        MessageDigest working = copy(before);
        sink.append(request, session.spool, allowance, working, overflow(session, offset)).onComplete(result -> {
            session.busy = false;
            if (result.failed()) {
                rollBack(session, offset);
                answerFailure(response, result.cause(), session);
                return;
            }
            session.received = offset + result.result();
            session.digest = working;
            session.touchedAt = store.clock().millis();
            if (finalize) {
                finish(response, session);
            } else {
                activeHeaders(response, session).setStatusCode(200).putHeader("Content-Length", "0").end();
            }
        });
    }

    private void finish(HttpServerResponse response, UploadSession session) {
        if (session.declaredSize != null && session.received != session.declaredSize) {
            Replies.error(activeHeaders(response, session), ApiError.invalid("Failed to finalize the upload: "
                    + session.received + " bytes were received, but " + session.declaredSize
                    + " were declared (X-Goog-Upload-Header-Content-Length)."));
            return;
        }
        sessions.remove(session.uploadId);
        try {
            StoredFile file = store.add(session.fileId, session.displayName, session.mimeType, session.spool,
                    session.received, base64(session.digest), FileSource.UPLOADED);
            response.putHeader("X-Goog-Upload-Status", "final");
            Replies.json(response, FileJson.wrapped(file, baseUrl.get()));
        } catch (IOException e) {
            LOG.error("Gemini emulator: an upload could not be stored", e);
            discard(session);
            Replies.error(response, ApiError.internal("The upload could not be stored."));
        }
    }

    /**
     * Periodic: drops sessions no chunk has reached for a week, and their bytes. UNCONFIRMED: Google documents
     * resumable sessions as expiring after about a week; a late chunk is then 404 NOT_FOUND here.
     */
    void tick() {
        long now = store.clock().millis();
        sessions.values().removeIf(session -> {
            if (session.busy || now - session.touchedAt < SESSION_TIME_TO_LIVE.toMillis()) {
                return false;
            }
            discard(session);
            return true;
        });
    }

    /** Drops every session's spooled bytes (the emulator is stopping). */
    void closeAll() {
        sessions.values().forEach(this::discard);
        sessions.clear();
    }

    private long offset(HttpServerRequest request, UploadSession session) {
        String value = header(request, "X-Goog-Upload-Offset");
        long offset;
        try {
            offset = Long.parseLong(value == null ? "" : value.trim());
        } catch (NumberFormatException e) {
            throw ApiError.invalid("X-Goog-Upload-Offset is required: the number of bytes sent before this chunk.");
        }
        if (offset != session.received) {
            throw ApiError.invalid("Invalid X-Goog-Upload-Offset " + offset + ": the upload has received "
                    + session.received + " bytes, so the next chunk must start at offset " + session.received + ".");
        }
        return offset;
    }

    private ApiError overflow(UploadSession session, long offset) {
        if (session.declaredSize == null) {
            return tooLarge();
        }
        return ApiError.invalid("The chunk at offset " + offset + " goes past the declared size of "
                + session.declaredSize + " bytes (X-Goog-Upload-Header-Content-Length).");
    }

    ApiError tooLarge() {
        return ApiError.invalid("File size exceeds the limit: a file may be at most " + maxFileBytes + " bytes.");
    }

    private static HttpServerResponse activeHeaders(HttpServerResponse response, UploadSession session) {
        return response.putHeader("X-Goog-Upload-Status", "active")
                .putHeader("X-Goog-Upload-Size-Received", Long.toString(session.received));
    }

    static void answerFailure(HttpServerResponse response, Throwable cause, UploadSession session) {
        if (cause instanceof ApiError refused) {
            Replies.error(session != null ? activeHeaders(response, session) : response, refused);
        } else {
            // the body broke off: nobody is left to answer
            LOG.debug("Gemini emulator: an upload body broke off: {}", cause.toString());
        }
    }

    private static void rollBack(UploadSession session, long offset) {
        try (var channel = java.nio.channels.FileChannel.open(session.spool,
                java.nio.file.StandardOpenOption.WRITE)) {
            channel.truncate(offset);
        } catch (IOException e) {
            LOG.warn("Gemini emulator: upload {} could not be rolled back to {} bytes", session.fileId, offset, e);
        }
    }

    private void discard(UploadSession session) {
        store.release(session.fileId);
        deleteQuietly(session.spool);
    }

    static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.debug("Gemini emulator: {} not removed: {}", path, e.toString());
        }
    }

    private static Long declaredLength(HttpServerRequest request) {
        String value = header(request, "X-Goog-Upload-Header-Content-Length");
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            long size = Long.parseLong(value.trim());
            if (size < 0) {
                throw new NumberFormatException();
            }
            return size;
        } catch (NumberFormatException e) {
            throw ApiError.invalid("Invalid X-Goog-Upload-Header-Content-Length: " + value);
        }
    }

    /** The upload URL on the address the client used (its Host header), as Google builds it. */
    private static String uploadUrl(HttpServerRequest request, String uploadId) {
        String host = request.getHeader("Host");
        if (host == null || host.isBlank()) {
            host = request.localAddress().hostAddress() + ":" + request.localAddress().port();
        }
        return request.scheme() + "://" + host + PATH + "?upload_id=" + uploadId + "&upload_protocol=resumable";
    }

    private static com.fasterxml.jackson.databind.JsonNode parse(Buffer body) {
        if (body.length() == 0) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(body.getBytes());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ApiError.invalid("Invalid JSON payload received. " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ApiError.invalid("Invalid JSON payload received.");
        }
    }

    private static String header(HttpServerRequest request, String name) {
        String value = request.getHeader(name);
        return value == null ? null : value.trim();
    }

    static String nonEmpty(String value, String fallback) {
        return value == null || value.isEmpty() ? fallback : value;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory in every JRE", e);
        }
    }

    private static MessageDigest copy(MessageDigest digest) {
        try {
            return (MessageDigest) digest.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's SHA-256 is cloneable", e);
        }
    }

    static String base64(MessageDigest digest) {
        return Base64.getEncoder().encodeToString(digest.digest());
    }

}
