package dev.caravan.provider.anthropic;

import java.io.Closeable;
import java.io.IOException;

/**
 * The requests of one message batch, each an Anthropic request object {@code {custom_id, params}} as JSON text. A
 * source can be read more than once (checked, then sent), each time from the start, and says how to name a request
 * in an error.
 */
interface RequestSource {

    /** The requests from the first; close what is returned. */
    Requests open() throws IOException;

    /** How an error names the request at {@code index} (0-based), e.g. {@code requests[3]}. */
    String where(int index);

    /** The request parameter an error points at ({@code requests}, {@code input_file_id}). */
    String param();

    /** One pass over the requests. */
    interface Requests extends Closeable {

        /** The next request's JSON, or null after the last. */
        String next() throws IOException;
    }
}
