package dev.caravan.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * A generated OpenAI batch input file (chat completion lines with distinct custom_ids) of just under a given size and
 * at most 50,000 lines: the OpenAI emulator enforces OpenAI's 200 MB / 50,000 requests per batch input. Lines are
 * ~4 kB of varied ASCII words (a seeded generator: the same file on every run), so a gateway cannot profit from
 * repetition. A file already there with the expected name and size is reused.
 */
final class BatchInputFile {

    static final int MAX_LINES = 50_000;
    private static final String[] WORDS = ("batch gateway request provider model token window region bucket object "
            + "stream convert upload latency answer record custom line file store signature header payload ticket "
            + "review summary invoice weather garden river mountain coffee station library engine harbor").split(" ");

    private BatchInputFile() {
    }

    /** Writes (or reuses) {@code path}: lines naming {@code model}, total size at most {@code maxBytes}. */
    static long generate(Path path, long maxBytes, String model) throws IOException {
        int lines = (int) Math.min(MAX_LINES, Math.max(1, maxBytes / 4_000));
        // each line is kept at or under its share, so the file stays under maxBytes
        int share = (int) ((maxBytes - 1_000) / lines);
        Path marker = path.resolveSibling(path.getFileName() + "." + maxBytes + ".done");
        if (Files.exists(path) && Files.exists(marker)) {
            return Files.size(path);
        }
        Files.createDirectories(path.getParent());
        Random random = new Random(20261123L);
        try (BufferedWriter out = Files.newBufferedWriter(path, StandardCharsets.US_ASCII)) {
            StringBuilder content = new StringBuilder(share);
            for (int i = 0; i < lines; i++) {
                String head = "{\"custom_id\":\"request-" + i + "\",\"method\":\"POST\","
                        + "\"url\":\"/v1/chat/completions\","
                        + "\"body\":{\"model\":\"" + model + "\",\"max_tokens\":" + (64 + random.nextInt(448))
                        + ",\"messages\":[{\"role\":\"system\",\"content\":\"You answer in one short paragraph.\"},"
                        + "{\"role\":\"user\",\"content\":\"";
                String tail = "\"}]}}\n";
                int room = share - head.length() - tail.length();
                content.setLength(0);
                while (true) {
                    String word = WORDS[random.nextInt(WORDS.length)];
                    if (content.length() + word.length() + 1 > room) {
                        break;
                    }
                    content.append(word).append(' ');
                }
                out.write(head);
                out.write(content.toString().trim());
                out.write(tail);
            }
        }
        Files.writeString(marker, "");
        return Files.size(path);
    }
}
