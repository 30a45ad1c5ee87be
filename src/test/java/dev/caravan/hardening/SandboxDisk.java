package dev.caravan.hardening;

import dev.caravan.sandbox.Sandbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the sandbox's S3 store keeps its objects on disk, so a test can look for a file that escaped its bucket.
 * Sandbox does not expose its data directory (nothing in production needs it), so the test reads the private field;
 * the layout is Sandbox's own: {@code <dataDir>/s3/<bucket>/<key as a relative path>}.
 */
final class SandboxDisk {

    private final Path dataDir;

    SandboxDisk(Sandbox sandbox) {
        try {
            Field field = Sandbox.class.getDeclaredField("dataDir");
            field.setAccessible(true);
            this.dataDir = ((Path) field.get(sandbox)).toAbsolutePath().normalize();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Sandbox has no dataDir field any more: update this test", e);
        }
    }

    Path dataDir() {
        return dataDir;
    }

    Path bucketDir(String bucket) {
        return dataDir.resolve("s3").resolve(bucket);
    }

    /**
     * Every path whose file name contains {@code marker}: anywhere under the data directory, and directly in the
     * directories a {@code ../} chain from a bucket reaches (the data directory's parent and grandparent).
     */
    List<Path> pathsNamed(String marker) {
        List<Path> found = new ArrayList<>();
        walk(dataDir, Integer.MAX_VALUE, marker, found);
        for (Path up = dataDir.getParent(); up != null && found.size() < 1000; up = up.getParent()) {
            walk(up, 1, marker, found);
            if (up.equals(dataDir.getParent().getParent())) {
                break;
            }
        }
        return found;
    }

    /** The paths named {@code marker} that are not inside {@code bucket}'s directory. */
    List<Path> escapedFrom(String bucket, String marker) {
        Path inside = bucketDir(bucket).toAbsolutePath().normalize();
        return pathsNamed(marker).stream().filter(path -> !path.toAbsolutePath().normalize().startsWith(inside))
                .toList();
    }

    private static void walk(Path root, int depth, String marker, List<Path> found) {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root, depth)) {
            paths.filter(path -> path.getFileName() != null && path.getFileName().toString().contains(marker))
                    .forEach(found::add);
        } catch (IOException | UncheckedIOException e) {
            // a directory we may not read (e.g. another user's under /tmp) cannot hold our marker file either
        }
    }
}
