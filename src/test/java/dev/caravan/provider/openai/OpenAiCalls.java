package dev.caravan.provider.openai;

import com.openai.core.MultipartField;
import com.openai.models.batches.BatchCreateParams;
import com.openai.models.files.FileCreateParams;
import com.openai.models.files.FilePurpose;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Requests the fault tests send with the official SDK. */
final class OpenAiCalls {

    private OpenAiCalls() {
    }

    /** The SDK sends no filename for bare bytes; the API needs one. */
    static FileCreateParams upload(String filename, byte[] content, FilePurpose purpose) {
        return FileCreateParams.builder()
                .file(MultipartField.<InputStream>builder().value(new ByteArrayInputStream(content))
                        .filename(filename).build())
                .purpose(purpose)
                .build();
    }

    /** A valid one-line batch input file. */
    static FileCreateParams batchInput(String filename) {
        String line = "{\"custom_id\":\"req-1\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\",\"body\":"
                + "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}}\\n";
        return upload(filename, line.getBytes(StandardCharsets.UTF_8), FilePurpose.BATCH);
    }

    static BatchCreateParams batchOf(String inputFileId) {
        return BatchCreateParams.builder().inputFileId(inputFileId)
                .endpoint(BatchCreateParams.Endpoint.V1_CHAT_COMPLETIONS)
                .completionWindow(BatchCreateParams.CompletionWindow._24H)
                .build();
    }
}
