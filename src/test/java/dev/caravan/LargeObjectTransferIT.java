package dev.caravan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * DESIGN §7 for the files API: one large object through {@code /bedrock/files} with the official S3 client, single
 * PutObject (the SDK sends it aws-chunked with signed chunks and a CRC32 trailer, which Caravan decodes and verifies
 * while streaming it on to S3) and GetObject back, with Caravan's heap at 256 MB. The default size keeps
 * {@code mvn verify} quick; {@code bench/large-object-transfer.sh} runs it with 1 GiB. Figures go to
 * {@code target/large-object/report.txt}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LargeObjectTransferIT {

    private static final long BYTES = Long.getLong("caravan.large-object.bytes", 256L * 1024 * 1024);
    private static final Path WORK = Path.of("target", "large-object");

    private SmallHeapCaravan caravan;

    @BeforeAll
    void startCaravanWithSmallHeap() throws Exception {
        caravan = SmallHeapCaravan.start(WORK);
    }

    @AfterAll
    void stopCaravan() throws InterruptedException {
        if (caravan != null) {
            caravan.close();
        }
    }

    @Test
    void a_large_object_goes_up_and_comes_back_identical_under_a_256_mb_heap() throws Exception {
        try (S3Client s3 = S3Client.builder()
                .endpointOverride(URI.create(caravan.baseUrl() + "/bedrock/files"))
                .forcePathStyle(true)
                .region(Region.US_WEST_2)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")))
                .httpClientBuilder(ApacheHttpClient.builder().socketTimeout(Duration.ofMinutes(5)))
                .overrideConfiguration(override -> override.retryStrategy(builder -> builder.maxAttempts(1)))
                .build()) {
            MessageDigest sent = MessageDigest.getInstance("SHA-256");
            Instant upStart = Instant.now();
            PutObjectResponse put = s3.putObject(b -> b.bucket("your-s3-bucket").key("large/object.bin")
                            .contentType("application/octet-stream"),
                    RequestBody.fromContentProvider(() -> new PatternStream(BYTES, sent), BYTES,
                            "application/octet-stream"));
            Duration up = Duration.between(upStart, Instant.now());

            MessageDigest received = MessageDigest.getInstance("SHA-256");
            Instant downStart = Instant.now();
            long receivedBytes;
            long declaredLength;
            try (ResponseInputStream<GetObjectResponse> body = s3.getObject(b -> b.bucket("your-s3-bucket")
                    .key("large/object.bin"));
                 OutputStream sink = new DigestOutputStream(OutputStream.nullOutputStream(), received)) {
                declaredLength = body.response().contentLength();
                receivedBytes = body.transferTo(sink);
            }
            Duration down = Duration.between(downStart, Instant.now());

            caravan.assertAlive();
            assertEquals(BYTES, declaredLength, "Content-Length of the GET");
            assertEquals(BYTES, receivedBytes);
            assertArrayEquals(sent.digest(), received.digest(), "downloaded bytes differ from the uploaded ones");
            report(up, down, put.eTag());
        }
    }

    private void report(Duration up, Duration down, String etag) throws IOException, InterruptedException {
        double megabytes = BYTES / 1_000_000.0;
        String report = String.format(Locale.ROOT, """
                Large object through Caravan's S3 files API (java -Xmx256m -jar target/caravan.jar --sandbox)
                object: %d bytes, ETag %s, one PutObject (aws-chunked, signed chunks, CRC32 trailer) and one GetObject
                upload:   %.1f s, %.1f MB/s
                download: %.1f s, %.1f MB/s
                peak RSS of the Caravan process (%s), peak heap in use %s (jstat, 250 ms samples)
                heap after the transfer:
                %s
                """, BYTES, etag, up.toMillis() / 1000.0, megabytes * 1000 / Math.max(1, up.toMillis()),
                down.toMillis() / 1000.0, megabytes * 1000 / Math.max(1, down.toMillis()), caravan.peakRss(),
                caravan.peakHeap(), caravan.heapInfo());
        Files.writeString(WORK.resolve("report.txt"), report);
        System.out.println(report);
    }

    /** {@code length} deterministic pseudo-random bytes, generated as they are read, digested on the way. */
    private static final class PatternStream extends InputStream {

        private final long length;
        private final MessageDigest digest;
        private long position;
        private long state = 0x9E3779B97F4A7C15L;

        PatternStream(long length, MessageDigest digest) {
            this.length = length;
            this.digest = digest;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int count) {
            if (position >= length) {
                return -1;
            }
            int n = (int) Math.min(count, length - position);
            for (int i = 0; i < n; i++) {
                if ((position + i) % 8 == 0) {
                    state ^= state << 13;
                    state ^= state >>> 7;
                    state ^= state << 17;
                }
                buffer[offset + i] = (byte) (state >>> (((position + i) % 8) * 8));
            }
            digest.update(buffer, offset, n);
            position += n;
            return n;
        }
    }
}
