package dev.caravan.model.command;

import dev.caravan.model.Operation;
import java.nio.file.Path;
import java.util.Map;

/**
 * An upload whose bytes already sit in a local spool file ({@code content}); {@code fields} are the caller's other
 * form fields that the provider may forward (Caravan's own routing fields removed).
 */
public record UploadFile(String requestedProvider, String filename, String purpose, Path content, long bytes,
                         Map<String, String> fields, StorageConfig storage) implements Command {

    @Override
    public Operation operation() {
        return Operation.FILES_UPLOAD;
    }
}
