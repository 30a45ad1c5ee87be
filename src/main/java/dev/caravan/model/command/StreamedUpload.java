package dev.caravan.model.command;

import dev.caravan.model.Operation;
import java.util.Map;

/**
 * An upload passed on while its file part arrives ({@link UploadFile} is the same upload once spooled whole):
 * {@code fields} are the forwarded form fields that came before the file part.
 */
public record StreamedUpload(String requestedProvider, String filename, String purpose, Map<String, String> fields,
                             ArrivingFile file) implements Command {

    @Override
    public Operation operation() {
        return Operation.FILES_UPLOAD;
    }
}
