package dev.caravan.hardening;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** A files.create body written by hand, so its parts can be huge, broken or never finished. */
final class Multipart {

    static final String BOUNDARY = "caravan-hardening-boundary";
    static final String CONTENT_TYPE = "multipart/form-data; boundary=" + BOUNDARY;

    /** One valid OpenAI batch line; {@code %s} is the custom_id. */
    static final String GOOD_LINE = "{\"custom_id\":\"%s\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\","
            + "\"body\":{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello!\"}]}}";

    private Multipart() {
    }

    /** The purpose field and the headers of the file part; the file's bytes come next. */
    static byte[] head(String purpose) {
        return ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\n" + purpose + "\r\n"
                + "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"hostile.jsonl\"\r\n"
                + "Content-Type: application/jsonl\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Ends the file part and the form. */
    static byte[] tail() {
        return ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /** A complete purpose=batch upload of {@code file}. */
    static byte[] batchUpload(byte[] file) {
        byte[] head = head("batch");
        byte[] tail = tail();
        byte[] body = new byte[head.length + file.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(file, 0, body, head.length, file.length);
        System.arraycopy(tail, 0, body, head.length + file.length, tail.length);
        return body;
    }

    /** Writes {@code line} {@code count} times from one small buffer: the test never holds the whole file. */
    static void repeat(OutputStream out, byte[] line, long count) throws IOException {
        int perBuffer = Math.max(1, 64 * 1024 / line.length);
        byte[] block = new byte[perBuffer * line.length];
        for (int i = 0; i < perBuffer; i++) {
            System.arraycopy(line, 0, block, i * line.length, line.length);
        }
        long left = count;
        while (left > 0) {
            int lines = (int) Math.min(perBuffer, left);
            out.write(block, 0, lines * line.length);
            left -= lines;
        }
    }
}
