package dev.caravan.sandbox.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Injected faults: 429 RESOURCE_EXHAUSTED with Retry-After, 500 INTERNAL, 503 UNAVAILABLE, then normal answers. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GeminiEmulatorFaultsTest {

    static final String KEY = "AIza-faults-0123456789";

    @TempDir
    static Path dataDir;

    private GeminiEmulator emulator;
    private RawGemini raw;

    @BeforeAll
    void start() {
        emulator = new GeminiEmulator(GeminiEmulatorSettings.defaults(dataDir, KEY)).start("127.0.0.1", 0);
        raw = new RawGemini(emulator.baseUrl(), KEY);
    }

    @AfterAll
    void stop() {
        emulator.close();
    }

    @Test
    void injectedFaultsAnswerTheNextRequestsThenStop() {
        emulator.injectFaults(429, "Resource has been exhausted (e.g. check quota).", 2);
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> limited = raw.get("/v1beta/files");
            RawGemini.error(limited, 429, "RESOURCE_EXHAUSTED");
            assertEquals("1", limited.headers().firstValue("Retry-After").orElse(null));
        }
        assertEquals(200, raw.get("/v1beta/files").statusCode());

        emulator.injectFaults(500, "Internal error encountered.", 1);
        RawGemini.error(raw.get("/v1beta/batches"), 500, "INTERNAL");
        emulator.injectFaults(503, "The model is overloaded. Please try again later.", 1);
        HttpResponse<String> unavailable = raw.get("/v1beta/batches");
        assertEquals("The model is overloaded. Please try again later.",
                RawGemini.error(unavailable, 503, "UNAVAILABLE").path("message").asText());
        assertEquals(200, raw.get("/v1beta/batches").statusCode());

        emulator.injectFaults(503, "cleared", 5);
        emulator.injectFaults(503, "cleared", 0);
        assertEquals(200, raw.get("/v1beta/files").statusCode(), "a count of 0 clears pending faults");
    }
}
