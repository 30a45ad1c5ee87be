package dev.caravan.surface.s3.body;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.caravan.auth.ApiKeys;
import dev.caravan.auth.SigV4Verifier;
import dev.caravan.auth.SignedRequest;
import dev.caravan.auth.VerifiedRequest;
import dev.caravan.model.GatewayError;
import java.time.Clock;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Proves the decoder against the real client: the AWS SDK for Java v2 (the gateway's own S3 client) PUTs to a
 * capture server here, and the captured body goes through AwsChunkedInputStream and VerifyingInputStream.
 */
class AwsSdkPutObjectCaptureTest {

    private record Capture(String method, String target, List<Map.Entry<String, String>> raw,
                           Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private static HttpServer server;
    private static S3Client s3;
    private static final AtomicReference<Capture> LAST = new AtomicReference<>();

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, String> headers = new TreeMap<>();
            List<Map.Entry<String, String>> raw = new ArrayList<>();
            exchange.getRequestHeaders().forEach((name, values) -> {
                headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values));
                values.forEach(value -> raw.add(new AbstractMap.SimpleImmutableEntry<>(name, value)));
            });
            URI uri = exchange.getRequestURI();
            LAST.set(new Capture(exchange.getRequestMethod(), uri.getRawPath()
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()), raw, headers, body));
            exchange.getResponseHeaders().add("ETag", "\"0123456789abcdef0123456789abcdef\"");
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        s3 = S3Client.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")))
                // Several HTTP client implementations are on the classpath, so the SDK needs to be told which.
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();
    }

    @AfterAll
    static void stop() {
        s3.close();
        server.stop(0);
    }

    @Test
    void defaultPutIsSignedAwsChunkedWithACrc32TrailerAndDecodes() throws IOException {
        byte[] data = ChecksumAlgorithmTest.random(300_000, 42);
        Capture capture = put(data, null);

        // What the SDK sent (provider-apis.md 7.8, Java v2 over http).
        assertTrue(capture.header("content-encoding").contains("aws-chunked"), capture.headers().toString());
        assertEquals("STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER", capture.header("x-amz-content-sha256"));
        assertEquals("x-amz-checksum-crc32", capture.header("x-amz-trailer"));
        assertEquals(String.valueOf(data.length), capture.header("x-amz-decoded-content-length"));
        assertEquals(String.valueOf(capture.body().length), capture.header("content-length"));
        String wire = new String(capture.body(), StandardCharsets.ISO_8859_1);
        assertTrue(wire.contains(";chunk-signature="), "signed chunks");
        assertTrue(wire.contains("x-amz-trailer-signature:"), "signed trailer");

        VerifiedBody verified = decodeAndVerify(capture, data);
        assertEquals(ChecksumAlgorithmTest.base64(ChecksumAlgorithm.CRC32, data),
                verified.checksums().get(ChecksumAlgorithm.CRC32));
    }

    @ParameterizedTest
    @EnumSource(value = ChecksumAlgorithm.class, names = {"CRC32", "CRC32C", "SHA1", "SHA256"})
    void everySdkAlgorithmDecodesAndVerifies(ChecksumAlgorithm algorithm) throws IOException {
        byte[] data = ChecksumAlgorithmTest.random(70_001, algorithm.ordinal());
        Capture capture = put(data, software.amazon.awssdk.services.s3.model.ChecksumAlgorithm.fromValue(
                algorithm.sdkName()));
        assertEquals(algorithm.headerName(), capture.header("x-amz-trailer"));
        VerifiedBody verified = decodeAndVerify(capture, data);
        assertEquals(ChecksumAlgorithmTest.base64(algorithm, data), verified.checksums().get(algorithm));
    }

    @Test
    void emptyObjectFromTheSdk() throws IOException {
        Capture capture = put(new byte[0], null);
        VerifiedBody verified = decodeAndVerify(capture, new byte[0]);
        assertEquals("d41d8cd98f00b204e9800998ecf8427e", verified.md5Hex());
    }

    @Test
    void aCorruptedByteInTheSdkBodyIsBadDigestAndTheLastByteIsNeverReleased() throws IOException {
        byte[] data = ChecksumAlgorithmTest.random(200_000, 9);
        Capture capture = put(data, null);
        byte[] wire = capture.body().clone();
        // Flip a byte inside the first chunk's data, after its header line.
        int firstData = new String(wire, StandardCharsets.ISO_8859_1).indexOf("\r\n") + 2 + 1000;
        wire[firstData] ^= 0x01;

        AwsChunkedInputStream chunked = new AwsChunkedInputStream(new ByteArrayInputStream(wire), data.length);
        VerifyingInputStream verifying = new VerifyingInputStream(chunked, null,
                List.of(ExpectedChecksum.ofTrailer(ChecksumAlgorithm.CRC32, chunked)), null, -1);
        ByteArrayOutputStream delivered = new ByteArrayOutputStream();
        GatewayError error = assertThrows(GatewayError.class, () -> verifying.transferTo(delivered));
        assertEquals("BadDigest", error.code());
        assertEquals("The CRC32 you specified did not match the calculated checksum.", error.getMessage());
        assertEquals(data.length - 1, delivered.size());
    }

    @Test
    void theSdkRequestSignatureAndEveryChunkAndTrailerSignatureVerify() throws IOException {
        byte[] data = ChecksumAlgorithmTest.random(300_000, 17);
        Capture capture = put(data, null);
        ApiKeys keys = ApiKeys.parse("AKIDEXAMPLE:wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
        SigV4Verifier verifier = new SigV4Verifier(keys, "s3", Clock.systemUTC());
        VerifiedRequest verified = verifier.verify(SignedRequest.of(capture.method(), capture.target(), capture.raw()));
        AwsChunkedInputStream chunked = new AwsChunkedInputStream(new ByteArrayInputStream(capture.body()),
                data.length, verified.chunkSignatures());
        assertArrayEquals(data, chunked.readAllBytes());

        // One flipped bit in the data of the second chunk (the SDK's chunks are 128 KiB): the chain breaks there.
        byte[] wire = capture.body().clone();
        int secondChunk = new String(wire, StandardCharsets.ISO_8859_1).indexOf(";chunk-signature=", 200);
        wire[new String(wire, StandardCharsets.ISO_8859_1).indexOf("\r\n", secondChunk) + 2 + 7] ^= 0x01;
        AwsChunkedInputStream tampered = new AwsChunkedInputStream(new ByteArrayInputStream(wire), data.length,
                verified.chunkSignatures());
        GatewayError error = assertThrows(GatewayError.class, tampered::readAllBytes);
        assertEquals("SignatureDoesNotMatch", error.code());
        assertEquals(403, error.status());
    }

    private Capture put(byte[] data, software.amazon.awssdk.services.s3.model.ChecksumAlgorithm algorithm) {
        PutObjectRequest.Builder request = PutObjectRequest.builder().bucket("bkt").key("in/k.jsonl");
        if (algorithm != null) {
            request.checksumAlgorithm(algorithm);
        }
        LAST.set(null);
        s3.putObject(request.build(), RequestBody.fromInputStream(new ByteArrayInputStream(data), data.length));
        Capture capture = LAST.get();
        assertNotNull(capture);
        return capture;
    }

    /** What the S3 surface will do with such a request, decided from its headers alone. */
    private static VerifiedBody decodeAndVerify(Capture capture, byte[] expected) throws IOException {
        assertTrue(capture.header("content-encoding").contains("aws-chunked"));
        long declared = Long.parseLong(capture.header("x-amz-decoded-content-length"));
        AwsChunkedInputStream chunked = new AwsChunkedInputStream(new ByteArrayInputStream(capture.body()), declared);
        ChecksumAlgorithm trailer = ChecksumAlgorithm.fromHeaderName(capture.header("x-amz-trailer")).orElseThrow();
        ChecksumAlgorithm announced = ChecksumAlgorithm.fromName(capture.header("x-amz-sdk-checksum-algorithm"))
                .orElseThrow();
        assertEquals(trailer, announced);
        InputStream body = new VerifyingInputStream(chunked, null, List.of(ExpectedChecksum.ofTrailer(trailer, chunked)),
                announced, 10_000_000);
        assertArrayEquals(expected, body.readAllBytes());
        VerifiedBody verified = ((VerifyingInputStream) body).result();
        assertEquals(chunked.trailers().get(trailer.headerName()), verified.checksums().get(trailer));
        assertEquals(expected.length, verified.length());
        return verified;
    }
}
