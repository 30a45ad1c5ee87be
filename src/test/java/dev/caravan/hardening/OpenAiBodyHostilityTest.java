package dev.caravan.hardening;

import static dev.caravan.hardening.HostileAssertions.assertClean4xx;
import static dev.caravan.hardening.HostileAssertions.concat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.caravan.CaravanApplication;
import dev.caravan.hardening.HostileAssertions.OldGenPeak;
import dev.caravan.hardening.RawHttp.Request;
import dev.caravan.hardening.RawHttp.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile bodies on the OpenAI surface: invalid UTF-8 and binary garbage as JSON, JSON nested 100,000 levels
 * deep, a 10 MB JSONL line, 200 MB of one repeated line, multipart bodies that never finish, JSON bodies far over
 * any sensible size. Each must end in a clean 4xx in OpenAI's error envelope, within a bound, without buffering
 * what was meant to stream.
 *
 * <p>Tests marked {@code @Disabled("fails until ...")} are the proof of a defect found here.
 */
@CamelMainTest(mainClass = CaravanApplication.class,
        propertyPlaceholderLocations = "file:application.properties",
        properties = {"camel.server.port=0", "camel.server.host=127.0.0.1", "caravan.sandbox.enabled=true",
                "caravan.openai.body-idle-timeout=3000"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenAiBodyHostilityTest {

    private static final String CREATE_FIELDS =
            "\"endpoint\":\"/v1/chat/completions\",\"completion_window\":\"24h\"";
    private static final Duration READ = Duration.ofSeconds(45);

    @BeanInject
    CamelContext context;

    private RawHttp http;

    // @BeforeEach, not @BeforeAll: the context is injected after the class-level callbacks have run
    @BeforeEach
    void connect() {
        http = HostileAssertions.rawHttp(context);
    }

    // ---- invalid UTF-8 and garbage ----------------------------------------------------------------------------

    @Test
    void invalidUtf8InABatchCreateBodyIsA400() {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            byte[] body = concat("{\"input_file_id\":\"file-".getBytes(StandardCharsets.UTF_8),
                    new byte[] {(byte) 0xff, (byte) 0xfe, (byte) 0xc3, 0x28},
                    ("\"," + CREATE_FIELDS + "}").getBytes(StandardCharsets.UTF_8));
            assertClean4xx("/openai/batches", "POST", json("/openai/batches", body));
        });
    }

    @Test
    void binaryGarbageAsABatchCreateOrCancelBodyIsA400() {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            byte[] garbage = new byte[4096];
            new Random(9).nextBytes(garbage);
            for (String target : List.of("/openai/batches", "/openai/batches/batch_abc/cancel")) {
                assertClean4xx(target, "POST", json(target, garbage));
            }
        });
    }

    @Test
    void invalidUtf8InAJsonlUploadIsA400NamingTheLine() {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            byte[] file = concat((Multipart.GOOD_LINE.formatted("u-1") + "\n").getBytes(StandardCharsets.UTF_8),
                    Multipart.GOOD_LINE.formatted("u-2").replace("Hello!", "caf\u00e9")
                            .getBytes(StandardCharsets.ISO_8859_1));
            Response response = upload(file);
            assertClean4xx("/openai/files", "POST", response);
            String message = SurfaceAnswers.openAiMessage(response);
            assertTrue(message.contains("line 2") && message.contains("UTF-8"), message);
        });
    }

    // ---- deeply nested JSON -----------------------------------------------------------------------------------

    static Stream<String> deeplyNestedBodies() {
        int depth = 100_000;
        return Stream.of(
                "[".repeat(depth) + "]".repeat(depth),
                "{\"a\":".repeat(depth) + "1" + "}".repeat(depth),
                "{\"input_file_id\":\"file-x\"," + CREATE_FIELDS + ",\"metadata\":" + "[".repeat(depth)
                        + "]".repeat(depth) + "}",
                "{\"input_file_id\":\"file-x\"," + CREATE_FIELDS + ",\"extra\":" + "{\"a\":".repeat(depth) + "1"
                        + "}".repeat(depth) + "}",
                // never closed: the parser must give up at its depth limit, not at the end of the input
                "[".repeat(depth));
    }

    @ParameterizedTest(name = "body #{index}")
    @MethodSource("deeplyNestedBodies")
    void jsonNested100000LevelsDeepIsA400(String body) {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertClean4xx("/openai/batches", "POST",
                json("/openai/batches", body.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void aJsonlLineNested100000LevelsDeepIsA400NamingTheLine() {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            int depth = 100_000;
            String deep = "{\"custom_id\":\"deep\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\",\"body\":"
                    + "[".repeat(depth) + "]".repeat(depth) + "}";
            Response response = upload((Multipart.GOOD_LINE.formatted("d-1") + "\n" + deep)
                    .getBytes(StandardCharsets.UTF_8));
            assertClean4xx("/openai/files", "POST", response);
            assertTrue(SurfaceAnswers.openAiMessage(response).contains("line 2"), response.summary());
        });
    }

    // ---- large and repetitive uploads -------------------------------------------------------------------------

    @Test
    void aTenMegabyteJsonlLineIsA400NamingTheLine() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            String big = Multipart.GOOD_LINE.formatted("big").replace("Hello!", "a".repeat(10 * 1024 * 1024));
            Response response = upload((Multipart.GOOD_LINE.formatted("b-1") + "\n" + big + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            assertClean4xx("/openai/files", "POST", response);
            String message = SurfaceAnswers.openAiMessage(response);
            assertTrue(message.contains("line 2") && message.contains("longer than"), message);
        });
    }

    /**
     * 200 MB of one line over and over, streamed: uploads are spooled to disk and validated as a stream, so the
     * old generation (where a buffered copy of this size would land) must not grow by anything like the file, and
     * the answer is the validator's: line 2 repeats line 1's custom_id.
     */
    @Test
    void twoHundredMegabytesOfOneRepeatedLineAreNotBufferedAndGetACleanAnswer() {
        assertTimeoutPreemptively(Duration.ofSeconds(180), () -> {
            byte[] line = (Multipart.GOOD_LINE.formatted("same") + "\n").getBytes(StandardCharsets.UTF_8);
            long lines = 200L * 1000 * 1000 / line.length;
            byte[] head = Multipart.head("batch");
            byte[] tail = Multipart.tail();
            long length = head.length + lines * line.length + tail.length;
            OldGenPeak peak = OldGenPeak.start();
            long started = System.nanoTime();
            Response response = http.send(new Request("POST", "/openai/files")
                    .header("Content-Type", Multipart.CONTENT_TYPE)
                    .streamedBody(length, out -> {
                        out.write(head);
                        Multipart.repeat(out, line, lines);
                        out.write(tail);
                    }), Duration.ofSeconds(150));
            long grewMb = peak.growthMb();
            System.out.printf("200 MB repeated-line upload: %s; %d ms; old-gen peak growth %d MB%n",
                    response.summary(), (System.nanoTime() - started) / 1_000_000, grewMb);
            assertClean4xx("/openai/files", "POST", response);
            assertTrue(SurfaceAnswers.openAiMessage(response).contains("line 2"), response.summary());
            assertTrue(grewMb < 100, "old generation grew by " + grewMb + " MB during a 200 MB upload");
        });
    }

    // ---- multipart bodies that never finish -------------------------------------------------------------------

    /** The body ends (Content-Length reached) inside the file part: the closing boundary never comes. */
    @Test
    void aMultipartBodyThatEndsWithoutItsClosingBoundaryGetsA400Promptly() {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            byte[] body = concat(Multipart.head("batch"),
                    Multipart.GOOD_LINE.formatted("open").getBytes(StandardCharsets.UTF_8));
            Response response = http.send(new Request("POST", "/openai/files")
                    .header("Content-Type", Multipart.CONTENT_TYPE).body(body), Duration.ofSeconds(15));
            assertClean4xx("/openai/files", "POST", response);
        });
    }

    /** The same with chunked framing: the terminating zero chunk arrives, the closing boundary does not. */
    @Test
    void aChunkedMultipartBodyWithoutItsClosingBoundaryGetsA400Promptly() {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            byte[] body = concat(Multipart.head("batch"),
                    Multipart.GOOD_LINE.formatted("open").getBytes(StandardCharsets.UTF_8));
            Response response = http.send(new Request("POST", "/openai/v1/files")
                    .header("Content-Type", Multipart.CONTENT_TYPE).header("Transfer-Encoding", "chunked")
                    .rawBody(out -> {
                        out.write((Integer.toHexString(body.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(body);
                        out.write("\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    }), Duration.ofSeconds(15));
            assertClean4xx("/openai/v1/files", "POST", response);
        });
    }

    /**
     * The client declares more than it sends, then goes quiet with the connection open. Only time tells this from
     * a slow network; the S3 surface gives up after caravan.s3.body-idle-timeout (60 s by default), so this waits
     * 90 s for the OpenAI surface to answer or close.
     */
    @Test
    void aStalledMultipartUploadIsGivenUpOnWithinBoundedTime() {
        assertStalledBodyIsAnswered("/openai/files", Multipart.CONTENT_TYPE, concat(Multipart.head("batch"),
                Multipart.GOOD_LINE.formatted("stall").getBytes(StandardCharsets.UTF_8)));
    }

    /** The same for a JSON body: platform-http's body handler would wait for the declared bytes forever. */
    @Test
    void aStalledBatchCreateBodyIsGivenUpOnWithinBoundedTime() {
        assertStalledBodyIsAnswered("/openai/batches", "application/json",
                "{\"input_file_id\":\"file-x\",".getBytes(StandardCharsets.UTF_8));
    }

    private void assertStalledBodyIsAnswered(String target, String contentType, byte[] sent) {
        assertTimeoutPreemptively(Duration.ofSeconds(100), () -> {
            Request request = new Request("POST", target).header("Content-Type", contentType)
                    .streamedBody(sent.length + 1024, out -> {
                        out.write(sent);
                        out.flush();
                        try {
                            Thread.sleep(Duration.ofMinutes(5).toMillis());
                        } catch (InterruptedException stop) {
                            Thread.currentThread().interrupt();
                        }
                    });
            Response response;
            try {
                response = http.send(request, Duration.ofSeconds(90));
            } catch (SocketTimeoutException hang) {
                fail("no answer and no close 90 s after the client stalled: the connection is held forever");
                return;
            }
            // closing the connection is an acceptable end for a stalled upload; an answer must be a clean 4xx
            if (response.status() != 0) {
                assertClean4xx(target, "POST", response);
            }
        });
    }

    /**
     * A percent-escape that does not decode, in an upload's query: answered at once as the bad request it is.
     * Today vertx-web's BodyHandler throws while it parses the query at the end of the upload (an unhandled
     * exception on the event loop); only the unterminated-multipart guard answers, 2 s later, with a wrong reason.
     */
    @Test
    void anUploadWhoseQueryDoesNotDecodeIsA400ThatSaysSo() {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            long started = System.nanoTime();
            Response response = http.send(new Request("POST", "/openai/files?purpose=%")
                    .header("Content-Type", Multipart.CONTENT_TYPE)
                    .body(Multipart.batchUpload(Multipart.GOOD_LINE.formatted("q").getBytes(StandardCharsets.UTF_8))),
                    READ);
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertClean4xx("/openai/files", "POST", response);
            assertFalse(SurfaceAnswers.openAiMessage(response).contains("boundary"), response.summary());
            assertTrue(millis < 1500, "answered after " + millis + " ms");
        });
    }

    // ---- oversized JSON body ----------------------------------------------------------------------------------

    /**
     * batches.create bodies are read whole into memory, so they need a limit of their own far below the 2 GiB
     * server-wide one (camel.server.max-body-size, sized for spooled uploads). 64 MiB declared up front must be
     * refused before it is read.
     */
    @Test
    void anOversizedBatchCreateBodyIsRefusedBeforeItIsBuffered() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            long size = 64L * 1024 * 1024;
            OldGenPeak peak = OldGenPeak.start();
            Response response = http.send(new Request("POST", "/openai/batches")
                    .header("Content-Type", "application/json")
                    .streamedBody(size, out -> writePaddedCreateBody(out, size)), READ);
            System.out.printf("64 MiB batches.create body: %s; old-gen peak growth %d MB%n", response.summary(),
                    peak.growthMb());
            assertClean4xx("/openai/batches", "POST", response);
            assertEquals(413, response.status(), response.summary());
        });
    }

    /** Without a Content-Length nothing can be judged up front: a chunked body must still be bounded. */
    @Test
    void anOversizedChunkedBatchCreateBodyIsRefused() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            long size = 64L * 1024 * 1024;
            ByteArrayOutputStream oneMegabyte = new ByteArrayOutputStream();
            writePaddedCreateBody(oneMegabyte, 1024 * 1024);
            byte[] chunk = oneMegabyte.toByteArray();
            Response response = http.send(new Request("POST", "/openai/batches")
                    .header("Content-Type", "application/json").header("Transfer-Encoding", "chunked")
                    .rawBody(out -> {
                        for (long sent = 0; sent < size; sent += chunk.length) {
                            out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                            out.write(chunk);
                            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                        }
                        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    }), READ);
            System.out.println("64 MiB chunked batches.create body: " + response.summary());
            assertClean4xx("/openai/batches", "POST", response);
        });
    }

    /** Just under Caravan's own JSON limit: the upstream's limit (the emulator's 1 MB, as OpenAI's) applies. */
    @Test
    void aLargeBatchCreateBodyWithinCaravansLimitIsTheUpstreamsToRefuse() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            long size = 8L * 1024 * 1024;
            Response response = http.send(new Request("POST", "/openai/batches")
                    .header("Content-Type", "application/json")
                    .streamedBody(size, out -> writePaddedCreateBody(out, size)), READ);
            System.out.println("8 MiB batches.create body: " + response.summary());
            assertClean4xx("/openai/batches", "POST", response);
        });
    }

    /** A JSON object of exactly {@code size} bytes: the create fields, then one long padding string. */
    private static void writePaddedCreateBody(OutputStream out, long size) throws IOException {
        byte[] start = ("{\"input_file_id\":\"file-x\"," + CREATE_FIELDS + ",\"pad\":\"")
                .getBytes(StandardCharsets.UTF_8);
        byte[] end = "\"}".getBytes(StandardCharsets.UTF_8);
        out.write(start);
        byte[] pad = new byte[64 * 1024];
        Arrays.fill(pad, (byte) 'a');
        long left = size - start.length - end.length;
        while (left > 0) {
            int n = (int) Math.min(pad.length, left);
            out.write(pad, 0, n);
            left -= n;
        }
        out.write(end);
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private Response json(String target, byte[] body) throws IOException {
        return http.send(new Request("POST", target).header("Content-Type", "application/json").body(body), READ);
    }

    private Response upload(byte[] file) throws IOException {
        return http.send(new Request("POST", "/openai/files").header("Content-Type", Multipart.CONTENT_TYPE)
                .body(Multipart.batchUpload(file)), READ);
    }
}
