package dev.caravan.sandbox;

import dev.caravan.sandbox.anthropic.AnthropicEmulator;
import dev.caravan.sandbox.anthropic.AnthropicEmulatorSettings;
import dev.caravan.sandbox.bedrock.BedrockEmulator;
import dev.caravan.sandbox.bedrock.BedrockEmulatorSettings;
import dev.caravan.sandbox.bedrock.BedrockQuotas;
import dev.caravan.sandbox.gemini.GeminiEmulator;
import dev.caravan.sandbox.gemini.GeminiEmulatorSettings;
import dev.caravan.sandbox.openai.OpenAiEmulator;
import dev.caravan.sandbox.openai.OpenAiEmulatorSettings;
import dev.caravan.sandbox.s3.EmbeddedS3Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.camel.support.service.ServiceSupport;

/**
 * Every upstream, emulated in-process on loopback (DESIGN §8b). Each emulator gets a fresh data directory and a
 * random API key, and Caravan is pointed at them through {@link #upstreamProperties()}: the production routes run
 * unchanged, with real HTTP and real authentication in between.
 */
public final class Sandbox extends ServiceSupport {

    private final SandboxSettings settings;
    private final Path dataDir;
    private final String openAiKey = "sk-sandbox-" + HexFormat.of().formatHex(randomBytes(12));
    private final String anthropicKey = "sk-ant-sandbox-" + HexFormat.of().formatHex(randomBytes(12));
    // the shape of a Google API key (AIza + 35 characters), random
    private final String geminiKey = "AIzaSandbox" + HexFormat.of().formatHex(randomBytes(14));
    private OpenAiEmulator openAi;
    private AnthropicEmulator anthropic;
    private GeminiEmulator gemini;
    private EmbeddedS3Store s3;
    private BedrockEmulator bedrock;

    public Sandbox(SandboxSettings settings) {
        this.settings = settings;
        try {
            this.dataDir = Files.createTempDirectory("caravan-sandbox-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected void doStart() throws IOException {
        Path openAiDir = Files.createDirectories(dataDir.resolve("openai"));
        openAi = new OpenAiEmulator(new OpenAiEmulatorSettings(openAiDir, openAiKey, settings.openAiPhase(),
                settings.openAiCompletionWindow())).start(settings.host(), 0);
        s3 = EmbeddedS3Store.start(Files.createDirectories(dataDir.resolve("s3")), settings.host());
        // after the store: Bedrock jobs read their inputs from it and write their results to it, as real Bedrock
        // reads and writes the customer's bucket
        BedrockEmulatorSettings bedrockSettings = BedrockEmulatorSettings.withRandomCredentials(
                new BedrockEmulatorSettings.S3Access(s3.endpoint(), s3.region(), s3.accessKey(), s3.secretKey()),
                settings.bedrockPhase())
                .withQuotas(BedrockQuotas.DEFAULTS.withMinRecordsPerJob(settings.bedrockMinRecords()));
        bedrock = new BedrockEmulator(bedrockSettings).start(settings.host(), 0);
        Path anthropicDir = Files.createDirectories(dataDir.resolve("anthropic"));
        anthropic = new AnthropicEmulator(new AnthropicEmulatorSettings(anthropicDir, anthropicKey,
                settings.anthropicPhase(), Clock.systemUTC())).start(settings.host(), 0);
        Path geminiDir = Files.createDirectories(dataDir.resolve("gemini"));
        gemini = new GeminiEmulator(GeminiEmulatorSettings.defaults(geminiDir, geminiKey)
                .withPhaseDuration(settings.geminiPhase())).start(settings.host(), 0);
    }

    @Override
    protected void doStop() throws IOException {
        if (gemini != null) {
            gemini.close();
        }
        if (anthropic != null) {
            anthropic.close();
        }
        if (bedrock != null) {
            bedrock.close();
        }
        if (openAi != null) {
            openAi.close();
        }
        if (s3 != null) {
            s3.close();
        }
        try (Stream<Path> paths = Files.walk(dataDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    /** The settings that point Caravan's providers at the emulators. */
    public Map<String, String> upstreamProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("caravan.openai.base-url", openAi.baseUrl());
        properties.put("caravan.openai.api-key", openAiKey);
        properties.put("caravan.bedrock.s3.endpoint", s3.endpoint().toString());
        properties.put("caravan.bedrock.s3.region", s3.region());
        properties.put("caravan.bedrock.s3.access-key", s3.accessKey());
        properties.put("caravan.bedrock.s3.secret-key", s3.secretKey());
        properties.put("caravan.bedrock.s3.path-style", "true");
        properties.put("caravan.bedrock.endpoint", bedrock.baseUrl());
        properties.put("caravan.bedrock.region", bedrock.region());
        properties.put("caravan.bedrock.access-key", bedrock.accessKey());
        properties.put("caravan.bedrock.secret-key", bedrock.secretKey());
        properties.put("caravan.bedrock.role-arn", "arn:aws:iam::" + bedrock.accountId()
                + ":role/caravan-sandbox-batch");
        properties.put("caravan.bedrock.jobs.min-records", Long.toString(settings.bedrockMinRecords()));
        // the SDK's base URL: scheme, host and port, the API's paths start with /v1
        properties.put("caravan.anthropic.base-url", anthropic.baseUrl());
        properties.put("caravan.anthropic.api-key", anthropicKey);
        // scheme, host and port: Caravan calls <base-url>/v1beta/... and <base-url>/upload/v1beta/...
        properties.put("caravan.gemini.base-url", gemini.baseUrl());
        properties.put("caravan.gemini.api-key", geminiKey);
        // Caravan's own file store (embedded unless an endpoint is set) keeps its data with the emulators', so a
        // sandbox leaves nothing behind either
        properties.put("caravan.store.dir", dataDir.resolve("store").toString());
        return properties;
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    public OpenAiEmulator openAi() {
        return openAi;
    }

    public EmbeddedS3Store s3() {
        return s3;
    }

    public BedrockEmulator bedrock() {
        return bedrock;
    }

    public AnthropicEmulator anthropic() {
        return anthropic;
    }

    public GeminiEmulator gemini() {
        return gemini;
    }
}
