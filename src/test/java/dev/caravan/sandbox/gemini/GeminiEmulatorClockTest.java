package dev.caravan.sandbox.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.sandbox.MutableClock;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lifecycle on an injected clock: the phases' timestamps, a batch expiring 48 h after creation, and files
 * auto-deleted 48 h after theirs (provider-apis.md §4.4, §5.4).
 */
class GeminiEmulatorClockTest {

    static final String KEY = "AIza-clock-0123456789";
    static final Instant START = Instant.parse("2026-03-01T10:00:00Z");

    @TempDir
    Path dataDir;

    private final MutableClock clock = new MutableClock(START);
    private GeminiEmulator emulator;

    private RawGemini start(Duration phase) {
        emulator = new GeminiEmulator(GeminiEmulatorSettings.defaults(dataDir, KEY).withClock(clock)
                .withPhaseDuration(phase)).start("127.0.0.1", 0);
        return new RawGemini(emulator.baseUrl(), KEY);
    }

    @AfterEach
    void stop() {
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void aBatchPassesPendingAndRunningAtTheScheduledTimes() {
        RawGemini raw = start(Duration.ofHours(1));
        JsonNode created = raw.createBatch("gemini-2.5-flash", inline("timed"));
        String name = created.path("name").asText();
        assertEquals("2026-03-01T10:00:00.000Z", created.at("/metadata/createTime").asText());
        assertEquals("BATCH_STATE_PENDING", created.at("/metadata/state").asText());

        clock.advance(Duration.ofMinutes(59));
        assertEquals("BATCH_STATE_PENDING", state(raw, name));

        clock.advance(Duration.ofMinutes(30));
        JsonNode running = RawGemini.json(raw.get("/v1beta/" + name));
        assertEquals("BATCH_STATE_RUNNING", running.at("/metadata/state").asText(), "observed late, still running");
        assertEquals("2026-03-01T11:00:00.000Z", running.at("/metadata/updateTime").asText(),
                "updated when it started running, not when looked at");

        clock.advance(Duration.ofMinutes(31));
        JsonNode done = raw.awaitDone(name, Duration.ofSeconds(10));
        assertEquals("BATCH_STATE_SUCCEEDED", done.at("/metadata/state").asText());
        String end = done.at("/metadata/endTime").asText();
        assertTrue(end.compareTo("2026-03-01T12:00:00.000Z") >= 0 && end.compareTo("2026-03-01T12:01:00.000Z") <= 0,
                "ended at the end of the running phase: " + end);
    }

    @Test
    void aBatchNotEndedWithin48HoursExpires() {
        RawGemini raw = start(Duration.ofHours(30));
        String name = raw.createBatch("gemini-2.5-flash", inline("slow")).path("name").asText();

        clock.advance(Duration.ofHours(47));
        assertEquals("BATCH_STATE_RUNNING", state(raw, name));

        clock.advance(Duration.ofHours(1));
        JsonNode expired = RawGemini.json(raw.get("/v1beta/" + name));
        assertEquals("BATCH_STATE_EXPIRED", expired.at("/metadata/state").asText());
        assertTrue(expired.path("done").asBoolean());
        assertEquals(4, expired.at("/error/code").asInt(), "DEADLINE_EXCEEDED");
        assertEquals("2026-03-03T10:00:00.000Z", expired.at("/metadata/endTime").asText());
        assertFalse(expired.has("response"));
        assertFalse(expired.at("/metadata").has("output"));
    }

    @Test
    void filesAreDeleted48HoursAfterCreation() {
        RawGemini raw = start(Duration.ofSeconds(1));
        JsonNode file = raw.upload("{}\n".getBytes(StandardCharsets.UTF_8), "application/jsonl");
        String name = file.path("name").asText();
        assertEquals("2026-03-03T10:00:00.000Z", file.path("expirationTime").asText());

        clock.advance(Duration.ofHours(47).plusMinutes(59));
        assertEquals(200, raw.get("/v1beta/" + name).statusCode());

        clock.advance(Duration.ofMinutes(1));
        RawGemini.error(raw.get("/v1beta/" + name), 404, "NOT_FOUND");
        assertFalse(raw.get("/v1beta/files?pageSize=100").body().contains(name), "no longer listed");
    }

    @Test
    void anUploadSessionNobodyFinishesExpiresAfterAWeek() throws InterruptedException {
        RawGemini raw = start(Duration.ofSeconds(1));
        String url = raw.startUpload("{}", 4L, "text/plain");
        assertEquals(200, raw.chunk(url, "upload", 0, new byte[2]).statusCode());

        clock.advance(Duration.ofDays(6));
        assertEquals(200, raw.chunk(url, "upload", 2, new byte[1]).statusCode());
        clock.advance(Duration.ofDays(2));
        Thread.sleep(500); // a few of the emulator's ticks
        HttpResponse<String> alive = raw.send(raw.anonymous(url).header("X-Goog-Upload-Command", "query")
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals("3", alive.headers().firstValue("X-Goog-Upload-Size-Received").orElse(null),
                "8 days after the start, 2 after the last chunk: each chunk renews the session");

        clock.advance(Duration.ofDays(7).plusMinutes(1));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        int status;
        do {
            Thread.sleep(50);
            status = raw.send(raw.anonymous(url).header("X-Goog-Upload-Command", "query")
                    .POST(HttpRequest.BodyPublishers.noBody()).build()).statusCode();
        } while (status == 200 && System.nanoTime() < deadline);
        RawGemini.error(raw.chunk(url, "upload, finalize", 3, new byte[1]), 404, "NOT_FOUND");
    }

    private static String state(RawGemini raw, String name) {
        return RawGemini.json(raw.get("/v1beta/" + name)).at("/metadata/state").asText();
    }

    private static String inline(String displayName) {
        return "{\"batch\":{\"displayName\":\"" + displayName + "\",\"inputConfig\":{\"requests\":{\"requests\":["
                + "{\"request\":{\"contents\":[{\"parts\":[{\"text\":\"hi\"}]}]}}]}}}}";
    }
}
