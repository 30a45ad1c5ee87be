package dev.caravan.provider.gemini;

import dev.caravan.model.Batch;
import dev.caravan.model.BatchPage;
import dev.caravan.model.FileObject;
import dev.caravan.model.FilePage;
import dev.caravan.model.GatewayError;
import dev.caravan.model.command.ListBatches;
import dev.caravan.model.command.ListFiles;
import dev.caravan.model.command.StorageConfig;
import java.util.List;
import org.apache.camel.Exchange;

/** Starts and ends the {@link ListScan} of a files or batches list; the route reads Gemini's pages in between. */
public class GeminiListings {

    /** The exchange property holding the scan while Gemini's pages are read. */
    static final String SCAN = "caravanGeminiListScan";
    /** OpenAI's default and largest files page. */
    private static final int MAX_FILES = 10_000;
    /** OpenAI's default batches page, and its largest. */
    private static final int DEFAULT_BATCHES = 20;
    private static final int MAX_BATCHES = 100;

    /**
     * Gemini's uploaded files. The files Gemini generates (a batch's responses) are left out: callers reach them, as
     * OpenAI output lines, through their batch's output and error file ids. Gemini has no list order parameter and
     * documents no order, so {@code order} is refused rather than promised.
     */
    public void files(ListFiles list, Exchange exchange) {
        if (list.order() != null) {
            throw GatewayError.invalid("order", "Provider 'gemini' lists files in Gemini's own order; 'order' is not "
                    + "supported.");
        }
        if (!StorageConfig.NONE.equals(list.storage())) {
            throw GatewayError.invalid("storage_config", "Provider 'gemini' keeps its files in Gemini's Files API; "
                    + "storage_config is for provider 'bedrock'.");
        }
        int limit = limit(list.limit(), MAX_FILES, MAX_FILES);
        String after = null;
        if (list.after() != null && !list.after().isBlank()) {
            after = afterFile(list.after());
        }
        boolean batchFiles = list.purpose() == null || list.purpose().equals(GeminiFileMapping.PURPOSE);
        exchange.setProperty(SCAN, new ListScan<FileObject>(after, limit, "files",
                file -> batchFiles && !GeminiFileMapping.generated(file), GeminiFileMapping::file));
    }

    /** The model filter some providers need is not one Gemini's list has; as for OpenAI, it does not narrow it. */
    public void batches(ListBatches list, Exchange exchange) {
        int limit = limit(list.limit(), DEFAULT_BATCHES, MAX_BATCHES);
        String after = null;
        if (list.after() != null && !list.after().isBlank()) {
            after = afterBatch(list.after());
        }
        exchange.setProperty(SCAN, new ListScan<Batch>(after, limit, "operations", operation -> true,
                operation -> GeminiBatchMapping.batch(operation, null)));
    }

    @SuppressWarnings("unchecked")
    public FilePage filePage(Exchange exchange) {
        ListScan<FileObject> scan = exchange.getProperty(SCAN, ListScan.class);
        return new FilePage(List.copyOf(scan.items()), scan.hasMore());
    }

    @SuppressWarnings("unchecked")
    public BatchPage batchPage(Exchange exchange) {
        ListScan<Batch> scan = exchange.getProperty(SCAN, ListScan.class);
        return new BatchPage(List.copyOf(scan.items()), scan.hasMore());
    }

    private static int limit(Integer requested, int byDefault, int max) {
        int limit = requested == null ? byDefault : requested;
        if (limit < 1 || limit > max) {
            throw GatewayError.invalid("limit", "'limit' must be between 1 and " + max + ".");
        }
        return limit;
    }

    private static String afterFile(String after) {
        try {
            if (GeminiFileId.parse(after) instanceof GeminiFileId.Uploaded uploaded) {
                return uploaded.name();
            }
        } catch (GatewayError notAFile) {
            // answered below: a cursor that names no file is the caller's mistake in this request, not a lookup
        }
        throw GatewayError.invalid("after", "'after' must be the id of a file of provider 'gemini' from this list.");
    }

    private static String afterBatch(String after) {
        try {
            return GeminiBatchId.parse(after, "after").name();
        } catch (GatewayError notABatch) {
            throw GatewayError.invalid("after", "'after' must be the id of a batch of provider 'gemini' from this "
                    + "list.");
        }
    }
}
