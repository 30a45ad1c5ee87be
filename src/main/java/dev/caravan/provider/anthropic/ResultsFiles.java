package dev.caravan.provider.anthropic;

import dev.caravan.model.FileContent;
import dev.caravan.model.FileObject;
import dev.caravan.provider.ResultsFileObject;
import java.io.IOException;

/**
 * A batch's output and error files, which Anthropic does not have as files: each is its batch's results, converted to
 * OpenAI batch output lines as they stream from Anthropic (DESIGN §4).
 */
public class ResultsFiles {

    static final String CONTENT_TYPE = "application/octet-stream";

    public FileContent content(ResultsDownload download) {
        return new FileContent(download.lines(), CONTENT_TYPE);
    }

    public FileObject describe(ResultsDownload download) throws IOException {
        return ResultsFileObject.counted(download.file().id(), download.file().filename(),
                download.location().endedAt(), download.lines());
    }
}
