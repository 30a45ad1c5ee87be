package dev.caravan.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.caravan.bench.ComparisonResults.LatencyPoint;
import dev.caravan.bench.ComparisonResults.Status;
import dev.caravan.bench.ComparisonResults.TargetCheck;
import dev.caravan.bench.ComparisonResults.ThroughputPoint;
import dev.caravan.bench.ComparisonResults.Transfer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the comparison judges issue 10's targets: numbers against thresholds, and errors counting as misses. */
class TargetChecksTest {

    private static WrkRun.Point point(int connections, double p50, double rps, long non2xx) {
        return new WrkRun.Point(connections, 10, (long) (rps * 10), rps, p50, p50 * 2, p50 * 4, p50 * 8, non2xx, 0);
    }

    private static ComparisonResults results(double caravanP50, double portkeyP50, long caravanErrors,
                                             double caravanRps, double caravanMbps, double caravanRss,
                                             boolean portkeyBedrockOk) {
        return results(caravanP50, portkeyP50, caravanErrors, caravanRps, caravanMbps, caravanRss, portkeyBedrockOk,
                "HTTP 500: refused");
    }

    private static ComparisonResults results(double caravanP50, double portkeyP50, long caravanErrors,
                                             double caravanRps, double caravanMbps, double caravanRss,
                                             boolean portkeyBedrockOk, String portkeyBedrockFailure) {
        List<LatencyPoint> latency = new ArrayList<>();
        List<ThroughputPoint> throughput = new ArrayList<>();
        for (String op : List.of("GET batch", "POST batch")) {
            for (int c : List.of(1, 32, 256)) {
                latency.add(new LatencyPoint(Target.DIRECT, op, point(c, 1.0, 10_000, 0)));
                latency.add(new LatencyPoint(Target.CARAVAN, op, point(c, caravanP50, caravanRps, caravanErrors)));
                latency.add(new LatencyPoint(Target.PORTKEY, op, point(c, portkeyP50, 1_000, 0)));
            }
        }
        for (String target : List.of(Target.DIRECT, Target.CARAVAN, Target.PORTKEY)) {
            latency.stream().filter(p -> p.target().equals(target) && p.op().equals("GET batch"))
                    .forEach(p -> throughput.add(new ThroughputPoint(target, p.point())));
        }
        List<Transfer> uploads = List.of(
                new Transfer("openai", Target.DIRECT, true, 200, 200_000_000, 2, 100, null, 200_000_000L, null),
                new Transfer("openai", Target.CARAVAN, true, 200, 200_000_000, 200 / caravanMbps, caravanMbps,
                        caravanRss, 200_000_000L, null),
                new Transfer("openai", Target.PORTKEY, true, 200, 200_000_000, 4, 50, 250.0, 200_000_000L, null),
                new Transfer("bedrock", Target.DIRECT, true, 200, 200_000_000, 2, 100, null, 200_000_000L, null),
                new Transfer("bedrock", Target.CARAVAN, true, 200, 200_000_000, 200 / caravanMbps, caravanMbps,
                        caravanRss, 190_000_000L, null),
                new Transfer("bedrock", Target.PORTKEY, portkeyBedrockOk, portkeyBedrockOk ? 200 : 500, 200_000_000,
                        10, 20, 400.0, portkeyBedrockOk ? 190_000_000L : null,
                        portkeyBedrockOk ? null : portkeyBedrockFailure));
        ComparisonResults.Options options = new ComparisonResults.Options("bench/compare.sh", 10, 3, false,
                200_000_000, 200_000_000, 50_000, List.of(), List.of(1, 32, 256), List.of(16, 64, 256));
        return new ComparisonResults("2026-11-23", "now", 1, options, null, latency, throughput, uploads, List.of(),
                List.of());
    }

    private static Status status(List<TargetCheck> checks, String prefix) {
        return checks.stream().filter(check -> check.name().startsWith(prefix)).findFirst().orElseThrow().status();
    }

    @Test
    void a_fast_lean_caravan_meets_every_target() {
        List<TargetCheck> checks = TargetChecks.judge(results(1.5, 3.0, 0, 5_000, 90, 200, true));
        assertEquals(9, checks.size());
        checks.forEach(check -> assertEquals(Status.MET, check.status(), check.toString()));
    }

    @Test
    void more_than_one_ms_added_or_slower_than_portkey_misses_the_latency_target() {
        assertEquals(Status.MISSED, status(TargetChecks.judge(results(2.5, 4.0, 0, 5_000, 90, 200, true)),
                "GET batch c=1:"));
        assertEquals(Status.MISSED, status(TargetChecks.judge(results(1.5, 1.4, 0, 5_000, 90, 200, true)),
                "POST batch c=256:"));
    }

    @Test
    void a_point_with_errors_misses_its_target_whatever_its_latency() {
        List<TargetCheck> checks = TargetChecks.judge(results(1.1, 3.0, 5, 5_000, 90, 200, true));
        assertEquals(Status.MISSED, status(checks, "GET batch c=32:"));
        assertTrue(checks.get(1).detail().contains("Caravan 5"), checks.get(1).detail());
        // no error-free Caravan retrieve point is left to judge throughput on
        assertEquals(Status.MISSED, status(checks, "retrieve throughput"));
    }

    @Test
    void upload_needs_both_the_speed_share_and_the_memory_bound() {
        assertEquals(Status.MISSED, status(TargetChecks.judge(results(1.5, 3.0, 0, 5_000, 70, 200, true)),
                "upload (OpenAI)"));
        assertEquals(Status.MISSED, status(TargetChecks.judge(results(1.5, 3.0, 0, 5_000, 90, 310, true)),
                "upload (OpenAI)"));
    }

    @Test
    void a_failed_portkey_bedrock_upload_makes_that_target_not_comparable() {
        List<TargetCheck> checks = TargetChecks.judge(results(1.5, 3.0, 0, 5_000, 90, 200, false));
        assertEquals(Status.NOT_COMPARABLE, status(checks, "upload + conversion"));
        assertTrue(checks.get(8).detail().contains("HTTP 500: refused"), checks.get(8).detail());
    }

    /**
     * Portkey's parts are ~1 MB, so S3 refuses its CompleteMultipartUpload after every line was converted and
     * uploaded: that run is compared up to the refusal (Portkey 20 MB/s, 400 MB here).
     */
    @Test
    void a_portkey_upload_refused_only_at_completion_is_compared_up_to_there() {
        String tooSmall = "HTTP 500: <Error><Code>EntityTooSmall</Code></Error>";
        assertEquals(Status.MET, status(TargetChecks.judge(results(1.5, 3.0, 0, 5_000, 90, 200, false, tooSmall)),
                "upload + conversion"));
        assertEquals(Status.MISSED, status(TargetChecks.judge(results(1.5, 3.0, 0, 5_000, 15, 200, false, tooSmall)),
                "upload + conversion"));
        assertEquals(Status.MISSED, status(TargetChecks.judge(results(1.5, 3.0, 0, 5_000, 90, 450, false, tooSmall)),
                "upload + conversion"));
    }
}
