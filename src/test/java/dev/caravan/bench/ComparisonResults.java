package dev.caravan.bench;

import java.util.List;

/**
 * Everything one run of {@link GatewayComparison} measured, as written to bench/results/compare-<date>.json and read
 * back to render the table and BENCHMARKS.md's section (so the document always shows what the JSON holds). Latencies
 * in ms, sizes in MB (10^6 bytes), rates in MB/s and requests/s.
 */
record ComparisonResults(String date, String startedAt, double runSeconds, Options options, Machine machine,
                         List<LatencyPoint> latency, List<PacedPoint> paced, List<ThroughputPoint> throughput,
                         List<Transfer> uploads, List<Startup> startups, List<TargetCheck> targets) {

    /**
     * How the run was made. {@code uploadRounds}: measured uploads per target and kind (interleaved rounds);
     * {@code pacedRate}: the total request rate the paced clients offer at each of {@code pacedConnections}, with
     * {@code pacedWarmupSeconds} of warm-up per paced point.
     */
    record Options(String command, int seconds, int warmupSeconds, boolean quick, long openAiFileBytes,
                   long bedrockFileBytes, int openAiFileLines, List<String> caravanJavaOptions,
                   List<Integer> latencyConnections, List<Integer> throughputConnections, int uploadRounds,
                   double pacedRate, List<Integer> pacedConnections, int pacedWarmupSeconds) {
    }

    /**
     * The machine and the versions of everything measured or measuring. The load averages (1, 5, 15 min, from
     * /proc/loadavg) at the start and end hint at other work sharing the cores; they include this run's own (and, at
     * the start, bench/compare.sh's Maven build just before).
     */
    record Machine(String cpuModel, int cores, long memoryMb, String kernel, String java, String node, String wrk,
                   String curl, String portkeyVersion, String caravanCommit, boolean caravanDirty,
                   String portkeyListens, String loadAverageAtStart, String loadAverageAtEnd) {
    }

    /** One wrk point of part (a): {@code op} is "GET batch" or "POST batch". */
    record LatencyPoint(String target, String op, WrkRun.Point point) {
    }

    /**
     * One paced-client wrk point of part (a): {@code connections} each waiting {@code thinkMs} on average between
     * requests, so that together they offer {@code offeredRate} requests/s. {@code achievedRate} is requests /
     * duration. Below {@value #MIN_ACHIEVED_SHARE} of the offered rate the target did not keep up ({@code keptUp}
     * false): saturated, or stalling often enough to lower its mean (TargetChecks says what that means per target).
     */
    record PacedPoint(String target, String op, double offeredRate, double thinkMs, double achievedRate,
                      boolean keptUp, WrkRun.Point point) {

        static final double MIN_ACHIEVED_SHARE = 0.9;

        static PacedPoint of(String target, String op, double offeredRate, double thinkMs, WrkRun.Point point) {
            double achieved = point.requestsPerSecond();
            return new PacedPoint(target, op, offeredRate, thinkMs, achieved,
                    achieved >= MIN_ACHIEVED_SHARE * offeredRate, point);
        }
    }

    /** One wrk point of part (b), GET batch at a number of connections. */
    record ThroughputPoint(String target, WrkRun.Point point) {
    }

    /**
     * One 200 MB upload of parts (c) ({@code kind} "openai") and (d) ("bedrock"). {@code peakRssMb} is the gateway's
     * (null for direct), {@code storedBytes} what the store or the answer says was kept; {@code message} says why an
     * upload that failed did. CPU seconds (user + system) spent during the upload by the gateway (null for direct)
     * and by the emulators' process (which holds the S3 store too).
     */
    record Transfer(String kind, String target, boolean ok, int status, long fileBytes, double seconds,
                    double mbPerSecond, Double peakRssMb, Long storedBytes, String message, Double gatewayCpuSeconds,
                    Double emulatorCpuSeconds) {

        Transfer withPeakRssMb(Double peak) {
            return new Transfer(kind, target, ok, status, fileBytes, seconds, mbPerSecond, peak, storedBytes, message,
                    gatewayCpuSeconds, emulatorCpuSeconds);
        }
    }

    /** Part (e): each start's time from spawn to ready and idle RSS 5 s later, and their medians. */
    record Startup(String target, String readyWhen, List<Double> startupMs, List<Double> idleRssMb,
                   double medianStartupMs, double medianIdleRssMb) {
    }

    /** One of the targets, with the numbers it was judged on. */
    record TargetCheck(String name, Status status, String detail) {
    }

    enum Status { MET, MISSED, NOT_COMPARABLE }
}
