package dev.caravan.sandbox.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.genai.Client;
import com.google.genai.types.File;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.UploadFileConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 20 MB file through the official SDK: it sends three resumable chunks (8 MiB, 8 MiB, the rest with finalize), and
 * the emulator streams each to disk and keeps the hash across them.
 */
class GeminiLargeUploadTest {

    static final String KEY = "AIza-large-upload-0123456789";

    @TempDir
    Path dataDir;

    @TempDir
    Path tmp;

    @Test
    void aFileOfSeveralChunksArrivesWhole() throws Exception {
        Path input = tmp.resolve("large.jsonl");
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        long size = write(input, 20 * 1024 * 1024, sha);

        try (GeminiEmulator emulator = new GeminiEmulator(GeminiEmulatorSettings.defaults(dataDir, KEY))
                .start("127.0.0.1", 0);
             Client client = Client.builder().apiKey(KEY)
                     .httpOptions(HttpOptions.builder().baseUrl(emulator.baseUrl()).build()).build()) {
            File uploaded = client.files.upload(input.toString(),
                    UploadFileConfig.builder().mimeType("application/jsonl").build());

            assertEquals(size, uploaded.sizeBytes().orElseThrow());
            assertEquals(Base64.getEncoder().encodeToString(sha.digest()), uploaded.sha256Hash().orElseThrow());
        }
    }

    /** JSONL lines up to {@code bytes}; returns the size written. */
    private static long write(Path file, int bytes, MessageDigest sha) throws IOException {
        long written = 0;
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; written < bytes; i++) {
                byte[] line = ("{\"key\":\"k" + i + "\",\"request\":{\"contents\":[{\"parts\":[{\"text\":\"line "
                        + i + "\"}]}]}}\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
                out.write(line);
                sha.update(line);
                written += line.length;
            }
        }
        return written;
    }
}
