package dev.caravan.jsonl.bedrock;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.caravan.jsonl.canonical.BatchRequest;
import java.io.IOException;

/**
 * Writes one family's {@code modelInput}. Checking and writing are separate so that a line the body cannot express
 * fails before any of it is written.
 */
interface ModelInputWriter {

    /** Refuses whatever the body has no place for; returns the conversation to write (null for embeddings). */
    Conversation check(BatchRequest request, Target target);

    void write(BatchRequest request, Target target, Conversation conversation, JsonGenerator out) throws IOException;
}
