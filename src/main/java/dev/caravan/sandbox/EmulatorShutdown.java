package dev.caravan.sandbox;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How an in-process emulator stops: its own Vert.x instance (servers, timers, workers) within 30 s, then the data
 * directory it wrote, and the shared parent directory once no other emulator uses it. A failure is logged, never
 * thrown: stopping the sandbox must not fail because one emulator stopped untidily.
 */
public final class EmulatorShutdown {

    private static final Logger LOG = LoggerFactory.getLogger(EmulatorShutdown.class);

    private EmulatorShutdown() {
    }

    /** @param emulator how the log names it, e.g. "OpenAI emulator" */
    public static void stop(Vertx vertx, String emulator) {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("{} did not stop cleanly", emulator, e);
        }
    }

    public static void deleteData(Path dir, String emulator) {
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path directory, IOException error) throws IOException {
                    Files.deleteIfExists(directory);
                    return FileVisitResult.CONTINUE;
                }
            });
            try (var siblings = Files.list(dir.getParent())) {
                if (siblings.findAny().isEmpty()) {
                    Files.deleteIfExists(dir.getParent());
                }
            }
        } catch (IOException e) {
            LOG.warn("Could not remove the {}'s data in {}", emulator, dir, e);
        }
    }
}
