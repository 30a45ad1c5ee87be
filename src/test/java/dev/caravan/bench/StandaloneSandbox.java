package dev.caravan.bench;

import dev.caravan.sandbox.Sandbox;
import dev.caravan.sandbox.SandboxSettings;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Properties;

/**
 * The sandbox's emulators alone, in a JVM of their own, for {@link GatewayComparison}: so the gateways' memory and
 * CPU are measured without the emulators in them. Writes {@link Sandbox#upstreamProperties()} (plus the benchmark's
 * bucket) to the file named by the first argument, then runs until its standard input closes (the driver holds it
 * open; when the driver dies, so does this process).
 *
 * <p>Batches created during the benchmark must stay cheap to retrieve and must not start working on anything: every
 * phase lasts a day, so they sit in {@code validating}.
 */
public final class StandaloneSandbox {

    /** The bucket the Bedrock uploads go to; created here because Caravan without --sandbox creates none. */
    static final String BUCKET = "caravan-bench";
    static final String BUCKET_PROPERTY = "bench.s3.bucket";

    private StandaloneSandbox() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        Duration day = Duration.ofDays(1);
        Sandbox sandbox = new Sandbox(new SandboxSettings("127.0.0.1", day, Duration.ofHours(24), day, 1, day, day));
        sandbox.start();
        Runtime.getRuntime().addShutdownHook(new Thread(sandbox::stop));
        sandbox.s3().createBucket(BUCKET);
        Properties properties = new Properties();
        properties.putAll(sandbox.upstreamProperties());
        properties.put(BUCKET_PROPERTY, BUCKET);
        writeAtomically(out, properties);
        // blocks until the driver closes our stdin (or dies)
        while (System.in.read() >= 0) {
            // nothing is expected on stdin
        }
        System.exit(0);
    }

    /** Written under another name and moved, so the driver never reads half a file. */
    private static void writeAtomically(Path out, Properties properties) throws IOException {
        Path partial = out.resolveSibling(out.getFileName() + ".partial");
        try (Writer writer = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
            properties.store(writer, "sandbox emulators for the gateway comparison");
        }
        Files.move(partial, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
