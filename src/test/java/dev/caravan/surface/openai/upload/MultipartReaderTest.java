package dev.caravan.surface.openai.upload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.caravan.model.GatewayError;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MultipartReaderTest {

    private static final String BOUNDARY = "----------------------------a1b2c3d4e5f6a7b8";

    @Test
    void fieldsAndAFileWhoseBytesLookLikeDelimitersComeOutExactlyHoweverTheBodyIsCut() throws IOException {
        // bytes that start a delimiter but are not one, CR LF and dashes everywhere, and random binary
        ByteArrayOutputStream fileBytes = new ByteArrayOutputStream();
        fileBytes.writeBytes(("line\r\n--" + BOUNDARY.substring(0, 20) + "\r\n\r\n--\r\n").getBytes(
                StandardCharsets.ISO_8859_1));
        byte[] noise = new byte[200_000];
        new Random(7).nextBytes(noise);
        fileBytes.writeBytes(noise);
        fileBytes.writeBytes("\r\n-".getBytes(StandardCharsets.ISO_8859_1));
        byte[] file = fileBytes.toByteArray();
        byte[] body = concat(("preamble to ignore\r\n--" + BOUNDARY + "\r\nContent-Disposition: form-data; "
                        + "name=\"purpose\"\r\n\r\nbatch\r\n--" + BOUNDARY + "  \r\nContent-Disposition: form-data; "
                        + "name=\"file\"; filename=\"we\\\"ird; name.jsonl\"\r\nContent-Type: application/jsonl\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8), file,
                ("\r\n--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\ngpt\u00e9\r\n--"
                        + BOUNDARY + "--\r\nepilogue").getBytes(StandardCharsets.UTF_8));
        for (int cut : new int[] {1, 7, 8192, 1 << 20}) {
            MultipartReader reader = new MultipartReader(new Trickle(new ByteArrayInputStream(body), cut), BOUNDARY);
            MultipartReader.Part purpose = reader.next();
            assertEquals("purpose", purpose.name());
            assertEquals("batch", MultipartReader.text(purpose, 100));
            MultipartReader.Part part = reader.next();
            assertEquals("file", part.name());
            assertEquals("we\"ird; name.jsonl", part.filename());
            assertEquals("application/jsonl", part.contentType());
            assertArrayEquals(file, part.body().readAllBytes(), "cut " + cut);
            MultipartReader.Part model = reader.next();
            assertEquals("gpt\u00e9", MultipartReader.text(model, 100));
            assertNull(reader.next());
        }
    }

    @Test
    void aPartLeftUnreadIsSkipped() throws IOException {
        byte[] body = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"other\"; filename=\"x\"\r\n\r\n"
                + "x".repeat(100_000) + "\r\n--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"purpose\""
                + "\r\n\r\nbatch\r\n--" + BOUNDARY + "--").getBytes(StandardCharsets.UTF_8);
        MultipartReader reader = new MultipartReader(new ByteArrayInputStream(body), BOUNDARY);
        assertTrue(reader.next().isFile());
        assertEquals("batch", MultipartReader.text(reader.next(), 100));
        assertNull(reader.next());
    }

    @Test
    void aBodyThatEndsInsideAPartIsA400SayingTheClosingBoundaryIsMissing() throws IOException {
        byte[] body = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a\"\r\n\r\n"
                + "{\"custom_id\":\"a\"}\n").getBytes(StandardCharsets.UTF_8);
        MultipartReader reader = new MultipartReader(new ByteArrayInputStream(body), BOUNDARY);
        MultipartReader.Part file = reader.next();
        GatewayError error = assertThrows(GatewayError.class, () -> file.body().readAllBytes());
        assertEquals(400, error.status());
        assertTrue(error.getMessage().contains("closing boundary is missing"), error.getMessage());
    }

    @Test
    void theBoundaryIsReadFromTheContentTypeQuotedOrNot() {
        assertEquals("abc", MultipartReader.boundaryOf("multipart/form-data; boundary=abc"));
        assertEquals("a b;c", MultipartReader.boundaryOf("Multipart/Form-Data; charset=utf-8; boundary=\"a b;c\""));
        assertThrows(GatewayError.class, () -> MultipartReader.boundaryOf("multipart/form-data; boundary="));
        assertThrows(GatewayError.class, () -> MultipartReader.boundaryOf("multipart/form-data"));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** Hands out at most {@code most} bytes per read, as a network does. */
    private static final class Trickle extends FilterInputStream {

        private final int most;

        Trickle(InputStream in, int most) {
            super(in);
            this.most = most;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(len, most));
        }
    }
}
