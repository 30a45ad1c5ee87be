package dev.caravan.jsonl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.caravan.model.GatewayError;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Line splitting: most lines are handed out where they lie in the read buffer and found eight bytes at a time, lines
 * that cross the buffer's end are copied together. Whatever the chunking of the stream, every line must come out
 * whole, with its number, as a plain split on '\n' gives it.
 */
class JsonlLinesTest {

    private static final int BUFFER = 64 * 1024;

    @Test
    void everyLineComesOutWholeAndNumberedWhateverTheChunking() throws IOException {
        Random random = new Random(42);
        List<String> written = new ArrayList<>();
        StringBuilder file = new StringBuilder();
        int total = 0;
        for (int i = 0; total < 5 * BUFFER; i++) {
            // short and long lines, lines of the buffer's size and over it, blank lines, CRLF and padded lines
            int kind = random.nextInt(10);
            String line;
            if (kind == 0) {
                line = random.nextBoolean() ? "" : "   ";
            } else {
                int size = switch (kind) {
                    case 1 -> BUFFER - 20 + random.nextInt(40);
                    case 2 -> BUFFER + random.nextInt(3 * BUFFER);
                    default -> random.nextInt(300);
                };
                line = "{\"custom_id\":\"r-" + i + "\",\"pad\":\"" + "x".repeat(size) + "\",\"é\":[1,{\"a\":null}]}";
            }
            String ending = random.nextInt(5) == 0 ? "\r\n" : "\n";
            written.add(line);
            file.append(line).append(ending);
            total += line.length() + ending.length();
        }
        // the last line has no line break
        String last = "{\"custom_id\":\"last\"}";
        written.add(last);
        file.append(last);
        byte[] bytes = file.toString().getBytes(StandardCharsets.UTF_8);

        for (Function<byte[], InputStream> chunking : List.<Function<byte[], InputStream>>of(
                ByteArrayInputStream::new, b -> new Chunked(b, new Random(7), 1), b -> new Chunked(b, new Random(9),
                        BUFFER + 3))) {
            for (boolean shallow : new boolean[] {false, true}) {
                JsonlLines lines = shallow ? JsonlLines.shallow(chunking.apply(bytes))
                        : new JsonlLines(chunking.apply(bytes));
                for (int number = 1; number <= written.size(); number++) {
                    String expected = written.get(number - 1).strip();
                    if (expected.isEmpty()) {
                        continue;
                    }
                    JsonlLines.Line line = lines.next();
                    assertEquals(number, line.number());
                    assertEquals(expected, new String(line.bytes(), line.offset(), line.length(),
                            StandardCharsets.UTF_8), "line " + number);
                    assertTrue(line.json().has("custom_id"));
                }
                assertNull(lines.next());
            }
        }
    }

    @Test
    void aNewlineIsFoundAtEveryPositionOfAWord() {
        // the eight-byte search must find a break at each byte of a word, and not one beyond it
        for (int length = 2; length < 24; length++) {
            String first = "{" + "\"k\":\"" + "y".repeat(Math.max(0, length - 8)) + "\"}";
            byte[] bytes = (first + "\n{\"b\":1}\n").getBytes(StandardCharsets.UTF_8);
            JsonlLines lines = new JsonlLines(new ByteArrayInputStream(bytes));
            JsonlLines.Line line = lines.next();
            assertEquals(first, new String(line.bytes(), line.offset(), line.length(), StandardCharsets.UTF_8));
            JsonlLines.Line second = lines.next();
            assertEquals(2, second.number());
            assertEquals("{\"b\":1}", new String(second.bytes(), second.offset(), second.length(),
                    StandardCharsets.UTF_8));
        }
    }

    @Test
    void aLineOverTheLimitIsRefusedWhetherItFitsTheBufferOrNot() {
        byte[] inside = ("{\"a\":1}\n{\"a\":\"" + "x".repeat(100) + "\"}\n").getBytes(StandardCharsets.UTF_8);
        JsonlLines lines = new JsonlLines(new ByteArrayInputStream(inside), 50);
        lines.next();
        assertEquals("line 2: the line is longer than 50 bytes",
                assertThrows(GatewayError.class, lines::next).getMessage());
        byte[] spanning = ("{\"a\":\"" + "x".repeat(3 * BUFFER) + "\"}\n").getBytes(StandardCharsets.UTF_8);
        assertEquals("line 1: the line is longer than " + 2 * BUFFER + " bytes", assertThrows(GatewayError.class,
                () -> new JsonlLines(new ByteArrayInputStream(spanning), 2 * BUFFER).next()).getMessage());
    }

    /** Hands the bytes out in random pieces of 1 to {@code max} bytes, as a network stream does. */
    private static final class Chunked extends InputStream {

        private final byte[] bytes;
        private final Random random;
        private final int max;
        private int position;

        Chunked(byte[] bytes, Random random, int max) {
            this.bytes = bytes;
            this.random = random;
            this.max = max;
        }

        @Override
        public int read() {
            return position < bytes.length ? bytes[position++] & 0xff : -1;
        }

        @Override
        public int read(byte[] target, int offset, int length) {
            if (position >= bytes.length) {
                return -1;
            }
            int n = Math.min(Math.min(length, 1 + random.nextInt(max)), bytes.length - position);
            System.arraycopy(bytes, position, target, offset, n);
            position += n;
            return n;
        }
    }
}
