package dev.caravan.model.command;

import java.io.InputStream;
import java.util.Map;

/**
 * A file part that is still arriving from the caller, for a provider that sends it on as it comes. Nothing may be
 * completed upstream before {@link #complete()} returned: until then the caller's request may still turn out to be
 * incomplete, invalid or meant for another provider.
 */
public interface ArrivingFile {

    /** The file's bytes as they arrive; end of stream where the file part ends. One reader. */
    InputStream bytes();

    /**
     * Waits for the rest of the caller's request and for every check on the whole file; throws when the upload must
     * not be completed upstream (the caller then hears why). Call after {@link #bytes()} ended.
     *
     * @return the forwarded fields that came after the file part, to be sent after it
     */
    Map<String, String> complete();
}
