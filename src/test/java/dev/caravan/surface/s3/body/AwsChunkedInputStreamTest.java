package dev.caravan.surface.s3.body;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.caravan.model.GatewayError;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AwsChunkedInputStreamTest {

    /** provider-apis.md 7.8: the boto3 body over https with the outer HTTP chunk framing removed, byte for byte. */
    static final String BOTO3_CAPTURE =
            "18\r\n{\"x\":1}\n{\"x\":1}\n{\"x\":1}\n\r\n0\r\nx-amz-checksum-crc32:HNe1bA==\r\n\r\n";

    private static final String SIG_A = "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648";
    private static final String SIG_B = "0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497";
    private static final String SIG_C = "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9";

    @Test
    void decodesTheExactBoto3Capture() throws IOException {
        AwsChunkedInputStream in = stream(BOTO3_CAPTURE, 24);
        assertArrayEquals(ChecksumAlgorithmTest.CAPTURE_BODY, in.readAllBytes());
        assertEquals(Map.of("x-amz-checksum-crc32", "HNe1bA=="), in.trailers());
        assertEquals(24, in.decodedLength());
        assertEquals(-1, in.read());
    }

    @Test
    void decodesTheBoto3CaptureOneByteAtATime() throws IOException {
        AwsChunkedInputStream in = new AwsChunkedInputStream(trickle(bytes(BOTO3_CAPTURE)), 24);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0; b = in.read()) {
            out.write(b);
        }
        assertArrayEquals(ChecksumAlgorithmTest.CAPTURE_BODY, out.toByteArray());
        assertEquals("HNe1bA==", in.trailers().get("x-amz-checksum-crc32"));
    }

    @Test
    void decodesSignedChunksWithASignedTrailer() throws IOException {
        String body = "a;chunk-signature=" + SIG_A + "\r\n0123456789\r\n"
                + "5;chunk-signature=" + SIG_B + "\r\nabcde\r\n"
                + "0;chunk-signature=" + SIG_C + "\r\n"
                + "x-amz-checksum-crc32:" + crc32("0123456789abcde") + "\r\n"
                + "x-amz-trailer-signature:" + SIG_A + "\r\n\r\n";
        AwsChunkedInputStream in = stream(body, 15);
        assertEquals("0123456789abcde", new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        assertEquals(Map.of("x-amz-checksum-crc32", crc32("0123456789abcde")), in.trailers());
    }

    @Test
    void decodesSignedChunksWithoutTrailer() throws IOException {
        String body = "3;chunk-signature=" + SIG_A + "\r\nabc\r\n0;chunk-signature=" + SIG_B + "\r\n\r\n";
        AwsChunkedInputStream in = stream(body, 3);
        assertEquals("abc", new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        assertEquals(Map.of(), in.trailers());
    }

    @Test
    void decodesManyChunksOf64KiBWithUpperCaseHex() throws IOException {
        byte[] data = ChecksumAlgorithmTest.random(20 * 65536 + 1234, 11);
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        for (int offset = 0; offset < data.length; offset += 65536) {
            int n = Math.min(65536, data.length - offset);
            wire.writeBytes((Integer.toHexString(n).toUpperCase() + ";chunk-signature=" + SIG_A + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            wire.write(data, offset, n);
            wire.writeBytes(bytes("\r\n"));
        }
        wire.writeBytes(bytes("0;chunk-signature=" + SIG_B + "\r\nX-Amz-Checksum-SHA256:"
                + ChecksumAlgorithmTest.base64(ChecksumAlgorithm.SHA256, data) + "\r\n\r\n"));
        CountingStream raw = new CountingStream(new ByteArrayInputStream(wire.toByteArray()));
        AwsChunkedInputStream in = new AwsChunkedInputStream(raw, data.length);

        byte[] first = in.readNBytes(1000);
        // Streaming: reading 1000 bytes pulled at most one buffer from the wire, not the whole body.
        assertTrue(raw.count <= 1000 + 8192, "read " + raw.count + " raw bytes for 1000 decoded");
        byte[] rest = in.readAllBytes();
        byte[] all = new byte[first.length + rest.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(rest, 0, all, first.length, rest.length);
        assertArrayEquals(data, all);
        assertEquals(ChecksumAlgorithmTest.base64(ChecksumAlgorithm.SHA256, data),
                in.trailers().get("x-amz-checksum-sha256"));
    }

    @Test
    void acceptsLowerAndUpperCaseHexAndLeadingZeros() throws IOException {
        byte[] data = ChecksumAlgorithmTest.random(0xab, 1);
        for (String size : new String[] {"ab", "AB", "Ab", "00ab"}) {
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            wire.writeBytes(bytes(size + "\r\n"));
            wire.writeBytes(data);
            wire.writeBytes(bytes("\r\n0\r\n\r\n"));
            assertArrayEquals(data, new AwsChunkedInputStream(new ByteArrayInputStream(wire.toByteArray()), 0xab)
                    .readAllBytes(), size);
        }
    }

    @Test
    void toleratesAMissingFinalCrlf() throws IOException {
        String withoutFinal = BOTO3_CAPTURE.substring(0, BOTO3_CAPTURE.length() - 2);
        AwsChunkedInputStream in = stream(withoutFinal, 24);
        assertArrayEquals(ChecksumAlgorithmTest.CAPTURE_BODY, in.readAllBytes());
        assertEquals("HNe1bA==", in.trailers().get("x-amz-checksum-crc32"));

        AwsChunkedInputStream bare = stream("3\r\nabc\r\n0\r\n", 3);
        assertEquals("abc", new String(bare.readAllBytes(), StandardCharsets.US_ASCII));
        assertEquals(Map.of(), bare.trailers());
    }

    @Test
    void withoutDeclaredLengthAnyLengthIsAccepted() throws IOException {
        assertArrayEquals(ChecksumAlgorithmTest.CAPTURE_BODY, stream(BOTO3_CAPTURE, -1).readAllBytes());
    }

    @Test
    void emptyBodyIsJustTheFinalChunk() throws IOException {
        AwsChunkedInputStream in = stream("0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n", 0);
        assertEquals(-1, in.read());
        assertEquals("AAAAAA==", in.trailers().get("x-amz-checksum-crc32"));
    }

    @Test
    void trailersAreUnknownBeforeTheEnd() throws IOException {
        AwsChunkedInputStream in = stream(BOTO3_CAPTURE, 24);
        assertThrows(IllegalStateException.class, in::trailers);
        in.readNBytes(24);
        assertThrows(IllegalStateException.class, in::trailers);
        assertEquals(-1, in.read());
        assertEquals(1, in.trailers().size());
    }

    @Test
    void decodedLengthDifferentFromDeclaredIsIncompleteBody() {
        assertCode("IncompleteBody", BOTO3_CAPTURE, 25);
        assertCode("IncompleteBody", BOTO3_CAPTURE, 23);
        assertCode("IncompleteBody", BOTO3_CAPTURE, 0);
        GatewayError error = assertThrows(GatewayError.class, () -> stream(BOTO3_CAPTURE, 25).readAllBytes());
        assertEquals("You did not provide the number of bytes specified by the Content-Length HTTP header.",
                error.getMessage());
        assertEquals(400, error.status());
        assertEquals("x-amz-decoded-content-length", error.param());
    }

    @Test
    void aChunkBeyondTheDeclaredLengthFailsBeforeItsBytesAreDelivered() throws IOException {
        AwsChunkedInputStream in = stream("3\r\nabc\r\n5\r\ndefgh\r\n0\r\n\r\n", 4);
        assertEquals("abc", new String(in.readNBytes(3), StandardCharsets.US_ASCII));
        GatewayError error = assertThrows(GatewayError.class, in::read);
        assertEquals("IncompleteBody", error.code());
    }

    @Test
    void truncatedInputIsIncompleteBody() {
        assertCode("IncompleteBody", "", -1);
        assertCode("IncompleteBody", "18\r\n{\"x\":1}\n{\"x", 24);
        assertCode("IncompleteBody", "18\r\n{\"x\":1}\n{\"x\":1}\n{\"x\":1}\n", 24);
        assertCode("IncompleteBody", "18\r\n{\"x\":1}\n{\"x\":1}\n{\"x\":1}\n\r", 24);
        assertCode("IncompleteBody", "18\r\n{\"x\":1}\n{\"x\":1}\n{\"x\":1}\n\r\n", 24);
        assertCode("IncompleteBody", "18\r\n{\"x\":1}\n{\"x\":1}\n{\"x\":1}\n\r\n0", 24);
        assertCode("IncompleteBody", "18;chunk-signature=" + SIG_A.substring(0, 10), 24);
        assertCode("IncompleteBody", "18\r\n{\"x\":1}\n{\"x\":1}\n{\"x\":1}\n\r\n0\r\nx-amz-checksum-crc32:HNe", 24);
    }

    @Test
    void malformedFramingIsInvalidRequest() {
        assertCode("InvalidRequest", "xyz\r\nabc\r\n0\r\n\r\n", -1);
        assertCode("InvalidRequest", "+3\r\nabc\r\n0\r\n\r\n", -1);
        assertCode("InvalidRequest", "-3\r\nabc\r\n0\r\n\r\n", -1);
        assertCode("InvalidRequest", " 3\r\nabc\r\n0\r\n\r\n", -1);
        assertCode("InvalidRequest", "\r\nabc\r\n0\r\n\r\n", -1);
        assertCode("InvalidRequest", ";chunk-signature=" + SIG_A + "\r\nabc\r\n0\r\n\r\n", -1);
        assertCode("InvalidRequest", "11112222333344445\r\nabc\r\n0\r\n\r\n", -1);
        assertCode("InvalidRequest", "ffffffffffffffff\r\nabc\r\n0\r\n\r\n", -1);
        assertCode("InvalidRequest", "3\nabc\r\n0\r\n\r\n", -1);
        assertCode("InvalidRequest", "3\rabc\r\n0\r\n\r\n", -1);
        assertCode("InvalidRequest", "3\r\nabcd\r\n0\r\n\r\n", -1);
        assertCode("InvalidRequest", "3\r\nabc0\r\n\r\n", -1);
        assertCode("InvalidRequest", "3\r\nabc\r\n0\r\nno-colon-here\r\n\r\n", -1);
        assertCode("InvalidRequest", "3\r\nabc\r\n0\r\n:value\r\n\r\n", -1);
        assertCode("InvalidRequest", "3\r\nabc\r\n0\r\nx-amz-checksum-crc32:AAAAAA==\r\n"
                + "X-Amz-Checksum-CRC32:BBBBBB==\r\n\r\n", -1);
        assertCode("InvalidRequest", BOTO3_CAPTURE + "junk", 24);
    }

    @Test
    void aFramingErrorIsFinal() throws IOException {
        AwsChunkedInputStream in = stream("3\r\nabcX\r\n3\r\ndef\r\n0\r\n\r\n", -1);
        assertEquals("abc", new String(in.readNBytes(3), StandardCharsets.US_ASCII));
        assertEquals("InvalidRequest", assertThrows(GatewayError.class, in::read).code());
        assertEquals("InvalidRequest", assertThrows(GatewayError.class, in::read).code());
        assertThrows(IllegalStateException.class, in::trailers);
    }

    @Test
    void lineAndTrailerLimits() throws IOException {
        String longExtension = "3;chunk-signature=" + "a".repeat(AwsChunkedInputStream.MAX_LINE_BYTES);
        assertCode("InvalidRequest", longExtension + "\r\nabc\r\n0\r\n\r\n", 3);
        String fits = "3;x=" + "a".repeat(AwsChunkedInputStream.MAX_LINE_BYTES - 4);
        assertEquals("abc", new String(stream(fits + "\r\nabc\r\n0\r\n\r\n", 3).readAllBytes(),
                StandardCharsets.US_ASCII));

        StringBuilder many = new StringBuilder("3\r\nabc\r\n0\r\n");
        for (int i = 0; i <= AwsChunkedInputStream.MAX_TRAILERS; i++) {
            many.append("x-amz-meta-").append(i).append(":v\r\n");
        }
        assertCode("InvalidRequest", many + "\r\n", 3);
        String longTrailer = "3\r\nabc\r\n0\r\nx-amz-checksum-crc32:" + "A".repeat(5000) + "\r\n\r\n";
        assertCode("InvalidRequest", longTrailer, 3);
    }

    @Test
    void closeClosesTheWireStream() throws IOException {
        boolean[] closed = new boolean[1];
        InputStream raw = new ByteArrayInputStream(bytes(BOTO3_CAPTURE)) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        new AwsChunkedInputStream(raw, 24).close();
        assertTrue(closed[0]);
    }

    private static void assertCode(String code, String wire, long declared) {
        GatewayError error = assertThrows(GatewayError.class, () -> stream(wire, declared).readAllBytes(),
                () -> "expected " + code + " for " + wire.replace("\r", "\\r").replace("\n", "\\n"));
        assertEquals(code, error.code(), error.getMessage());
        assertEquals(400, error.status());
    }

    private static AwsChunkedInputStream stream(String wire, long declared) {
        return new AwsChunkedInputStream(new ByteArrayInputStream(bytes(wire)), declared);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String crc32(String s) {
        return ChecksumAlgorithmTest.base64(ChecksumAlgorithm.CRC32, bytes(s));
    }

    /** Hands out one byte per read, the worst case for a line parser. */
    static InputStream trickle(byte[] data) {
        return new FilterInputStream(new ByteArrayInputStream(data)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 1));
            }
        };
    }

    private static final class CountingStream extends FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
