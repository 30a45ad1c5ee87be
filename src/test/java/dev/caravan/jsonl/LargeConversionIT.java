package dev.caravan.jsonl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.caravan.wire.Json;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * DESIGN §7 for conversion: a 1 GB OpenAI-format batch file converted to Bedrock (Claude) lines by the request
 * DataFormat in a JVM capped at 128 MB of heap. The file is generated on the fly into the converter's stdin and the
 * converted lines are checked as they come out of its stdout, so neither side ever holds the file.
 */
class LargeConversionIT {

    private static final long BYTES = Long.getLong("caravan.large-conversion.bytes", 1_000_000_000L);
    private static final int LINE_BYTES = 12_000;
    private static final Path WORK = Path.of("target", "large-conversion");

    @Test
    void a_1_gb_openai_file_converts_to_bedrock_lines_under_a_128_mb_heap() throws Exception {
        Files.createDirectories(WORK);
        long lines = BYTES / LINE_BYTES;
        Process converter = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
                LargeConversionMain.class.getName())
                .redirectError(WORK.resolve("converter.log").toFile())
                .start();
        Instant start = Instant.now();
        CompletableFuture<Void> feeding = CompletableFuture.runAsync(() -> feed(converter.getOutputStream(), lines));
        long converted = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(converter.getInputStream(),
                StandardCharsets.UTF_8), 1 << 16)) {
            String line;
            while ((line = out.readLine()) != null) {
                if (converted % 10_000 == 0) {
                    var json = Json.MAPPER.readTree(line);
                    assertEquals("req-" + converted, json.path("recordId").asText());
                    assertEquals("bedrock-2023-05-31", json.path("modelInput").path("anthropic_version").asText());
                }
                converted++;
            }
        }
        feeding.join();
        int exit = converter.waitFor();
        Duration took = Duration.between(start, Instant.now());
        String log = Files.readString(WORK.resolve("converter.log"));
        assertEquals(0, exit, "converter failed: " + log);
        assertEquals(lines, converted);
        assertTrue(log.contains("peak heap used"), log);
        String report = String.format(Locale.ROOT, """
                OpenAI -> Bedrock (Claude) conversion of a generated file, java -Xmx128m
                input: %d bytes, %d lines of %d bytes
                time: %.1f s, %.1f MB/s (generation, conversion and checking run side by side on the same machine)
                %s
                """, lines * LINE_BYTES, lines, LINE_BYTES, took.toMillis() / 1000.0,
                lines * LINE_BYTES / 1_000_000.0 * 1000 / Math.max(1, took.toMillis()), log.strip());
        Files.writeString(WORK.resolve("report.txt"), report);
        System.out.println(report);
    }

    /** OpenAI chat lines of exactly {@value #LINE_BYTES} bytes, newline included. */
    private static void feed(OutputStream stdin, long lines) {
        try (OutputStream out = new BufferedOutputStream(stdin, 1 << 16)) {
            String head = "{\"custom_id\":\"req-%d\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\",\"body\":"
                    + "{\"model\":\"anthropic.claude-3-haiku-20240307-v1:0\",\"max_tokens\":256,\"temperature\":0.3,"
                    + "\"messages\":[{\"role\":\"system\",\"content\":\"Summarise the document.\"},"
                    + "{\"role\":\"user\",\"content\":\"";
            String tail = "\"}]}}\n";
            byte[] filler = "lorem ipsum dolor sit amet ".repeat(LINE_BYTES / 27 + 1)
                    .getBytes(StandardCharsets.US_ASCII);
            byte[] end = tail.getBytes(StandardCharsets.US_ASCII);
            for (long i = 0; i < lines; i++) {
                byte[] start = head.formatted(i).getBytes(StandardCharsets.US_ASCII);
                out.write(start);
                out.write(filler, 0, LINE_BYTES - start.length - end.length);
                out.write(end);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
