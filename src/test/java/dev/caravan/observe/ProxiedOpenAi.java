package dev.caravan.observe;

import dev.caravan.faults.FaultProxy;
import dev.caravan.sandbox.openai.OpenAiEmulator;
import dev.caravan.sandbox.openai.OpenAiEmulatorSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The OpenAI emulator behind a {@link FaultProxy} that records each request's headers, so a test sees exactly what
 * Caravan sent upstream. Caravan reaches it through system properties of its own ({@link #BASE_URL_SETTING},
 * {@link #API_KEY_SETTING}), so nothing leaks into later test classes. Start in {@code @BeforeAll}, close in
 * {@code @AfterAll}.
 */
final class ProxiedOpenAi implements AutoCloseable {

    static final String BASE_URL = "caravan.observe.openai.base-url";
    static final String API_KEY = "caravan.observe.openai.api-key";
    static final String BASE_URL_SETTING = "caravan.openai.base-url={{sys:" + BASE_URL + "}}";
    static final String API_KEY_SETTING = "caravan.openai.api-key={{sys:" + API_KEY + "}}";

    /** Caravan's upstream key: a span must never carry it. */
    static final String KEY = "sk-upstream-" + Long.toHexString(System.nanoTime());

    private final Path dataDir;
    private final OpenAiEmulator emulator;
    private final FaultProxy proxy;

    private ProxiedOpenAi(Path dataDir) {
        this.dataDir = dataDir;
        this.emulator = new OpenAiEmulator(new OpenAiEmulatorSettings(dataDir, KEY, Duration.ofMillis(300),
                Duration.ofHours(24))).start("127.0.0.1", 0);
        this.proxy = FaultProxy.start(emulator.baseUrl());
    }

    static ProxiedOpenAi start() {
        try {
            ProxiedOpenAi upstream = new ProxiedOpenAi(Files.createTempDirectory("caravan-observe-"));
            System.setProperty(BASE_URL, upstream.proxy.baseUrl());
            System.setProperty(API_KEY, KEY);
            return upstream;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    FaultProxy proxy() {
        return proxy;
    }

    @Override
    public void close() {
        System.clearProperty(BASE_URL);
        System.clearProperty(API_KEY);
        proxy.close();
        emulator.close();
        try (Stream<Path> paths = Files.walk(dataDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
