package dev.caravan.sandbox.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.io.SequenceInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The create limits at their edges (provider-apis.md §3.2): 100,000 requests pass and 100,001 do not; a body over
 * 256 MB is refused 413 whether its size is declared or only counted. The bodies are generated as they are sent,
 * never built in memory.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnthropicEmulatorLimitsTest {

    private static final String KEY = "sk-ant-emulator-limits-0123456789";

    @TempDir
    static Path dataDir;

    private AnthropicEmulator emulator;
    private RawApi api;

    @BeforeAll
    void start() {
        // long processing: the 100,000-request batch is canceled before it would run them all
        emulator = new AnthropicEmulator(AnthropicEmulatorSettings.defaults(dataDir, KEY)
                .withProcessingDuration(Duration.ofMinutes(10))).start("127.0.0.1", 0);
        api = new RawApi(emulator.baseUrl(), KEY);
    }

    @AfterAll
    void stop() {
        emulator.close();
    }

    @Test
    void oneHundredThousandRequestsAreABatch() {
        HttpResponse<String> created = api.send(create(requestsBody(100_000)));

        assertEquals(200, created.statusCode(), created.body());
        JsonNode batch = RawApi.json(created);
        assertEquals("in_progress", batch.get("processing_status").asText());
        assertEquals(100_000, batch.at("/request_counts/processing").asInt());

        // cancel, so its results (mostly canceled lines) are written at once rather than over ten minutes
        String id = batch.get("id").asText();
        HttpResponse<String> canceled = api.send(api.authorized("/v1/messages/batches/" + id + "/cancel")
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals("canceling", RawApi.json(canceled).get("processing_status").asText(), canceled.body());
        JsonNode ended = api.awaitEnded(id, Duration.ofSeconds(60));
        assertEquals(100_000, ended.at("/request_counts/succeeded").asInt() + ended.at("/request_counts/canceled")
                .asInt(), ended.toString());
    }

    @Test
    void oneHundredThousandAndOneRequestsAreRefused() {
        HttpResponse<String> refused = api.send(create(requestsBody(100_001)));

        JsonNode error = RawApi.error(refused, 400, "invalid_request_error");
        assertEquals("requests: List should have at most 100000 items after validation, not 100001",
                error.get("message").asText());
    }

    @Test
    void aDeclaredBodyOver256MbIsRefusedAtOnce() {
        long size = BatchLimits.MAX_BODY_BYTES + 1;
        HttpRequest request = api.authorized("/v1/messages/batches").header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(() -> oneHugeRequest(size)), size))
                .build();

        JsonNode error = RawApi.error(api.send(request), 413, "request_too_large");
        assertTrue(error.get("message").asText().contains("268435456"), error.toString());
    }

    @Test
    void aClientExpecting100ContinueSendsOnlyWhatIsWanted() throws IOException {
        String body = "{\"requests\":[{\"custom_id\":\"c\",\"params\":{\"model\":\"claude-haiku-4-5\","
                + "\"max_tokens\":8,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}}]}";
        HttpResponse<String> accepted = api.send(api.authorized("/v1/messages/batches").expectContinue(true)
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertEquals(200, accepted.statusCode(), accepted.body());

        // JDK 17's HttpClient never completes an Expect: 100-continue exchange answered with a final status instead of
        // the 100 (it hung here, past its own timeout), so the refusal is read off a plain socket
        URI uri = api.uri("/v1/messages/batches");
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(10_000);
            String head = "POST /v1/messages/batches HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                    + "\r\nx-api-key: " + KEY + "\r\nanthropic-version: " + RawApi.VERSION
                    + "\r\ncontent-type: application/json\r\ncontent-length: " + (BatchLimits.MAX_BODY_BYTES + 1)
                    + "\r\nexpect: 100-continue\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            BufferedReader answer = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            assertEquals("HTTP/1.1 413 Request Entity Too Large", answer.readLine(),
                    "refused from its Content-Length, with no 100 Continue and before a byte of the body");
        }
    }

    @Test
    void aChunkedBodyOver256MbIsRefusedWhenTheCountPassesTheLimit() throws IOException {
        long size = BatchLimits.MAX_BODY_BYTES + 1;
        HttpRequest request = api.authorized("/v1/messages/batches").header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> oneHugeRequest(size)))
                .build();

        RawApi.error(api.send(request), 413, "request_too_large");

        // the emulator goes on serving, and the spooled part is gone
        assertEquals(200, api.get("/v1/messages/batches?limit=1").statusCode());
        Path spool;
        try (Stream<Path> runs = Files.list(dataDir.resolve("anthropic-emulator"))) {
            spool = runs.findFirst().orElseThrow().resolve("spool");
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!entries(spool).isEmpty() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(List.of(), entries(spool), "no spool file left behind");
    }

    private static List<Path> entries(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.toList();
        }
    }

    private HttpRequest create(Iterator<byte[]> body) {
        return api.authorized("/v1/messages/batches").header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArrays(() -> body))
                .build();
    }

    /** {@code {"requests":[...]}} with {@code count} small valid requests, made as it is sent. */
    private static Iterator<byte[]> requestsBody(int count) {
        return new Iterator<>() {
            private int next = -1;

            @Override
            public boolean hasNext() {
                return next <= count;
            }

            @Override
            public byte[] next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int i = next++;
                String part;
                if (i < 0) {
                    part = "{\"requests\":[";
                } else if (i == count) {
                    part = "]}";
                } else {
                    part = (i == 0 ? "" : ",") + "{\"custom_id\":\"r-" + i + "\",\"params\":{\"model\":"
                            + "\"claude-haiku-4-5\",\"max_tokens\":8,\"messages\":[{\"role\":\"user\","
                            + "\"content\":\"hello " + i + "\"}]}}";
                }
                return part.getBytes(StandardCharsets.UTF_8);
            }
        };
    }

    /** A well-formed body of exactly {@code size} bytes: one request whose prompt is padded with x. */
    private static InputStream oneHugeRequest(long size) {
        byte[] head = ("{\"requests\":[{\"custom_id\":\"huge\",\"params\":{\"model\":\"claude-haiku-4-5\","
                + "\"max_tokens\":8,\"messages\":[{\"role\":\"user\",\"content\":\"").getBytes(StandardCharsets.UTF_8);
        byte[] tail = "\"}]}}]}".getBytes(StandardCharsets.UTF_8);
        long padding = size - head.length - tail.length;
        InputStream filler = new InputStream() {
            private long left = padding;

            @Override
            public int read() {
                if (left <= 0) {
                    return -1;
                }
                left--;
                return 'x';
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(length, left);
                Arrays.fill(buffer, offset, offset + n, (byte) 'x');
                left -= n;
                return n;
            }
        };
        return new SequenceInputStream(Collections.enumeration(List.of(
                new ByteArrayInputStream(head), filler, new ByteArrayInputStream(tail))));
    }
}
