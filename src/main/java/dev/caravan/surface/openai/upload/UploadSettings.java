package dev.caravan.surface.openai.upload;

import dev.caravan.jsonl.BatchInputValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutorService;

/**
 * How uploads are read: whether OpenAI uploads stream ({@code caravan.openai.stream-uploads}), the request body limit
 * ({@code camel.server.max-body-size}), how long a body may stall ({@code caravan.openai.body-idle-timeout}), where
 * spool files go ({@code camel.server.file-upload-directory}), the batch file checks, and the workers that run them
 * while a file streams.
 */
public record UploadSettings(boolean streaming, long maxBodyBytes, Duration idleTimeout, Path spoolDirectory,
                             BatchInputValidator validator, ExecutorService workers) {

    Path newSpoolFile() throws IOException {
        Files.createDirectories(spoolDirectory);
        return spoolDirectory.resolve("caravan-upload-" + UUID.randomUUID());
    }
}
