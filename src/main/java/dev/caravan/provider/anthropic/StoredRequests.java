package dev.caravan.provider.anthropic;

import dev.caravan.jsonl.ConversionSettings;
import dev.caravan.jsonl.ConvertedLines;
import dev.caravan.jsonl.LineFormat;
import dev.caravan.jsonl.RequestFormats;
import dev.caravan.store.CaravanStore;
import dev.caravan.store.StoredContent;
import java.io.IOException;

/**
 * A batch input file in Caravan's store, in whatever line format it was uploaded, converted to Anthropic request
 * lines as it is read (RequestConversion: every line checked on the way, line-numbered errors). Each pass reads the
 * file from the store again, so a file of any size flows through in constant memory.
 */
final class StoredRequests implements RequestSource {

    static final String PARAM = "input_file_id";

    private final CaravanStore store;
    private final AnthropicFileId.Stored file;
    private final ConversionSettings settings;

    StoredRequests(CaravanStore store, AnthropicFileId.Stored file, ConversionSettings settings) {
        this.store = store;
        this.file = file;
        this.settings = settings;
    }

    @Override
    public Requests open() {
        StoredContent content = store.open(file.key().key()).orElseThrow(() -> AnthropicFileId.notFound(file.id()));
        ConvertedLines lines = RequestFormats.conversion().convert(content.body(), LineFormat.ANTHROPIC, settings);
        return new Requests() {
            @Override
            public String next() {
                return lines.hasNext() ? lines.next() : null;
            }

            @Override
            public void close() throws IOException {
                lines.close();
            }
        };
    }

    @Override
    public String where(int index) {
        return "input file, request " + (index + 1);
    }

    @Override
    public String param() {
        return PARAM;
    }
}
