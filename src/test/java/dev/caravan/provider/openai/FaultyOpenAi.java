package dev.caravan.provider.openai;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.batches.Batch;
import com.openai.models.files.FileObject;
import dev.caravan.faults.FaultProxy;
import dev.caravan.sandbox.openai.OpenAiEmulator;
import dev.caravan.sandbox.openai.OpenAiEmulatorSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The sandbox's OpenAI emulator with a {@link FaultProxy} in front of it, for a test class. Caravan reaches it
 * through two system properties with names of their own, which the test's {@code @CamelMainTest} properties refer to
 * ({@link #BASE_URL_SETTING}, {@link #API_KEY_SETTING}): setting {@code caravan.openai.*} itself would leak into every
 * later test class.
 * Start it in {@code @BeforeAll} (Camel boots in each test's {@code beforeEach}), close it in {@code @AfterAll}.
 */
final class FaultyOpenAi implements AutoCloseable {

    static final String BASE_URL = "caravan.faults.openai.base-url";
    static final String API_KEY = "caravan.faults.openai.api-key";
    /** With the sandbox off (it would point Caravan at its own emulator), these point Caravan at the proxy. */
    static final String BASE_URL_SETTING = "caravan.openai.base-url={{sys:" + BASE_URL + "}}";
    static final String API_KEY_SETTING = "caravan.openai.api-key={{sys:" + API_KEY + "}}";

    private static final String KEY = "sk-faults-" + Long.toHexString(System.nanoTime());

    private final Path dataDir;
    private final OpenAiEmulator emulator;
    private final FaultProxy proxy;
    private final OpenAIClient direct;

    private FaultyOpenAi(Path dataDir) {
        this.dataDir = dataDir;
        this.emulator = new OpenAiEmulator(new OpenAiEmulatorSettings(dataDir, KEY, Duration.ofMillis(300),
                Duration.ofHours(24))).start("127.0.0.1", 0);
        this.proxy = FaultProxy.start(emulator.baseUrl());
        this.direct = OpenAIOkHttpClient.builder().baseUrl(emulator.baseUrl()).apiKey(KEY).maxRetries(0).build();
    }

    static FaultyOpenAi start() {
        try {
            FaultyOpenAi upstream = new FaultyOpenAi(Files.createTempDirectory("caravan-faults-"));
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

    OpenAiEmulator emulator() {
        return emulator;
    }

    /** Every file the emulator holds, read from the emulator itself (not through the proxy or Caravan). */
    List<FileObject> storedFiles() {
        List<FileObject> files = new ArrayList<>();
        direct.files().list().autoPager().forEach(files::add);
        return files;
    }

    /** Every batch the emulator holds, read from the emulator itself. */
    List<Batch> storedBatches() {
        List<Batch> batches = new ArrayList<>();
        direct.batches().list().autoPager().forEach(batches::add);
        return batches;
    }

    /** Every regular file under the emulator's data directory: stored files, spooled uploads, batch work files. */
    List<Path> filesOnDisk() {
        try (Stream<Path> paths = Files.walk(dataDir)) {
            return paths.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        System.clearProperty(BASE_URL);
        System.clearProperty(API_KEY);
        direct.close();
        proxy.close();
        emulator.close();
        try (Stream<Path> paths = Files.walk(dataDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
