package dev.caravan.provider.gemini;

import dev.caravan.model.FileContent;
import dev.caravan.model.FileObject;
import dev.caravan.provider.ResultsFileObject;
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

    public FileObject describe(ResultsDownload download) throws IOException {
        GeminiFileId.Results file = download.location().file();
        return ResultsFileObject.counted(file.id(), file.filename(), download.location().endedAt(), download.lines());
    }
}
