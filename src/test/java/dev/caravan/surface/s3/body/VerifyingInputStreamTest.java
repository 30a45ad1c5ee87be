package dev.caravan.surface.s3.body;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.caravan.model.ErrorKind;
import dev.caravan.model.GatewayError;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class VerifyingInputStreamTest {

    private static final byte[] BODY = ChecksumAlgorithmTest.CAPTURE_BODY;

    @Test
    void matchingHeaderChecksumAndContentMd5DeliverEveryByte() throws Exception {
        VerifyingInputStream in = new VerifyingInputStream(new ByteArrayInputStream(BODY), md5Base64(BODY),
                List.of(ExpectedChecksum.ofHeader(ChecksumAlgorithm.CRC32, "HNe1bA==")), null, -1);
        assertArrayEquals(BODY, in.readAllBytes());
        VerifiedBody result = in.result();
        assertEquals(BODY.length, result.length());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(BODY)), result.md5Hex());
        assertEquals(md5Base64(BODY), result.md5Base64());
        assertEquals('"' + result.md5Hex() + '"', result.etag());
        assertEquals(Map.of(ChecksumAlgorithm.CRC32, "HNe1bA=="), result.checksums());
    }

    @Test
    void aBodyMatchingItsSignedPayloadHashIsDelivered() throws Exception {
        byte[] sha256 = MessageDigest.getInstance("SHA-256").digest(BODY);
        VerifyingInputStream in = new VerifyingInputStream(new ByteArrayInputStream(BODY), sha256, null, List.of(),
                null, -1);
        assertArrayEquals(BODY, in.readAllBytes());
        assertEquals(BODY.length, in.result().length());
    }

    @Test
    void aBodyMissingItsSignedPayloadHashIsXAmzContentSha256MismatchAndKeepsItsLastByte() throws Exception {
        byte[] changed = BODY.clone();
        changed[3] ^= 0x01;
        byte[] signed = MessageDigest.getInstance("SHA-256").digest(BODY);
        // a matching CRC32 of the changed body must not rescue it: the signed hash is what counts
        VerifyingInputStream in = new VerifyingInputStream(new ByteArrayInputStream(changed), signed, null,
                List.of(ExpectedChecksum.ofHeader(ChecksumAlgorithm.CRC32,
                        ChecksumAlgorithmTest.base64(ChecksumAlgorithm.CRC32, changed))), null, -1);
        ByteArrayOutputStream delivered = new ByteArrayOutputStream();
        GatewayError error = assertThrows(GatewayError.class, () -> in.transferTo(delivered));
        assertEquals("XAmzContentSHA256Mismatch", error.code());
        assertEquals(400, error.status());
        assertEquals(changed.length - 1, delivered.size());
        assertThrows(GatewayError.class, in::read, "the failure sticks");
    }

    @ParameterizedTest
    @EnumSource(ChecksumAlgorithm.class)
    void everyAlgorithmVerifiesFromAHeader(ChecksumAlgorithm algorithm) throws IOException {
        byte[] data = ChecksumAlgorithmTest.random(100_000, algorithm.ordinal());
        String claimed = ChecksumAlgorithmTest.base64(algorithm, data);
        VerifyingInputStream in = new VerifyingInputStream(new ByteArrayInputStream(data), null,
                List.of(ExpectedChecksum.ofHeader(algorithm, claimed)), null, -1);
        assertArrayEquals(data, in.readAllBytes());
        assertEquals(claimed, in.result().checksums().get(algorithm));
    }

    @Test
    void computesAnAnnouncedAlgorithmWithoutAnExpectedValue() throws IOException {
        VerifyingInputStream in = new VerifyingInputStream(new ByteArrayInputStream(BODY), null, List.of(),
                ChecksumAlgorithm.SHA256, -1);
        assertArrayEquals(BODY, in.readAllBytes());
        assertEquals(ChecksumAlgorithmTest.base64(ChecksumAlgorithm.SHA256, BODY),
                in.result().checksums().get(ChecksumAlgorithm.SHA256));
        assertEquals(1, in.result().checksums().size());
    }

    @Test
    void checksumMismatchIsBadDigestAndTheLastByteIsNeverDelivered() {
        byte[] data = ChecksumAlgorithmTest.random(50_000, 5);
        String wrong = ChecksumAlgorithmTest.base64(ChecksumAlgorithm.CRC32C, "other".getBytes());
        VerifyingInputStream in = new VerifyingInputStream(new ByteArrayInputStream(data), null,
                List.of(ExpectedChecksum.ofHeader(ChecksumAlgorithm.CRC32C, wrong)), null, -1);
        ByteArrayOutputStream delivered = new ByteArrayOutputStream();
        GatewayError error = assertThrows(GatewayError.class, () -> in.transferTo(delivered));
        assertEquals("BadDigest", error.code());
        assertEquals(400, error.status());
        assertEquals(ErrorKind.INVALID_REQUEST, error.kind());
        assertEquals("The CRC32C you specified did not match the calculated checksum.", error.getMessage());
        assertEquals("x-amz-checksum-crc32c", error.param());
        assertTrue(delivered.size() < data.length, "delivered " + delivered.size());
        assertEquals(data.length - 1, delivered.size());
        // Trying again never gets past the failure to the held byte.
        assertThrows(GatewayError.class, in::read);
        assertThrows(GatewayError.class, () -> in.read(new byte[10]));
        assertThrows(IllegalStateException.class, in::result);
    }

    @Test
    void contentMd5MismatchIsBadDigest() {
        VerifyingInputStream in = new VerifyingInputStream(new ByteArrayInputStream(BODY),
                md5Base64("something else".getBytes()), List.of(), null, -1);
        ByteArrayOutputStream delivered = new ByteArrayOutputStream();
        GatewayError error = assertThrows(GatewayError.class, () -> in.transferTo(delivered));
        assertEquals("BadDigest", error.code());
        assertEquals("The Content-MD5 you specified did not match what we received.", error.getMessage());
        assertEquals("Content-MD5", error.param());
        assertEquals(BODY.length - 1, delivered.size());
    }

    @Test
    void oneByteReadsBehaveTheSame() throws IOException {
        VerifyingInputStream good = new VerifyingInputStream(new ByteArrayInputStream(BODY), null,
                List.of(ExpectedChecksum.ofHeader(ChecksumAlgorithm.CRC32, "HNe1bA==")), null, -1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int b = good.read(); b >= 0; b = good.read()) {
            out.write(b);
        }
        assertArrayEquals(BODY, out.toByteArray());

        VerifyingInputStream bad = new VerifyingInputStream(
                AwsChunkedInputStreamTest.trickle(BODY), null,
                List.of(ExpectedChecksum.ofHeader(ChecksumAlgorithm.CRC32, "AAAAAA==")), null, -1);
        int delivered = 0;
        GatewayError error = null;
        try {
            while (bad.read() >= 0) {
                delivered++;
            }
        } catch (GatewayError e) {
            error = e;
        }
        assertEquals("BadDigest", error == null ? null : error.code());
        assertEquals(BODY.length - 1, delivered);
    }

    @Test
    void theLastByteWaitsForTheEndOfTheWrappedStream() throws Exception {
        PipedOutputStream writer = new PipedOutputStream();
        PipedInputStream pipe = new PipedInputStream(writer, 1 << 16);
        VerifyingInputStream in = new VerifyingInputStream(pipe, null,
                List.of(ExpectedChecksum.ofHeader(ChecksumAlgorithm.CRC32, "HNe1bA==")), null, -1);
        writer.write(BODY);
        writer.flush();
        byte[] first = new byte[100];
        int n = in.read(first, 0, first.length);
        assertEquals(BODY.length - 1, n, "all but the last byte before the end is known");
        CompletableFuture<Integer> last = CompletableFuture.supplyAsync(() -> {
            try {
                return in.read();
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        Thread.sleep(200);
        assertTrue(!last.isDone(), "the held byte must wait for the end of the stream");
        writer.close();
        assertEquals(BODY[BODY.length - 1] & 0xff, last.get(5, TimeUnit.SECONDS));
        assertEquals(-1, in.read());
        assertEquals("HNe1bA==", in.result().checksums().get(ChecksumAlgorithm.CRC32));
    }

    @Test
    void trailerKnownChecksumIsReadAtTheEnd() throws IOException {
        AwsChunkedInputStream chunked = chunked(AwsChunkedInputStreamTest.BOTO3_CAPTURE);
        VerifyingInputStream in = new VerifyingInputStream(chunked, null,
                List.of(ExpectedChecksum.ofTrailer(ChecksumAlgorithm.CRC32, chunked)), ChecksumAlgorithm.CRC32, -1);
        assertArrayEquals(BODY, in.readAllBytes());
        assertEquals("HNe1bA==", in.result().checksums().get(ChecksumAlgorithm.CRC32));
    }

    @Test
    void trailerKnownMismatchIsBadDigest() {
        AwsChunkedInputStream chunked = chunked(AwsChunkedInputStreamTest.BOTO3_CAPTURE.replace("HNe1bA==", "HNe1bQ=="));
        VerifyingInputStream in = new VerifyingInputStream(chunked, null,
                List.of(ExpectedChecksum.ofTrailer(ChecksumAlgorithm.CRC32, chunked)), null, -1);
        ByteArrayOutputStream delivered = new ByteArrayOutputStream();
        GatewayError error = assertThrows(GatewayError.class, () -> in.transferTo(delivered));
        assertEquals("BadDigest", error.code());
        assertEquals("The CRC32 you specified did not match the calculated checksum.", error.getMessage());
        assertEquals(BODY.length - 1, delivered.size());
    }

    @Test
    void aDeclaredTrailerThatNeverCameIsInvalidRequest() {
        AwsChunkedInputStream chunked = chunked(AwsChunkedInputStreamTest.BOTO3_CAPTURE);
        VerifyingInputStream in = new VerifyingInputStream(chunked, null,
                List.of(ExpectedChecksum.ofTrailer(ChecksumAlgorithm.SHA256, chunked)), null, -1);
        GatewayError error = assertThrows(GatewayError.class, in::readAllBytes);
        assertEquals("InvalidRequest", error.code());
        assertEquals("x-amz-checksum-sha256", error.param());
    }

    @Test
    void aMalformedTrailerValueIsInvalidRequest() {
        AwsChunkedInputStream chunked = chunked(AwsChunkedInputStreamTest.BOTO3_CAPTURE.replace("HNe1bA==", "HNe1"));
        VerifyingInputStream in = new VerifyingInputStream(chunked, null,
                List.of(ExpectedChecksum.ofTrailer(ChecksumAlgorithm.CRC32, chunked)), null, -1);
        GatewayError error = assertThrows(GatewayError.class, in::readAllBytes);
        assertEquals("InvalidRequest", error.code());
        assertEquals("Value for x-amz-checksum-crc32 trailing header is invalid.", error.getMessage());
    }

    @Test
    void aFramingErrorUnderneathPropagatesAndHoldsTheLastByte() {
        AwsChunkedInputStream chunked = new AwsChunkedInputStream(
                new ByteArrayInputStream(AwsChunkedInputStreamTest.bytes(AwsChunkedInputStreamTest.BOTO3_CAPTURE)), 25);
        VerifyingInputStream in = new VerifyingInputStream(chunked, null, List.of(), null, -1);
        ByteArrayOutputStream delivered = new ByteArrayOutputStream();
        GatewayError error = assertThrows(GatewayError.class, () -> in.transferTo(delivered));
        assertEquals("IncompleteBody", error.code());
        assertEquals(BODY.length - 1, delivered.size());
    }

    @Test
    void malformedHeaderValuesAreRejectedBeforeAnyRead() {
        for (String value : new String[] {"", "AAAA", "AAAAAAAA", "!!!!!!==", "not base64 at all",
                "HNe1bA", "HNe1bB==", " HNe1bA=="}) {
            GatewayError error = assertThrows(GatewayError.class,
                    () -> ExpectedChecksum.ofHeader(ChecksumAlgorithm.CRC32, value), value);
            assertEquals("InvalidRequest", error.code());
            assertEquals("Value for x-amz-checksum-crc32 header is invalid.", error.getMessage());
            assertEquals("x-amz-checksum-crc32", error.param());
            assertEquals(400, error.status());
        }
        assertThrows(GatewayError.class, () -> ExpectedChecksum.ofHeader(ChecksumAlgorithm.CRC32, null));
        ExpectedChecksum.ofHeader(ChecksumAlgorithm.CRC32, "HNe1bA==");
        String crc32Sized = "AAAAAA==";
        GatewayError error = assertThrows(GatewayError.class,
                () -> ExpectedChecksum.ofHeader(ChecksumAlgorithm.SHA256, crc32Sized));
        assertEquals("Value for x-amz-checksum-sha256 header is invalid.", error.getMessage());
        assertThrows(GatewayError.class, () -> ExpectedChecksum.ofHeader(ChecksumAlgorithm.CRC64NVME, crc32Sized));
        ExpectedChecksum.ofHeader(ChecksumAlgorithm.CRC64NVME, "AAAAAAAAAAA=");
    }

    @Test
    void malformedContentMd5IsInvalidDigest() {
        for (String value : new String[] {"", "abc", "not-base64!", Base64.getEncoder().encodeToString(new byte[15]),
                HexFormat.of().formatHex(new byte[16])}) {
            GatewayError error = assertThrows(GatewayError.class,
                    () -> new VerifyingInputStream(new ByteArrayInputStream(BODY), value, List.of(), null, -1), value);
            assertEquals("InvalidDigest", error.code());
            assertEquals("The Content-MD5 you specified is not valid.", error.getMessage());
            assertEquals(400, error.status());
        }
    }

    @Test
    void exactlyTheMaximumIsAllowed() throws IOException {
        VerifyingInputStream in = new VerifyingInputStream(new ByteArrayInputStream(BODY), null, List.of(), null,
                BODY.length);
        assertArrayEquals(BODY, in.readAllBytes());
    }

    @Test
    void exceedingTheMaximumIsEntityTooLargeAsSoonAsItHappens() {
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 'x';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                java.util.Arrays.fill(b, off, off + len, (byte) 'x');
                return len;
            }
        };
        VerifyingInputStream in = new VerifyingInputStream(endless, null, List.of(), null, 100_000);
        ByteArrayOutputStream delivered = new ByteArrayOutputStream();
        GatewayError error = assertThrows(GatewayError.class, () -> in.transferTo(delivered));
        assertEquals("EntityTooLarge", error.code());
        assertEquals(400, error.status());
        assertEquals("Your proposed upload exceeds the maximum allowed size", error.getMessage());
        assertTrue(delivered.size() < 100_000);
        assertTrue(in.bytesRead() <= 100_000 + 16384, "read " + in.bytesRead());
    }

    @Test
    void emptyBodyIsVerifiedOnTheFirstRead() throws IOException {
        VerifyingInputStream empty = new VerifyingInputStream(new ByteArrayInputStream(new byte[0]),
                md5Base64(new byte[0]), List.of(ExpectedChecksum.ofHeader(ChecksumAlgorithm.CRC32, "AAAAAA==")),
                null, 0);
        assertEquals(-1, empty.read());
        assertEquals(0, empty.result().length());
        assertEquals("d41d8cd98f00b204e9800998ecf8427e", empty.result().md5Hex());

        VerifyingInputStream wrong = new VerifyingInputStream(new ByteArrayInputStream(new byte[0]), null,
                List.of(ExpectedChecksum.ofHeader(ChecksumAlgorithm.CRC32, "HNe1bA==")), null, -1);
        assertEquals("BadDigest", assertThrows(GatewayError.class, wrong::read).code());
    }

    @Test
    void resultIsUnknownBeforeTheEnd() throws IOException {
        VerifyingInputStream in = new VerifyingInputStream(new ByteArrayInputStream(BODY), null, List.of(), null, -1);
        in.readNBytes(BODY.length - 1);
        assertThrows(IllegalStateException.class, in::result);
        assertEquals(BODY[BODY.length - 1] & 0xff, in.read());
        assertEquals(-1, in.read());
        assertEquals(BODY.length, in.result().length());
    }

    private static AwsChunkedInputStream chunked(String wire) {
        return new AwsChunkedInputStream(new ByteArrayInputStream(AwsChunkedInputStreamTest.bytes(wire)), BODY.length);
    }

    private static String md5Base64(byte[] data) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
