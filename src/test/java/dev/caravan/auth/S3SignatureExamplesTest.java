package dev.caravan.auth;

import static dev.caravan.auth.SigV4TestSuiteTest.header;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.caravan.model.GatewayError;
import dev.caravan.surface.s3.body.AwsChunkedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The signed requests of Amazon S3's own SigV4 documentation, verified as Caravan verifies a request (access key
 * AKIAIOSFODNN7EXAMPLE, secret wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY, 20130524T000000Z, us-east-1):
 * <ul>
 *   <li>"Examples of signature calculations" in docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html:
 *       GET Object (with Range), PUT Object, GET Bucket lifecycle, GET Bucket (list objects);</li>
 *   <li>the presigned URL example of sigv4-query-string-auth.html;</li>
 *   <li>the signed streaming upload of sigv4-streaming.html (66,560 bytes of 'a' in chunks of 65,536 and 1,024) and
 *       its variant with a signed trailer, sigv4-streaming-trailers.html.</li>
 * </ul>
 */
class S3SignatureExamplesTest {

    static final String KEY_ID = "AKIAIOSFODNN7EXAMPLE";
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    static final ApiKeys KEYS = ApiKeys.parse(KEY_ID + ":" + SECRET);
    static final Instant SIGNED_AT = Instant.parse("2013-05-24T00:00:00Z");
    static final SigV4Verifier VERIFIER = new SigV4Verifier(KEYS, "s3", Clock.fixed(SIGNED_AT, ZoneOffset.UTC));
    static final String DATE = "20130524T000000Z";
    static final String BUCKET_HOST = "examplebucket.s3.amazonaws.com";

    private static final String SEED = "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9";
    private static final String[] CHUNKS = {"ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648",
        "0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497",
        "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9"};
    private static final String TRAILER_SEED = "106e2a8a18243abcf37539882f36619c00e2dfc72633413f02d3b74544bfeb8e";
    private static final String[] TRAILER_CHUNKS = {"b474d8862b1487a5145d686f57f013e54db672cee1c953b3010fb58501ef5aa2",
        "1c1344b170168f8e65b41376b44b20fe354e373826ccbbe2c1d40a8cae51e5c7",
        "2ca2aba2005185cf7159c6277faf83795951dd77a3a99e6e65d5c9f85863f992"};
    private static final String TRAILER_SIGNATURE =
            "d81f82fc3505edab99d459891051a732e8730629a2e4a59689829ca17fe2e435";

    @Test
    void getObject() {
        VerifiedRequest verified = VERIFIER.verify(request("GET", "/test.txt",
                header("Host", BUCKET_HOST), header("Range", "bytes=0-9"),
                header("x-amz-content-sha256", Sha256.EMPTY_HEX), header("x-amz-date", DATE),
                authorization("host;range;x-amz-content-sha256;x-amz-date",
                        "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41")));
        assertEquals(KEY_ID, verified.keyId());
        assertEquals(PayloadMode.SIGNED_HASH, verified.payloadMode());
        assertNull(verified.chunkSignatures());
    }

    @Test
    void putObjectWithTheKeyEncodedOrAsTheDocumentWritesIt() {
        // The document's key is "test$file.text"; it signs the encoded form, /test%24file.text.
        for (String path : new String[] {"/test%24file.text", "/test$file.text"}) {
            VERIFIER.verify(request("PUT", path, header("Host", BUCKET_HOST),
                    header("Date", "Fri, 24 May 2013 00:00:00 GMT"),
                    header("x-amz-date", DATE), header("x-amz-storage-class", "REDUCED_REDUNDANCY"),
                    header("x-amz-content-sha256", Sha256.hexOf("Welcome to Amazon S3.")),
                    authorization("date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class",
                            "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd")));
        }
    }

    @Test
    void getBucketLifecycleAndListObjects() {
        VERIFIER.verify(request("GET", "/?lifecycle", header("Host", BUCKET_HOST),
                header("x-amz-date", DATE), header("x-amz-content-sha256", Sha256.EMPTY_HEX),
                authorization("host;x-amz-content-sha256;x-amz-date",
                        "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543")));
        VERIFIER.verify(request("GET", "/?max-keys=2&prefix=J", header("Host", BUCKET_HOST),
                header("x-amz-date", DATE), header("x-amz-content-sha256", Sha256.EMPTY_HEX),
                authorization("host;x-amz-content-sha256;x-amz-date",
                        "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7")));
    }

    @Test
    void presignedGetObject() {
        VerifiedRequest verified = VERIFIER.verify(request("GET", "/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256"
                + "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
                + "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host"
                + "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404",
                header("Host", BUCKET_HOST)));
        assertEquals(PayloadMode.UNSIGNED, verified.payloadMode());
    }

    @Test
    void streamingUploadSeedAndEveryChunkSignature() throws IOException {
        VerifiedRequest verified = VERIFIER.verify(streamingRequest("STREAMING-AWS4-HMAC-SHA256-PAYLOAD", SEED));
        assertEquals(PayloadMode.STREAMING_SIGNED, verified.payloadMode());
        byte[] body = chunkedBody(CHUNKS, null, -1);
        assertArrayEquals(payload(), decode(body, verified.chunkSignatures()));
    }

    @Test
    void streamingUploadWithASignedTrailer() throws IOException {
        VerifiedRequest verified = VERIFIER.verify(streamingRequest("STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER",
                TRAILER_SEED));
        assertEquals(PayloadMode.STREAMING_SIGNED_TRAILER, verified.payloadMode());
        byte[] body = chunkedBody(TRAILER_CHUNKS, "x-amz-checksum-crc32c:sOO8/Q==", -1);
        AwsChunkedInputStream chunked = new AwsChunkedInputStream(new ByteArrayInputStream(body), 66_560,
                verified.chunkSignatures());
        assertArrayEquals(payload(), chunked.readAllBytes());
        assertEquals("sOO8/Q==", chunked.trailers().get("x-amz-checksum-crc32c"));
    }

    @Test
    void theChainOnItsOwnReproducesTheDocumentedSignatures() {
        SigningKey key = SigningKey.derive(SECRET, new CredentialScope("20130524", "us-east-1", "s3"));
        ChunkSignatureChain chain = new ChunkSignatureChain(key, DATE, TRAILER_SEED, true);
        assertTrue(chain.nextChunk(TRAILER_CHUNKS[0], sha256(65_536)));
        assertTrue(chain.nextChunk(TRAILER_CHUNKS[1], sha256(1_024)));
        assertTrue(chain.nextChunk(TRAILER_CHUNKS[2], sha256(0)));
        assertTrue(chain.trailer(TRAILER_SIGNATURE, "x-amz-checksum-crc32c:sOO8/Q==\n"));
    }

    @Test
    void aChangedByteInAChunkBreaksItsSignatureBeforeTheStreamEnds() throws IOException {
        VerifiedRequest verified = VERIFIER.verify(streamingRequest("STREAMING-AWS4-HMAC-SHA256-PAYLOAD", SEED));
        byte[] body = chunkedBody(CHUNKS, null, 65_536 + 10);
        AwsChunkedInputStream chunked = new AwsChunkedInputStream(new ByteArrayInputStream(body), 66_560,
                verified.chunkSignatures());
        ByteArrayOutputStream delivered = new ByteArrayOutputStream();
        GatewayError error = assertThrows(GatewayError.class, () -> chunked.transferTo(delivered));
        assertEquals("SignatureDoesNotMatch", error.code());
        assertEquals(403, error.status());
        // the stream never ended normally, so a VerifyingInputStream on top would still hold the last byte back
        assertTrue(delivered.size() <= 66_560);
    }

    @Test
    void chunksInAnotherOrderOrWithoutSignaturesDoNotVerify() {
        VerifiedRequest verified = VERIFIER.verify(streamingRequest("STREAMING-AWS4-HMAC-SHA256-PAYLOAD", SEED));
        String[] swapped = {CHUNKS[1], CHUNKS[0], CHUNKS[2]};
        assertEquals("SignatureDoesNotMatch", assertThrows(GatewayError.class,
                () -> decode(chunkedBody(swapped, null, -1), verified.chunkSignatures())).code());
        byte[] unsigned = new String(chunkedBody(CHUNKS, null, -1), StandardCharsets.ISO_8859_1)
                .replaceAll(";chunk-signature=[0-9a-f]{64}", "").getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("SignatureDoesNotMatch", assertThrows(GatewayError.class,
                () -> decode(unsigned, verified.chunkSignatures())).code());
    }

    @Test
    void aTrailerChangedOrUnsignedDoesNotVerify() {
        VerifiedRequest verified = VERIFIER.verify(streamingRequest("STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER",
                TRAILER_SEED));
        byte[] changed = new String(chunkedBody(TRAILER_CHUNKS, "x-amz-checksum-crc32c:sOO8/Q==", -1),
                StandardCharsets.ISO_8859_1).replace("sOO8/Q==", "AAAAAA==").getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("SignatureDoesNotMatch", assertThrows(GatewayError.class,
                () -> decode(changed, verified.chunkSignatures())).code());
        byte[] unsigned = new String(chunkedBody(TRAILER_CHUNKS, "x-amz-checksum-crc32c:sOO8/Q==", -1),
                StandardCharsets.ISO_8859_1).replaceAll("x-amz-trailer-signature:[0-9a-f]{64}\r\n", "")
                .getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("SignatureDoesNotMatch", assertThrows(GatewayError.class,
                () -> decode(unsigned, verified.chunkSignatures())).code());
    }

    @Test
    void aBrokenChainStaysBroken() {
        SigningKey key = SigningKey.derive(SECRET, new CredentialScope("20130524", "us-east-1", "s3"));
        ChunkSignatureChain chain = new ChunkSignatureChain(key, DATE, SEED, false);
        assertFalse(chain.nextChunk(CHUNKS[1], sha256(65_536)));
        // the right signature for the next chunk no longer verifies: it chains from a signature never accepted
        assertFalse(chain.nextChunk(CHUNKS[1], sha256(1_024)));
    }

    private static SignedRequest streamingRequest(String payload, String seed) {
        if (payload.endsWith("-TRAILER")) {
            // The trailer example signs x-amz-trailer, and not Content-Length.
            return request("PUT", "/examplebucket/chunkObject.txt", header("Host", "s3.amazonaws.com"),
                    header("x-amz-date", DATE), header("x-amz-storage-class", "REDUCED_REDUNDANCY"),
                    header("x-amz-content-sha256", payload), header("Content-Encoding", "aws-chunked"),
                    header("x-amz-decoded-content-length", "66560"), header("x-amz-trailer", "x-amz-checksum-crc32c"),
                    authorization("content-encoding;host;x-amz-content-sha256;x-amz-date;"
                            + "x-amz-decoded-content-length;x-amz-storage-class;x-amz-trailer", seed));
        }
        return request("PUT", "/examplebucket/chunkObject.txt", header("Host", "s3.amazonaws.com"),
                header("x-amz-date", DATE), header("x-amz-storage-class", "REDUCED_REDUNDANCY"),
                header("x-amz-content-sha256", payload), header("Content-Encoding", "aws-chunked"),
                header("x-amz-decoded-content-length", "66560"), header("Content-Length", "66824"),
                authorization("content-encoding;content-length;host;x-amz-content-sha256;x-amz-date;"
                        + "x-amz-decoded-content-length;x-amz-storage-class", seed));
    }

    /** The documented body as the SDKs frame it; {@code corruptAt} flips one data byte (or -1 for none). */
    static byte[] chunkedBody(String[] signatures, String trailer, int corruptAt) {
        byte[] data = payload();
        if (corruptAt >= 0) {
            data[corruptAt] ^= 0x01;
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int[] sizes = {65_536, 1_024, 0};
        int offset = 0;
        for (int i = 0; i < sizes.length; i++) {
            body.writeBytes((Integer.toHexString(sizes[i]) + ";chunk-signature=" + signatures[i] + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            body.write(data, offset, sizes[i]);
            offset += sizes[i];
            if (sizes[i] > 0) {
                body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
        }
        if (trailer != null) {
            body.writeBytes((trailer + "\r\nx-amz-trailer-signature:" + TRAILER_SIGNATURE + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
        }
        body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        return body.toByteArray();
    }

    static byte[] payload() {
        byte[] data = new byte[66_560];
        Arrays.fill(data, (byte) 'a');
        return data;
    }

    private static byte[] decode(byte[] body, ChunkSignatureChain chain) throws IOException {
        return new AwsChunkedInputStream(new ByteArrayInputStream(body), 66_560, chain).readAllBytes();
    }

    private static byte[] sha256(int as) {
        byte[] data = new byte[as];
        Arrays.fill(data, (byte) 'a');
        return Sha256.newDigest().digest(data);
    }

    static Map.Entry<String, String> authorization(String signedHeaders, String signature) {
        return header("Authorization", "AWS4-HMAC-SHA256 Credential=" + KEY_ID + "/20130524/us-east-1/s3/aws4_request,"
                + "SignedHeaders=" + signedHeaders + ",Signature=" + signature);
    }

    @SafeVarargs
    static SignedRequest request(String method, String target, Map.Entry<String, String>... headers) {
        return SignedRequest.of(method, target, new ArrayList<>(List.of(headers)));
    }
}
