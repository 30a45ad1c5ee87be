package dev.caravan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.HttpResponse;
import com.openai.models.files.FileCreateParams;
import com.openai.models.files.FileObject;
import com.openai.models.files.FilePurpose;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * DESIGN §7 in practice: the packaged jar, started as a user starts it ({@code java -jar target/caravan.jar
 * --sandbox}) but with a 256 MB heap, takes a 200 MB batch file from the OpenAI SDK and gives it back byte for
 * byte. The emulator runs in the same JVM, so the heap bound covers both. Figures go to
 * {@code target/large-transfer/report.txt}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LargeFileTransferIT {

    private static final int LINES = 50_000;
    private static final int LINE_BYTES = 4_000;
    private static final long FILE_BYTES = (long) LINES * LINE_BYTES;
    private static final Path WORK = Path.of("target", "large-transfer");

    private SmallHeapCaravan caravan;
    private String baseUrl;

    @BeforeAll
    void startCaravanWithSmallHeap() throws Exception {
        caravan = SmallHeapCaravan.start(WORK);
        baseUrl = caravan.baseUrl();
    }

    @AfterAll
    void stopCaravan() throws InterruptedException {
        if (caravan != null) {
            caravan.close();
        }
    }

    @Test
    void a_200_mb_batch_file_goes_up_and_comes_back_identical_under_a_256_mb_heap() throws Exception {
        Path input = WORK.resolve("batch_200mb.jsonl");
        byte[] sentDigest = writeBatchFile(input);
        OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl(baseUrl + "/openai/v1").apiKey("your-api-key")
                .maxRetries(0).timeout(Duration.ofMinutes(5)).build();

        Instant upStart = Instant.now();
        FileObject uploaded = client.files().create(FileCreateParams.builder().file(input)
                .purpose(FilePurpose.BATCH).build());
        Duration up = Duration.between(upStart, Instant.now());
        assertEquals(FILE_BYTES, uploaded.bytes());
        assertEquals("batch_200mb.jsonl", uploaded.filename());

        Instant downStart = Instant.now();
        MessageDigest received = MessageDigest.getInstance("SHA-256");
        long receivedBytes;
        try (HttpResponse content = client.files().content(uploaded.id());
             InputStream body = content.body();
             OutputStream sink = new DigestOutputStream(OutputStream.nullOutputStream(), received)) {
            receivedBytes = body.transferTo(sink);
        }
        Duration down = Duration.between(downStart, Instant.now());

        caravan.assertAlive();
        assertEquals(FILE_BYTES, receivedBytes);
        assertArrayEquals(sentDigest, received.digest(), "downloaded bytes differ from the uploaded ones");

        report(up, down);
    }

    private void report(Duration up, Duration down) throws IOException, InterruptedException {
        String peakRss = caravan.peakRss();
        String heap = caravan.heapInfo();
        double megabytes = FILE_BYTES / 1_000_000.0;
        String report = String.format(Locale.ROOT, """
                200 MB transfer through Caravan (java -Xmx256m -jar target/caravan.jar --sandbox)
                file: %d bytes, %d lines
                upload:   %.1f s, %.1f MB/s
                download: %.1f s, %.1f MB/s
                peak RSS of the Caravan process (%s), peak heap in use %s
                heap after the transfer:
                %s
                """, FILE_BYTES, LINES, up.toMillis() / 1000.0, megabytes * 1000 / Math.max(1, up.toMillis()),
                down.toMillis() / 1000.0, megabytes * 1000 / Math.max(1, down.toMillis()), peakRss, caravan.peakHeap(),
                heap);
        Files.writeString(WORK.resolve("report.txt"), report);
        System.out.println(report);
    }

    /** 50,000 valid OpenAI batch lines of exactly 4,000 bytes each: 200 MB, within OpenAI's batch limits. */
    private static byte[] writeBatchFile(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), digest);
             BufferedWriter writer = new BufferedWriter(new java.io.OutputStreamWriter(out, StandardCharsets.US_ASCII),
                     1 << 16)) {
            for (int i = 0; i < LINES; i++) {
                String head = "{\"custom_id\":\"req-" + i + "\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\","
                        + "\"body\":{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"";
                String tail = "\"}],\"max_tokens\":100}}\n";
                writer.write(head);
                writer.write("x".repeat(LINE_BYTES - head.length() - tail.length()));
                writer.write(tail);
            }
        }
        return digest.digest();
    }
}
