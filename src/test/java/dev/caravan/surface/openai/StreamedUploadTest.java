package dev.caravan.surface.openai;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.files.FileObject;
import dev.caravan.CaravanApplication;
import dev.caravan.CaravanClients;
import dev.caravan.sandbox.Sandbox;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;

/**
 * files.create for OpenAI streams the file on while it arrives (issue 10), and everything that cannot be finished
 * upstream is not: a bad batch line, a field after the file part that sends the upload to another provider, a caller
 * that goes away. What reaches the OpenAI emulator is checked on the emulator itself.
 */
@CamelMainTest(mainClass = CaravanApplication.class,
        propertyPlaceholderLocations = "file:application.properties",
        properties = {"camel.server.port=0", "camel.server.host=127.0.0.1", "caravan.sandbox.enabled=true"})
class StreamedUploadTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BOUNDARY = "streamed-upload-test-boundary";

    @BeanInject
    CamelContext context;

    private OpenAIClient caravan;
    private OpenAIClient emulator;

    private OpenAIClient caravan() {
        if (caravan == null) {
            caravan = CaravanClients.openAi(context, "/openai/v1");
        }
        return caravan;
    }

    /** The OpenAI emulator itself, behind Caravan's back: what OpenAI would have stored. */
    private OpenAIClient emulator() {
        if (emulator == null) {
            emulator = OpenAIOkHttpClient.builder()
                    .baseUrl(context.resolvePropertyPlaceholders("{{caravan.openai.base-url}}"))
                    .apiKey(context.resolvePropertyPlaceholders("{{caravan.openai.api-key}}"))
                    .maxRetries(0)
                    .build();
        }
        return emulator;
    }

    @Test
    void a_slowly_sent_upload_reaches_openai_before_the_caller_has_finished_and_arrives_intact() throws Exception {
        byte[] file = batchFile("slow", 4000, -1);
        byte[] head = head("batch", "slow.jsonl");
        byte[] tail = tail();
        Path emulatorUploads = emulatorUploads();
        Set<Path> before = listing(emulatorUploads);
        AtomicBoolean seenUpstreamWhileSending = new AtomicBoolean();
        int half = file.length / 2;
        // the first half, then a pause until the emulator shows a partial upload of ours, then the rest
        InputStream body = new SequenceOfParts(head, file, tail, half, () -> {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline) {
                if (listing(emulatorUploads).stream().anyMatch(p -> !before.contains(p) && size(p) > 0)) {
                    seenUpstreamWhileSending.set(true);
                    return;
                }
                sleep(50);
            }
        });
        HttpResponse<String> response = post(body, head.length + file.length + tail.length, null);

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(seenUpstreamWhileSending.get(),
                "the emulator saw nothing of the upload before the caller had sent all of it: not streamed");
        String id = JSON.readTree(response.body()).path("id").asText();
        assertEquals(file.length, caravan().files().retrieve(id).bytes());
        try (var content = caravan().files().content(id)) {
            assertArrayEquals(file, content.body().readAllBytes());
        }
    }

    @Test
    void a_bad_line_near_the_end_of_a_large_batch_file_is_a_400_naming_it_and_openai_keeps_nothing() throws Exception {
        int lines = 20_000;
        int bad = lines - 3;
        byte[] file = batchFile("end", lines, bad);
        Set<String> before = emulatorFileIds();

        HttpResponse<String> response = upload(head("batch", "bad-end.jsonl"), file, tail());

        assertEquals(400, response.statusCode(), response.body());
        JsonNode error = JSON.readTree(response.body()).path("error");
        assertTrue(error.path("message").asText().startsWith("line " + bad + ":"), response.body());
        assertEquals("file", error.path("param").asText());
        assertEquals(before, emulatorFileIds(), "OpenAI was left with a file from a refused upload");
    }

    @Test
    void a_provider_field_after_the_file_part_sends_the_upload_to_that_provider() throws Exception {
        byte[] file = batchFile("late", 3, -1);
        Set<String> before = emulatorFileIds();
        byte[] lateProvider = field("provider", "anthropic");

        HttpResponse<String> response = upload(head("batch", "late.jsonl"), file,
                concat(("\r\n").getBytes(StandardCharsets.UTF_8), lateProvider, closing()));

        assertEquals(200, response.statusCode(), response.body());
        String id = JSON.readTree(response.body()).path("id").asText();
        assertTrue(id.startsWith("file-anthropic-"), id);
        assertEquals(before, emulatorFileIds(), "the upload also reached OpenAI");
        try (var content = caravan().files().content(id)) {
            assertArrayEquals(file, content.body().readAllBytes());
        }
    }

    @Test
    void fields_after_a_streamed_file_part_still_reach_openai() throws Exception {
        byte[] file = batchFile("expiring", 3, -1);

        HttpResponse<String> response = upload(head("batch", "expiring.jsonl"), file,
                concat(("\r\n").getBytes(StandardCharsets.UTF_8), field("expires_after[anchor]", "created_at"),
                        field("expires_after[seconds]", "3600"), closing()));

        assertEquals(200, response.statusCode(), response.body());
        FileObject stored = caravan().files().retrieve(JSON.readTree(response.body()).path("id").asText());
        assertEquals(stored.createdAt() + 3600, stored.expiresAt().orElseThrow());
    }

    @Test
    void a_file_part_before_its_purpose_is_still_uploaded() throws Exception {
        byte[] file = batchFile("first", 5, -1);
        byte[] body = concat(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; "
                        + "filename=\"first.jsonl\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8), file,
                ("\r\n").getBytes(StandardCharsets.UTF_8), field("purpose", "batch"), closing());

        HttpResponse<String> response = post(new java.io.ByteArrayInputStream(body), body.length, null);

        assertEquals(200, response.statusCode(), response.body());
        FileObject stored = caravan().files().retrieve(JSON.readTree(response.body()).path("id").asText());
        assertEquals(FileObject.Purpose.BATCH, stored.purpose());
        assertEquals("first.jsonl", stored.filename());
        try (var content = caravan().files().content(stored.id())) {
            assertArrayEquals(file, content.body().readAllBytes());
        }
    }

    @Test
    void a_caller_that_disconnects_mid_upload_leaves_nothing_stored_upstream() throws Exception {
        byte[] file = batchFile("gone", 2000, -1);
        byte[] head = head("batch", "gone.jsonl");
        Set<String> before = emulatorFileIds();
        Path emulatorUploads = emulatorUploads();
        Set<Path> uploadsBefore = listing(emulatorUploads);
        URI base = URI.create(CaravanClients.baseUrl(context));
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /openai/v1/files HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary="
                    + BOUNDARY + "\r\nContent-Length: " + (head.length + file.length + 100) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(head);
            out.write(file, 0, file.length / 2);
            out.flush();
            // until OpenAI has the upload in flight, so the disconnect hits a streamed attempt
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            boolean inFlight = false;
            while (!inFlight && System.nanoTime() < deadline) {
                inFlight = listing(emulatorUploads).stream().anyMatch(p -> !uploadsBefore.contains(p));
                sleep(50);
            }
            assertTrue(inFlight, "the upload never reached OpenAI while the caller was sending it");
        }
        sleep(1500);
        assertEquals(before, emulatorFileIds(), "OpenAI stored a file whose caller went away");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Set<Path> left = Set.of();
        while (System.nanoTime() < deadline) {
            left = listing(emulatorUploads).stream().filter(p -> !uploadsBefore.contains(p))
                    .collect(Collectors.toSet());
            if (left.isEmpty()) {
                break;
            }
            sleep(100);
        }
        assertTrue(left.isEmpty(), "the emulator kept the unfinished upload on disk: " + left);
    }

    @Test
    void a_streamed_body_without_its_closing_boundary_is_a_400() throws Exception {
        byte[] head = head("batch", "open.jsonl");
        byte[] file = batchFile("open", 2, -1);
        URI base = URI.create(CaravanClients.baseUrl(context));
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /openai/files HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: "
                    + "multipart/form-data; boundary=" + BOUNDARY + "\r\nContent-Length: "
                    + (head.length + file.length) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(head);
            out.write(file);
            out.flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(response.startsWith("HTTP/1.1 400"), response);
            assertTrue(response.contains("closing boundary is missing"), response);
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private HttpResponse<String> upload(byte[]... parts) throws Exception {
        byte[] body = concat(parts);
        return post(new java.io.ByteArrayInputStream(body), body.length, null);
    }

    private HttpResponse<String> post(InputStream body, long length, String query) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(CaravanClients.baseUrl(context) + "/openai/v1/files"
                        + (query == null ? "" : "?" + query)))
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .header("Authorization", "Bearer your-api-key")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(() -> body), length))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private Set<String> emulatorFileIds() {
        return emulator().files().list().autoPager().stream().map(FileObject::id).collect(Collectors.toSet());
    }

    private Path emulatorUploads() throws ReflectiveOperationException {
        Sandbox sandbox = context.getRegistry().lookupByNameAndType("sandbox", Sandbox.class);
        Field field = Sandbox.class.getDeclaredField("dataDir");
        field.setAccessible(true);
        // the emulator's BodyHandler spools uploads to <data>/openai/openai-emulator/run-*/uploads
        try (Stream<Path> dirs = Files.walk(((Path) field.get(sandbox)).resolve("openai"), 3)) {
            return dirs.filter(dir -> dir.getFileName().toString().startsWith("run-")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("the OpenAI emulator has no run directory"))
                    .resolve("uploads");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<Path> listing(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.collect(Collectors.toSet());
        } catch (IOException e) {
            return Set.of();
        }
    }

    private static long size(Path path) {
        try {
            return Files.size(path);
        } catch (IOException e) {
            return 0;
        }
    }

    /** {@code lines} OpenAI chat lines; the one numbered {@code badLine} (1-based) has no custom_id. */
    private static byte[] batchFile(String prefix, int lines, int badLine) {
        StringBuilder out = new StringBuilder();
        for (int i = 1; i <= lines; i++) {
            String id = i == badLine ? "" : "\"custom_id\":\"" + prefix + "-" + i + "\",";
            out.append("{").append(id).append("\"method\":\"POST\",\"url\":\"/v1/chat/completions\",\"body\":")
                    .append("{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Question ")
                    .append(i).append(": ").append("x".repeat(200)).append("\"}]}}\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] head(String purpose, String filename) {
        return concat(field("purpose", purpose), ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; "
                + "name=\"file\"; filename=\"" + filename + "\"\r\nContent-Type: application/jsonl\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] field(String name, String value) {
        return ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value
                + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] tail() {
        return ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] closing() {
        return ("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** head, file, tail in small reads, with a pause (a callback) once {@code pauseAt} bytes of the file went out. */
    private static final class SequenceOfParts extends InputStream {

        private final byte[] all;
        private final int pauseAt;
        private final Runnable pause;
        private int position;
        private boolean paused;

        SequenceOfParts(byte[] head, byte[] file, byte[] tail, int pauseAtFileByte, Runnable pause) {
            this.all = concat(head, file, tail);
            this.pauseAt = head.length + pauseAtFileByte;
            this.pause = pause;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] target, int offset, int length) {
            if (position >= all.length) {
                return -1;
            }
            if (!paused && position >= pauseAt) {
                paused = true;
                pause.run();
            }
            int limit = paused ? all.length : pauseAt;
            int n = Math.min(Math.min(length, 16 * 1024), limit - position);
            System.arraycopy(all, position, target, offset, n);
            position += n;
            return n;
        }
    }
}
