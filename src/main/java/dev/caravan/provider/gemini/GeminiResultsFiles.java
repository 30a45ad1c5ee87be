package dev.caravan.provider.gemini;

import dev.caravan.model.FileContent;
import dev.caravan.model.FileObject;
import java.io.IOException;

/**
 * A batch's output and error files. Gemini writes one responses file per batch, both kinds of line in it; each of
 * the two OpenAI files is that file converted to OpenAI batch output lines as it streams from Gemini (DESIGN §4),
 * keeping its half.
 */
public class GeminiResultsFiles {

    static final String CONTENT_TYPE = "application/octet-stream";

    public FileContent content(ResultsDownload download) {
        return new FileContent(download.lines(), CONTENT_TYPE);
    }

    /**
     * The file object. Its size is that of the converted lines, which exist only as they are produced: they are
     * produced and counted, one pass in constant memory, so {@code bytes} is exactly what a download returns.
     */
    public FileObject describe(ResultsDownload download) throws IOException {
        long bytes = 0;
        try (var lines = download.lines()) {
            byte[] buffer = new byte[64 * 1024];
            for (int read = lines.read(buffer); read != -1; read = lines.read(buffer)) {
                bytes += read;
            }
        }
        GeminiFileId.Results file = download.location().file();
        return new FileObject(file.id(), bytes, download.location().endedAt(), null, file.filename(), "batch_output",
                "processed");
    }
}
