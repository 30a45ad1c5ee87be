package dev.caravan.sandbox.openai;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files the emulator holds: metadata in memory, bytes on disk (never in heap), one disk file per File object.
 * Methods that touch the disk block and must run on a worker thread.
 */
final class FileStore {

    private static final Logger LOG = LoggerFactory.getLogger(FileStore.class);

    private final Path dir;
    private final Clock clock;
    private final ConcurrentMap<String, StoredFile> live = new ConcurrentHashMap<>();
    /**
     * The list position of every id ever issued, deleted ones included, so that a client paging through a list while
     * files are deleted (or expire) keeps a valid {@code after} cursor.
     */
    private final ConcurrentMap<String, SortKey> positions = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();

    FileStore(Path dir, Clock clock) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.clock = clock;
    }

    /** Takes ownership of a finished upload: moves it into the store (no copy, same file system). */
    StoredFile adopt(Path upload, String filename, String purpose, Long expiresAfterSeconds) throws IOException {
        String id = IdGenerator.file();
        Path target = dir.resolve(id);
        try {
            Files.move(upload, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(upload, target);
        }
        return register(id, Files.size(target), filename, purpose, expiresAfterSeconds, target);
    }

    private StoredFile register(String id, long bytes, String filename, String purpose, Long expiresAfterSeconds,
            Path path) {
        long createdAt = clock.millis() / 1000;
        Long expiresAt = expiresAfterSeconds != null ? Long.valueOf(createdAt + expiresAfterSeconds)
                : "batch".equals(purpose) ? Long.valueOf(createdAt + FileLimits.BATCH_FILE_TTL_SECONDS) : null;
        StoredFile file = new StoredFile(id, bytes, createdAt, expiresAt, filename, purpose,
                sequence.incrementAndGet(), path);
        positions.put(id, file.sortKey());
        live.put(id, file);
        LOG.debug("Stored {} ({} bytes, purpose {})", id, bytes, purpose);
        return file;
    }

    Optional<StoredFile> find(String id) {
        StoredFile file = id == null ? null : live.get(id);
        return file == null || file.expiredAt(clock.millis()) ? Optional.empty() : Optional.of(file);
    }

    StoredFile require(String id) {
        return find(id).orElseThrow(() -> ApiError.fileNotFound(id));
    }

    CursorPage<StoredFile> list(String purpose, boolean newestFirst, String after, int limit) {
        SortKey cursor = null;
        if (after != null) {
            cursor = positions.get(after);
            if (cursor == null) {
                // An id this store never issued: answer as if past the end. Auto-pagers then stop cleanly instead of
                // failing mid-iteration, and no page can be misread as "the one after" an unknown object.
                return CursorPage.empty();
            }
        }
        long now = clock.millis();
        List<StoredFile> visible = live.values().stream()
                .filter(file -> !file.expiredAt(now))
                .filter(file -> purpose == null || purpose.equals(file.purpose()))
                .toList();
        return CursorPage.slice(visible, StoredFile::sortKey, newestFirst, cursor, limit);
    }

    /** Removes the object and its bytes; false if there was no such (live) file. */
    boolean delete(String id) throws IOException {
        StoredFile file = live.remove(id);
        if (file == null) {
            return false;
        }
        Files.deleteIfExists(file.path());
        return !file.expiredAt(clock.millis());
    }

    /** Expired files vanish from every answer at once (see {@link #find}); this reclaims their disk space. */
    void purgeExpired() {
        long now = clock.millis();
        for (StoredFile file : live.values()) {
            if (file.expiredAt(now) && live.remove(file.id(), file)) {
                try {
                    Files.deleteIfExists(file.path());
                } catch (IOException e) {
                    LOG.warn("Could not delete expired file {}", file.id(), e);
                }
            }
        }
    }

    boolean hasExpired() {
        long now = clock.millis();
        return live.values().stream().anyMatch(file -> file.expiredAt(now));
    }

    /** A new file written line by line by the emulator itself (batch results); registered only on commit. */
    Sink newSink(String filename, String purpose, Long expiresAfterSeconds) {
        return new Sink(filename, purpose, expiresAfterSeconds);
    }

    final class Sink implements Closeable {

        private final String filename;
        private final String purpose;
        private final Long expiresAfterSeconds;
        private final String id = IdGenerator.file();
        private final Path path = dir.resolve(id);
        private OutputStream out;
        private boolean committed;

        private Sink(String filename, String purpose, Long expiresAfterSeconds) {
            this.filename = filename;
            this.purpose = purpose;
            this.expiresAfterSeconds = expiresAfterSeconds;
        }

        /** Opened on first use: a file that would stay empty is never created. */
        void writeLine(byte[] json) throws IOException {
            if (out == null) {
                out = new BufferedOutputStream(Files.newOutputStream(path), 1 << 16);
            }
            out.write(json);
            out.write('\n');
        }

        /** @return the new file's id, or null if nothing was written */
        String commit() throws IOException {
            if (out == null) {
                return null;
            }
            out.close();
            committed = true;
            return register(id, Files.size(path), filename, purpose, expiresAfterSeconds, path).id();
        }

        @Override
        public void close() throws IOException {
            if (!committed && out != null) {
                out.close();
                Files.deleteIfExists(path);
            }
        }
    }
}
