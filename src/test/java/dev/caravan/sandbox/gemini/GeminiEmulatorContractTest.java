package dev.caravan.sandbox.gemini;

import com.google.genai.Client;
import com.google.genai.types.HttpOptions;
import dev.caravan.contract.GeminiBatchesContract;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Files and Batch contract straight against the emulator (200 ms phases), which shows that the contract
 * describes behaviour a faithful implementation has.
 */
class GeminiEmulatorContractTest extends GeminiBatchesContract {

    static final String KEY = "AIza-emulator-contract-0123456789";

    @TempDir
    static Path dataDir;

    private GeminiEmulator emulator;
    private Client client;
    private Client wrongKey;

    @BeforeAll
    void start() {
        emulator = new GeminiEmulator(GeminiEmulatorSettings.defaults(dataDir, KEY)
                .withPhaseDuration(Duration.ofMillis(200))).start("127.0.0.1", 0);
        client = client(KEY);
        wrongKey = client("AIza-not-the-key");
    }

    private Client client(String key) {
        return Client.builder().apiKey(key)
                .httpOptions(HttpOptions.builder().baseUrl(emulator.baseUrl()).build()).build();
    }

    @AfterAll
    void stop() {
        client.close();
        wrongKey.close();
        emulator.close();
    }

    @Override
    protected Client client() {
        return client;
    }

    @Override
    protected Client clientWithWrongKey() {
        return wrongKey;
    }
}
