package dev.caravan.jsonl;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.caravan.jsonl.canonical.BatchRequest;
import java.io.IOException;

/**
 * Writes one canonical request as a line of a provider's format: exactly one JSON object, no newline. Anything the
 * format cannot express (a parameter, an image, a role) is a {@link LineError}, never left out.
 */
public interface RequestLineWriter {

    void write(BatchRequest request, JsonGenerator out) throws IOException;
}
