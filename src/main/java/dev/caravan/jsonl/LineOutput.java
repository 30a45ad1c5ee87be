package dev.caravan.jsonl;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.caravan.wire.Json;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;

/** JSON lines onto an OutputStream: one generator for the whole file, a newline after each object. */
final class LineOutput implements Closeable {

    private final JsonGenerator json;

    LineOutput(OutputStream out) throws IOException {
        json = Json.MAPPER.getFactory().createGenerator(out);
        json.setRootValueSeparator(null);
    }

    JsonGenerator json() {
        return json;
    }

    void endLine() throws IOException {
        json.writeRaw('\n');
    }

    @Override
    public void close() throws IOException {
        json.flush();
    }
}
