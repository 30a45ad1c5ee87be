package dev.caravan.provider.gemini;

import dev.caravan.model.FileContent;
import dev.caravan.model.FileDeleted;
import dev.caravan.model.FileObject;
import dev.caravan.model.GatewayError;
import dev.caravan.store.CaravanStore;
import dev.caravan.store.StoredObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.camel.Exchange;

/**
 * Copies of uploaded batch input files, as uploaded, in Caravan's store ({@code gemini/files/<id>}).
 *
 * <p>Why: Gemini never serves the bytes of a file someone uploaded (only generated files have a download URI), yet
 * OpenAI callers read their input files back with files.content, and DESIGN §4 has that return the file in the line
 * format it was uploaded in, which Gemini, holding the converted lines, could not do anyway. The copy's metadata
 * records that format and the one model the lines named, so a batch created from the file without a {@code model}
 * runs that one. Gemini's display name holds the caller's filename only: it is what a Gemini user sees, and nothing
 * a listing needs lives anywhere else. With {@code caravan.gemini.files.keep-copy=false} nothing is copied and
 * files.content of an uploaded file is refused.
 *
 * <p>The copy is written after Gemini accepted the file (its key is Gemini's name for it). When the copy cannot be
 * written, the Gemini file is deleted again and the upload fails, so an upload either leaves both or neither.
 * Copies live until the file is deleted through Caravan; Gemini deletes its files after 48 hours by itself, and a
 * copy whose file Gemini no longer has is never served (content asks Gemini first).
 */
public class GeminiFileCopies {

    static final String PREFIX = "gemini/";
    /** Where the line format a file was uploaded in is recorded (DESIGN §4: the source format in the metadata). */
    static final String FORMAT_METADATA = "caravan-line-format";
    /** Where the model the file's lines named is recorded, when they named one. */
    static final String MODEL_METADATA = "caravan-model";

    private final boolean enabled;
    private final Supplier<CaravanStore> store;
    private final Consumer<String> discardUpstream;

    /** {@code discardUpstream} deletes a Gemini file by name, quietly: it undoes an upload whose copy failed. */
    public GeminiFileCopies(boolean enabled, Supplier<CaravanStore> store, Consumer<String> discardUpstream) {
        this.enabled = enabled;
        this.store = store;
        this.discardUpstream = discardUpstream;
    }

    /** After Gemini accepted the upload: the copy, then the file object the caller gets. */
    public FileObject keep(FileObject uploaded, Exchange exchange) {
        if (!enabled) {
            return uploaded;
        }
        UploadPlan plan = exchange.getProperty(GeminiUploads.PLAN, UploadPlan.class);
        String name = ((GeminiFileId.Uploaded) GeminiFileId.parse(uploaded.id())).name();
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(FORMAT_METADATA, plan.sourceFormat().name());
        if (plan.model() != null) {
            metadata.put(MODEL_METADATA, plan.model());
        }
        try {
            store.get().put(PREFIX + name, plan.upload().content(), plan.upload().bytes(), "application/jsonl",
                    metadata);
        } catch (RuntimeException copyFailed) {
            discardUpstream.accept(name);
            throw copyFailed;
        }
        return uploaded;
    }

    /** The file as it was uploaded, streaming from the store. */
    public FileContent content(String name, String fileId) {
        if (!enabled) {
            throw GatewayError.invalid("file_id", "Gemini does not serve the content of uploaded files, and this "
                    + "Caravan keeps no copies of them (caravan.gemini.files.keep-copy=false).");
        }
        return store.get().open(PREFIX + name)
                .map(content -> new FileContent(content.body(), "application/jsonl"))
                .orElseThrow(() -> GatewayError.invalid("file_id", "Gemini does not serve the content of uploaded "
                        + "files, and Caravan holds no copy of " + fileId + ": it was not uploaded through Caravan."));
    }

    /** The model the file's lines named, when Caravan recorded one. */
    public Optional<String> model(String name) {
        if (!enabled) {
            return Optional.empty();
        }
        return store.get().head(PREFIX + name).map(StoredObject::metadata)
                .map(metadata -> metadata.get(MODEL_METADATA));
    }

    /** The uploaded file a files.content names, from its copy; Gemini has confirmed the file is there. */
    public FileContent contentOf(Exchange exchange) {
        GeminiFileId.Uploaded file = exchange.getProperty(GeminiUpstreamRequests.FILE, GeminiFileId.Uploaded.class);
        return content(file.name(), file.id());
    }

    /** Once Gemini deleted the file: its copy goes too (there may be none). */
    public FileDeleted afterDelete(FileDeleted deleted, Exchange exchange) {
        if (enabled) {
            GeminiFileId.Uploaded file = exchange.getProperty(GeminiUpstreamRequests.FILE,
                    GeminiFileId.Uploaded.class);
            store.get().delete(PREFIX + file.name());
        }
        return deleted;
    }
}
