package dev.caravan.sandbox.anthropic;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import dev.caravan.contract.AnthropicBatchesContract;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Message Batches contract straight against the emulator (300 ms of processing per batch), which shows that the
 * contract describes behaviour a faithful implementation has.
 */
class AnthropicEmulatorContractTest extends AnthropicBatchesContract {

    static final String KEY = "sk-ant-emulator-contract-0123456789";

    @TempDir
    static Path dataDir;

    private AnthropicEmulator emulator;
    private AnthropicClient client;

    @BeforeAll
    void start() {
        emulator = new AnthropicEmulator(AnthropicEmulatorSettings.defaults(dataDir, KEY)
                .withProcessingDuration(Duration.ofMillis(300))).start("127.0.0.1", 0);
        client = AnthropicOkHttpClient.builder().baseUrl(emulator.baseUrl()).apiKey(KEY).maxRetries(0).build();
    }

    @AfterAll
    void stop() {
        client.close();
        emulator.close();
    }

    @Override
    protected AnthropicClient client() {
        return client;
    }
}
