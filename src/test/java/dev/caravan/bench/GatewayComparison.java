package dev.caravan.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Issue 10's comparison, in one run: the sandbox's emulators in a JVM of their own, Caravan (the packaged jar,
 * pointed at them) and the Portkey AI gateway (pointed at the same emulators), each measured against calling the
 * emulator directly: (a) added latency of GET/POST batch at 1, 32 and 256 connections (closed loop), and at 32 and
 * 256 paced connections offering a fixed rate together, (b) the most retrieves per second, (c) a 200 MB OpenAI batch
 * file upload, (d) a 200 MB OpenAI-format file uploaded for Bedrock (converted on the way), (e) startup time and idle
 * RSS; with the CPU the gateway and the emulators spent on each point and upload. Prints the comparison table, writes
 * bench/results/compare-<date>.json and regenerates BENCHMARKS.md's compare section from it. Run with
 * {@code bench/compare.sh [--seconds N] [--quick] [--paced-rate R]}.
 *
 * <p>Everything listens on 127.0.0.1 only; every child process is ended at the end or on failure
 * ({@link ChildProcesses}). Load comes from wrk (keep-alive), uploads from curl, both on this machine:
 * client, gateways and emulators share its cores, so the figures compare the gateways under equal conditions rather
 * than measure any of them alone.
 */
public final class GatewayComparison {

    static final String BEDROCK_MODEL = "anthropic.claude-3-haiku-20240307-v1:0";
    private static final String OPENAI_MODEL = "gpt-4o-mini";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path WORK = Path.of("target", "bench");
    private static final List<Integer> LATENCY_CONNECTIONS = List.of(1, 32, 256);
    private static final List<Integer> THROUGHPUT_CONNECTIONS = List.of(16, 64, 256);
    private static final int STARTS = 3;
    private static final int WARM_UP_SECONDS = 15;
    private static final int WARM_UP_UPLOADS = 3;
    private static final int UPLOAD_ROUNDS = 5;
    private static final int QUICK_UPLOAD_ROUNDS = 3;
    /**
     * Closed-loop wrk at 32 or 256 connections saturates the two cores, and then p50 is about connections / throughput
     * whatever the gateway adds. Paced clients at a fixed total rate (default 1,000 req/s: well below every target's
     * closed-loop maximum for GET, near Portkey's for POST) measure the latency a request meets when the gateway is
     * not the bottleneck.
     */
    private static final double DEFAULT_PACED_RATE = 1000;
    private static final List<Integer> PACED_CONNECTIONS = List.of(32, 256);
    private static final Duration IDLE_WAIT = Duration.ofSeconds(5);

    private final int seconds;
    private final int warmup;
    private final double pacedRate;
    /** The paced points follow closed-loop ones on the same paths, already warm: a shorter warm-up will do. */
    private final int pacedWarmup;
    private final Path wrkLog = WORK.resolve("wrk.log");

    private GatewayComparison(int seconds, int warmup, double pacedRate, int pacedWarmup) {
        this.seconds = seconds;
        this.warmup = warmup;
        this.pacedRate = pacedRate;
        this.pacedWarmup = pacedWarmup;
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("--render")) {
            ComparisonReport.publish(Path.of(args[1]));
            return;
        }
        boolean quick = List.of(args).contains("--quick");
        int seconds = quick ? 3 : 10;
        double pacedRate = DEFAULT_PACED_RATE;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--seconds") && i + 1 < args.length) {
                seconds = Math.max(1, Math.min(600, Integer.parseInt(args[++i])));
            } else if (args[i].equals("--paced-rate") && i + 1 < args.length) {
                pacedRate = Math.max(10, Math.min(100_000, Double.parseDouble(args[++i])));
            } else if (!args[i].equals("--quick")) {
                throw new IllegalArgumentException("usage: bench/compare.sh [--seconds N] [--quick] "
                        + "[--paced-rate R]; unknown: " + args[i]);
            }
        }
        try {
            Path json = new GatewayComparison(seconds, 3, pacedRate, quick ? 1 : 2).run(quick,
                    String.join(" ", args));
            ComparisonReport.publish(json);
        } finally {
            ChildProcesses.endAll();
        }
        System.exit(0);
    }

    private Path run(boolean quick, String arguments) throws Exception {
        Instant started = Instant.now();
        String loadAtStart = MachineDetails.loadAverage();
        Files.createDirectories(WORK);
        Files.deleteIfExists(wrkLog);
        List<String> javaOptions = CaravanProcess.javaOptions("CARAVAN_BENCH_JAVA_OPTS");
        System.out.println("Caravan JVM options (CARAVAN_BENCH_JAVA_OPTS): "
                + (javaOptions.isEmpty() ? "none (the JVM's defaults)" : String.join(" ", javaOptions)));
        long fileTarget = quick ? 50_000_000L : 200_000_000L;
        // just under the size: the emulator's limit is 200 MB and the files must pass it
        Path openAiFile = WORK.resolve("openai-" + fileTarget / 1_000_000 + "mb.jsonl");
        Path bedrockFile = WORK.resolve("bedrock-" + fileTarget / 1_000_000 + "mb.jsonl");
        long openAiBytes = BatchInputFile.generate(openAiFile, fileTarget - 100_000, OPENAI_MODEL);
        long bedrockBytes = BatchInputFile.generate(bedrockFile, fileTarget - 100_000, BEDROCK_MODEL);
        int openAiLines = (int) Math.min(BatchInputFile.MAX_LINES, (fileTarget - 100_000) / 4_000);
        System.out.printf("input files: %s (%,d bytes), %s (%,d bytes)%n", openAiFile, openAiBytes, bedrockFile,
                bedrockBytes);

        List<ComparisonResults.Startup> startups;
        List<ComparisonResults.LatencyPoint> latency = new ArrayList<>();
        List<ComparisonResults.PacedPoint> paced = new ArrayList<>();
        List<ComparisonResults.ThroughputPoint> throughput;
        String listens;
        try (SandboxProcess sandbox = SandboxProcess.start(WORK.resolve("sandbox"))) {
            Map<String, String> caravanSettings = caravanSettings(sandbox);
            Map<String, String> portkeyEnvironment = portkeyEnvironment(sandbox);
            startups = List.of(caravanStartups(javaOptions, caravanSettings), portkeyStartups(portkeyEnvironment));

            try (CaravanProcess caravan = CaravanProcess.startAgainst(Path.of("target", "caravan.jar"),
                    WORK.resolve("caravan"), javaOptions, caravanSettings);
                 PortkeyProcess portkey = PortkeyProcess.start(WORK.resolve("portkey"), portkeyEnvironment)) {
                listens = Loopback.check(portkey.port());
                System.out.println("Portkey listens on " + listens);
                List<Target> targets = targets(sandbox, caravan, portkey);
                Map<String, String> batchIds = new LinkedHashMap<>();
                Map<String, String> fileIds = new LinkedHashMap<>();
                for (Target target : targets) {
                    fileIds.put(target.name(), uploadSmallFile(target));
                    batchIds.put(target.name(), createBatch(target, fileIds.get(target.name())));
                }
                warmUp(targets, batchIds, fileIds, quick ? 5 : WARM_UP_SECONDS);
                // every create leaves a batch in the emulator, which makes it slower to serve: reads come first
                latency.addAll(latency(targets, "GET batch", batchIds, fileIds));
                paced.addAll(paced(targets, "GET batch", batchIds, fileIds));
                throughput = throughput(targets, batchIds, latency);
                latency.addAll(latency(targets, "POST batch", batchIds, fileIds));
                paced.addAll(paced(targets, "POST batch", batchIds, fileIds));
            }
        }
        int uploadRounds = quick ? QUICK_UPLOAD_ROUNDS : UPLOAD_ROUNDS;
        List<ComparisonResults.Transfer> uploads = uploads(javaOptions, openAiFile, bedrockFile, quick,
                uploadRounds);
        ComparisonResults.Options options = new ComparisonResults.Options(
                "bench/compare.sh" + (arguments.isEmpty() ? "" : " " + arguments), seconds, warmup, quick,
                openAiBytes, bedrockBytes, openAiLines, javaOptions, LATENCY_CONNECTIONS, THROUGHPUT_CONNECTIONS,
                uploadRounds, pacedRate, PACED_CONNECTIONS, pacedWarmup);
        ComparisonResults results = new ComparisonResults(LocalDate.now().toString(), started.toString(),
                Duration.between(started, Instant.now()).toMillis() / 1000.0, options,
                MachineDetails.collect(listens, loadAtStart), latency, paced, throughput, uploads, startups,
                List.of());
        results = new ComparisonResults(results.date(), results.startedAt(), results.runSeconds(), options,
                results.machine(), latency, paced, throughput, uploads, startups, TargetChecks.judge(results));
        Path out = Path.of("bench", "results", "compare-" + LocalDate.now() + ".json");
        Files.createDirectories(out.getParent());
        JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), results);
        return out;
    }

    /**
     * (c) and (d), on emulators and gateways started afresh: what the load test before left behind (an emulator
     * holding thousands of created batches, a gateway's memory grown under 256 connections) would otherwise be
     * measured with the upload. Warm-up: each target first takes three smaller uploads of each kind, so that a JIT
     * compiler has seen the path, and then one unmeasured full-size round through every target, so that every process
     * (the emulators' JVM above all, which direct uploads would otherwise meet first and coldest) has handled a whole
     * file. Then {@code rounds} measured rounds, each target in turn within a round, so that whatever drifts over the
     * series (compilation, heap sizing, the machine) is spread over all three alike.
     */
    private List<ComparisonResults.Transfer> uploads(List<String> javaOptions, Path openAiFile, Path bedrockFile,
                                                     boolean quick, int rounds) throws Exception {
        long warmUpBytes = quick ? 5_000_000L : 20_000_000L;
        Path openAiWarmUp = WORK.resolve("openai-warm-up.jsonl");
        Path bedrockWarmUp = WORK.resolve("bedrock-warm-up.jsonl");
        BatchInputFile.generate(openAiWarmUp, warmUpBytes, OPENAI_MODEL);
        BatchInputFile.generate(bedrockWarmUp, warmUpBytes, BEDROCK_MODEL);
        try (SandboxProcess sandbox = SandboxProcess.start(WORK.resolve("sandbox-uploads"));
             CaravanProcess caravan = CaravanProcess.startAgainst(Path.of("target", "caravan.jar"),
                     WORK.resolve("caravan-uploads"), javaOptions, caravanSettings(sandbox));
             PortkeyProcess portkey = PortkeyProcess.start(WORK.resolve("portkey-uploads"),
                     portkeyEnvironment(sandbox))) {
            List<Target> targets = targets(sandbox, caravan, portkey);
            Uploads transfers = new Uploads(WORK.resolve("curl"), sandbox);
            for (Target target : targets) {
                for (int i = 0; i < WARM_UP_UPLOADS; i++) {
                    System.out.println("  warm-up: " + transfers.openAi(target, openAiWarmUp));
                    System.out.println("  warm-up: " + transfers.bedrock(target, bedrockWarmUp));
                }
            }
            for (Target target : targets) {
                System.out.println("  full-size warm-up: " + transfers.openAi(target, openAiFile));
            }
            for (Target target : targets) {
                System.out.println("  full-size warm-up: " + transfers.bedrock(target, bedrockFile));
            }
            List<ComparisonResults.Transfer> uploads = new ArrayList<>();
            uploads.addAll(rounds(targets, rounds, target -> transfers.openAi(target, openAiFile)));
            uploads.addAll(rounds(targets, rounds, target -> transfers.bedrock(target, bedrockFile)));
            return uploads;
        }
    }

    /**
     * {@code rounds} rounds of one upload through every target in turn; per target the median of its series by
     * speed, with the highest peak RSS of the series (one upload is at the mercy of a collection or a compilation in
     * any of the processes involved) and the median upload's CPU. A failed upload ends its target's series and is
     * what that target reports, except a refusal at CompleteMultipartUpload (Portkey's EntityTooSmall): each such
     * upload sent and converted the whole file, so its series goes on and is measured to the refusal like the others.
     */
    private static List<ComparisonResults.Transfer> rounds(List<Target> targets, int rounds, Upload upload)
            throws Exception {
        Map<String, List<ComparisonResults.Transfer>> series = new LinkedHashMap<>();
        targets.forEach(target -> series.put(target.name(), new ArrayList<>()));
        for (int round = 1; round <= rounds; round++) {
            for (Target target : targets) {
                List<ComparisonResults.Transfer> runs = series.get(target.name());
                if (!runs.isEmpty() && ended(runs.get(runs.size() - 1))) {
                    continue;
                }
                ComparisonResults.Transfer run = upload.run(target);
                System.out.println("  round " + round + ": " + run);
                runs.add(run);
            }
        }
        List<ComparisonResults.Transfer> results = new ArrayList<>();
        for (List<ComparisonResults.Transfer> runs : series.values()) {
            ComparisonResults.Transfer last = runs.get(runs.size() - 1);
            if (ended(last)) {
                results.add(last);
                continue;
            }
            List<ComparisonResults.Transfer> sorted = runs.stream()
                    .sorted(Comparator.comparingDouble(ComparisonResults.Transfer::mbPerSecond)).toList();
            Double peak = runs.stream().map(ComparisonResults.Transfer::peakRssMb).filter(Objects::nonNull)
                    .max(Double::compare).orElse(null);
            results.add(sorted.get(sorted.size() / 2).withPeakRssMb(peak));
        }
        return results;
    }

    private static boolean ended(ComparisonResults.Transfer run) {
        return !run.ok() && !TargetChecks.refusedOnlyAtCompletion(run);
    }

    @FunctionalInterface
    private interface Upload {
        ComparisonResults.Transfer run(Target target) throws Exception;
    }

    /** Caravan's upstream settings: the emulators' (as the sandbox wires them), without --sandbox. */
    private static Map<String, String> caravanSettings(SandboxProcess sandbox) {
        Map<String, String> settings = new LinkedHashMap<>();
        sandbox.upstream().stringPropertyNames().stream().filter(name -> name.startsWith("caravan."))
                .sorted().forEach(name -> settings.put(name, sandbox.get(name)));
        settings.put("caravan.store.dir", WORK.resolve("caravan-store").toAbsolutePath().toString());
        return settings;
    }

    /** What aws-to-sandbox.cjs needs to send Portkey's AWS calls to the emulators. */
    private static Map<String, String> portkeyEnvironment(SandboxProcess sandbox) {
        return Map.of(
                "BENCH_S3_ENDPOINT", sandbox.get("caravan.bedrock.s3.endpoint"),
                "BENCH_S3_ACCESS_KEY", sandbox.get("caravan.bedrock.s3.access-key"),
                "BENCH_S3_SECRET_KEY", sandbox.get("caravan.bedrock.s3.secret-key"),
                "BENCH_BEDROCK_ENDPOINT", sandbox.get("caravan.bedrock.endpoint"),
                "BENCH_BEDROCK_ACCESS_KEY", sandbox.get("caravan.bedrock.access-key"),
                "BENCH_BEDROCK_SECRET_KEY", sandbox.get("caravan.bedrock.secret-key"));
    }

    private static List<Target> targets(SandboxProcess sandbox, CaravanProcess caravan, PortkeyProcess portkey) {
        String emulator = sandbox.get("caravan.openai.base-url");
        String key = "Bearer " + sandbox.get("caravan.openai.api-key");
        return List.of(
                new Target(Target.DIRECT, emulator, Map.of("Authorization", key), null, sandbox.pid()),
                // authentication is off in Caravan (no caravan.auth.keys): any key is accepted, as in the documents
                new Target(Target.CARAVAN, caravan.baseUrl() + "/openai/v1",
                        Map.of("Authorization", "Bearer caravan-bench"), caravan.pid(), sandbox.pid()),
                new Target(Target.PORTKEY, portkey.baseUrl() + "/v1", Map.of("Authorization", key,
                        "x-portkey-provider", "openai", "x-portkey-custom-host", emulator), portkey.pid(),
                        sandbox.pid()));
    }

    private static ComparisonResults.Startup caravanStartups(List<String> javaOptions, Map<String, String> settings)
            throws Exception {
        List<Double> startup = new ArrayList<>();
        List<Double> idle = new ArrayList<>();
        for (int i = 1; i <= STARTS; i++) {
            try (CaravanProcess caravan = CaravanProcess.startAgainst(Path.of("target", "caravan.jar"),
                    WORK.resolve("startup-" + i), javaOptions, settings)) {
                startup.add(caravan.startedIn().toNanos() / 1e6);
                Thread.sleep(IDLE_WAIT.toMillis());
                idle.add(ProcessMemory.currentMb(caravan.pid()));
            }
        }
        System.out.printf("Caravan startup ms %s, idle RSS MB %s%n", startup, idle);
        return new ComparisonResults.Startup(Target.CARAVAN, "GET /observe/health/ready answers 200", startup, idle,
                median(startup), median(idle));
    }

    private static ComparisonResults.Startup portkeyStartups(Map<String, String> environment) throws Exception {
        List<Double> startup = new ArrayList<>();
        List<Double> idle = new ArrayList<>();
        for (int i = 1; i <= STARTS; i++) {
            try (PortkeyProcess portkey = PortkeyProcess.start(WORK.resolve("portkey-startup-" + i), environment)) {
                startup.add(portkey.startedIn().toNanos() / 1e6);
                Thread.sleep(IDLE_WAIT.toMillis());
                idle.add(ProcessMemory.currentMb(portkey.pid()));
            }
        }
        System.out.printf("Portkey startup ms %s, idle RSS MB %s%n", startup, idle);
        return new ComparisonResults.Startup(Target.PORTKEY, "its port accepts a connection", startup, idle,
                median(startup), median(idle));
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private List<ComparisonResults.LatencyPoint> latency(List<Target> targets, String op, Map<String, String> batchIds,
                                                         Map<String, String> fileIds) throws Exception {
        List<ComparisonResults.LatencyPoint> points = new ArrayList<>();
        for (int connections : LATENCY_CONNECTIONS) {
            // targets interleaved per point, so a drift of the machine over the run hits all three alike
            for (Target target : targets) {
                WrkRun.Request request = op.startsWith("GET") ? retrieve(target, batchIds.get(target.name()))
                        : create(target, fileIds.get(target.name()));
                points.add(new ComparisonResults.LatencyPoint(target.name(), op,
                        measure(target, request, connections)));
                System.out.printf("  %-8s %-10s c=%-3d %s%n", target.name(), op, connections,
                        points.get(points.size() - 1).point());
            }
        }
        return points;
    }

    /**
     * Paced clients: at each of {@link #PACED_CONNECTIONS}, connections that together offer {@link #pacedRate}
     * requests/s (each waits connections / rate on average between its requests), targets interleaved per point as
     * for the closed-loop points.
     */
    private List<ComparisonResults.PacedPoint> paced(List<Target> targets, String op, Map<String, String> batchIds,
                                                     Map<String, String> fileIds) throws Exception {
        List<ComparisonResults.PacedPoint> points = new ArrayList<>();
        for (int connections : PACED_CONNECTIONS) {
            double thinkMs = connections * 1000.0 / pacedRate;
            for (Target target : targets) {
                WrkRun.Request request = op.startsWith("GET") ? retrieve(target, batchIds.get(target.name()))
                        : create(target, fileIds.get(target.name()));
                WrkRun.run(request, connections, pacedWarmup, thinkMs, wrkLog);
                ProcessCpu.Span cpu = target.cpu();
                WrkRun.Point point = WrkRun.run(request, connections, seconds, thinkMs, wrkLog).withCpu(cpu.end());
                points.add(ComparisonResults.PacedPoint.of(target.name(), op, pacedRate, thinkMs, point));
                System.out.printf("  %-8s %-10s paced c=%-3d %.0f req/s offered: %s%n", target.name(), op,
                        connections, pacedRate, point);
            }
        }
        return points;
    }

    /**
     * Every target serves both operations for a while before anything is measured: a JVM compiles its hot paths in
     * its first seconds of load (and Node's JIT warms up too), and a first point measured cold would show the
     * compiler, not the gateway. Each point still has its own short warm-up after this.
     */
    private void warmUp(List<Target> targets, Map<String, String> batchIds, Map<String, String> fileIds,
                        int warmUpSeconds) throws Exception {
        for (Target target : targets) {
            System.out.printf("  warming up %s for %d s%n", target.name(), warmUpSeconds * 2);
            WrkRun.run(retrieve(target, batchIds.get(target.name())), 32, warmUpSeconds, wrkLog);
            WrkRun.run(create(target, fileIds.get(target.name())), 32, warmUpSeconds, wrkLog);
        }
    }

    /** (b): GET batch at 16 and 64 connections, plus the 256-connection point (a) measured already. */
    private List<ComparisonResults.ThroughputPoint> throughput(List<Target> targets, Map<String, String> batchIds,
                                                               List<ComparisonResults.LatencyPoint> latency)
            throws Exception {
        List<ComparisonResults.ThroughputPoint> points = new ArrayList<>();
        for (int connections : THROUGHPUT_CONNECTIONS) {
            for (Target target : targets) {
                WrkRun.Point point = latency.stream()
                        .filter(p -> p.target().equals(target.name()) && p.op().equals("GET batch")
                                && p.point().connections() == connections)
                        .map(ComparisonResults.LatencyPoint::point).findFirst().orElse(null);
                if (point == null) {
                    point = measure(target, retrieve(target, batchIds.get(target.name())), connections);
                    System.out.printf("  %-8s GET batch  c=%-3d %s%n", target.name(), connections, point);
                }
                points.add(new ComparisonResults.ThroughputPoint(target.name(), point));
            }
        }
        return points;
    }

    /** A closed-loop point after its own warm-up, with the CPU the target's processes spent on the measured run. */
    private WrkRun.Point measure(Target target, WrkRun.Request request, int connections) throws Exception {
        WrkRun.run(request, connections, warmup, wrkLog);
        ProcessCpu.Span cpu = target.cpu();
        return WrkRun.run(request, connections, seconds, wrkLog).withCpu(cpu.end());
    }

    private static WrkRun.Request retrieve(Target target, String batchId) {
        return new WrkRun.Request("GET", target.openAiBase() + "/batches/" + batchId, null, target.headers());
    }

    private static WrkRun.Request create(Target target, String fileId) {
        return new WrkRun.Request("POST", target.openAiBase() + "/batches", batchBody(fileId), target.headers());
    }

    private static String batchBody(String fileId) {
        return "{\"input_file_id\":\"" + fileId + "\",\"endpoint\":\"/v1/chat/completions\","
                + "\"completion_window\":\"24h\"}";
    }

    private static String uploadSmallFile(Target target) throws Exception {
        Path small = WORK.resolve("small.jsonl");
        Files.writeString(small, "{\"custom_id\":\"a\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\",\"body\":"
                + "{\"model\":\"" + OPENAI_MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\"2+2?\"}]}}\n"
                + "{\"custom_id\":\"b\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\",\"body\":"
                + "{\"model\":\"" + OPENAI_MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\"3+3?\"}]}}\n");
        List<String> args = new ArrayList<>(headers(target));
        args.addAll(List.of("-F", "purpose=batch", "-F", "file=@" + small + ";type=application/jsonl",
                target.openAiBase() + "/files"));
        return idOf(target, "upload a small batch file", Curl.call(WORK.resolve("curl"), args));
    }

    private static String createBatch(Target target, String fileId) throws Exception {
        List<String> args = new ArrayList<>(headers(target));
        args.addAll(List.of("-H", "Content-Type: application/json", "--data", batchBody(fileId),
                target.openAiBase() + "/batches"));
        return idOf(target, "create a batch", Curl.call(WORK.resolve("curl"), args));
    }

    static List<String> headers(Target target) {
        List<String> args = new ArrayList<>();
        target.headers().forEach((name, value) -> args.addAll(List.of("-H", name + ": " + value)));
        return args;
    }

    private static String idOf(Target target, String what, Curl.Answer answer) throws Exception {
        if (!answer.ok()) {
            throw new IllegalStateException(target.name() + " could not " + what + ": " + answer.status() + " "
                    + answer.body() + (answer.error() == null ? "" : " " + answer.error()));
        }
        JsonNode id = JSON.readTree(answer.body()).get("id");
        if (id == null) {
            throw new IllegalStateException(target.name() + " could not " + what + ": no id in " + answer.body());
        }
        return id.asText();
    }

    /** The S3 location a Caravan file-bedrock-<base64url(s3://bucket/key)> id or a Portkey id names. */
    static String s3Uri(String target, String id) {
        if (target.equals(Target.CARAVAN)) {
            return new String(Base64.getUrlDecoder().decode(id.substring("file-bedrock-".length())),
                    StandardCharsets.UTF_8);
        }
        return URLDecoder.decode(id, StandardCharsets.UTF_8);
    }

    static String uniqueKey(String prefix) {
        return prefix + "/" + UUID.randomUUID() + ".jsonl";
    }
}
