package dev.caravan.provider.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A 200 MiB input streamed through the check: generated line by line, never held, so the test itself shows the
 * check needs no more than the stream it is given. No timing or memory assertion; it must finish and count right.
 */
class JobInputCheckLargeInputTest {

    private static final int RECORDS = 50_000; // Bedrock's default maximum per file and per job
    private static final int LINE_BYTES = 4_194; // with its newline: 50 000 lines make 209 700 000 bytes, 200 MiB

    @Test
    void a_200_mb_input_is_checked_in_one_streaming_pass() {
        GeneratedInput input = new GeneratedInput(RECORDS, LINE_BYTES);
        long size = (long) RECORDS * LINE_BYTES;
        JobInputCheck check = new JobInputCheck(InputLines.CLAUDE_MODEL, null, RecordQuotas.BEDROCK_DEFAULTS);

        check.file("s3://your-s3-bucket/large/batch.jsonl", size, input);

        assertEquals(new JobInput(RECORDS, ModelInvocationType.INVOKE_MODEL), check.finish());
        assertEquals(size, input.consumed());
        assertEquals(RECORDS, input.linesMade());
    }

    /** Claude lines of exactly {@code lineBytes} bytes (newline included), ids r0000001…, made one at a time. */
    private static final class GeneratedInput extends InputStream {
        private final int lines;
        private final int lineBytes;
        private byte[] line = new byte[0];
        private int position;
        private int made;
        private long consumed;

        GeneratedInput(int lines, int lineBytes) {
            this.lines = lines;
            this.lineBytes = lineBytes;
        }

        long consumed() {
            return consumed;
        }

        int linesMade() {
            return made;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] target, int offset, int length) {
            if (position == line.length) {
                if (made == lines) {
                    return -1;
                }
                line = nextLine();
                position = 0;
            }
            int count = Math.min(length, line.length - position);
            System.arraycopy(line, position, target, offset, count);
            position += count;
            consumed += count;
            return count;
        }

        private byte[] nextLine() {
            made++;
            String head = "{\"recordId\":\"r" + String.format("%07d", made) + "\",\"modelInput\":{\"anthropic_version\":"
                    + "\"bedrock-2023-05-31\",\"max_tokens\":256,\"messages\":[{\"role\":\"user\",\"content\":"
                    + "[{\"type\":\"text\",\"text\":\"Summarize: ";
            String tail = "\"}]}]}}\n";
            String padding = "lorem ipsum ".repeat(lineBytes / 12);
            String text = head + padding.substring(0, lineBytes - head.length() - tail.length()) + tail;
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            assertEquals(lineBytes, bytes.length);
            return bytes;
        }
    }
}
