package dev.caravan.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.caravan.bench.ComparisonResults.LatencyPoint;
import dev.caravan.bench.ComparisonResults.PacedPoint;
import dev.caravan.bench.ComparisonResults.Status;
import dev.caravan.bench.ComparisonResults.TargetCheck;
import dev.caravan.bench.ComparisonResults.ThroughputPoint;
import dev.caravan.bench.ComparisonResults.Transfer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the comparison judges issue 10's targets: numbers against thresholds, and errors counting as misses. */
class TargetChecksTest {

    private static final double PACED_RATE = 1000;

    private static WrkRun.Point point(int connections, double p50, double rps, long non2xx) {
        return new WrkRun.Point(connections, 10, (long) (rps * 10), rps, p50, p50 * 2, p50 * 4, p50 * 8, non2xx, 0,
                null, 5.0);
    }

    /**
     * The paced points of one run (offered {@value #PACED_RATE} req/s; direct: p50 0.3 ms): direct's achieved rate,
     * Caravan's and Portkey's p50 and achieved rates, and Caravan's errors.
     */
    private record Paced(double directRate, double caravanP50, double portkeyP50, double caravanRate,
                         double portkeyRate, long caravanErrors) {

        /** Nobody saturated: Caravan adds 0.3 ms, Portkey 1.2 ms. */
        static final Paced CALM = new Paced(995, 0.6, 1.5, 990, 985, 0);

        Paced(double caravanP50, double portkeyP50, double caravanRate, double portkeyRate, long caravanErrors) {
            this(995, caravanP50, portkeyP50, caravanRate, portkeyRate, caravanErrors);
        }
    }

    private static Transfer upload(String kind, String target, boolean ok, double seconds, double mbps, Double rss,
                                   Long stored, String message) {
        return new Transfer(kind, target, ok, ok ? 200 : 500, 200_000_000, seconds, mbps, rss, stored, message,
                target.equals(Target.DIRECT) ? null : 1.0, 0.5);
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
        return results(caravanP50, portkeyP50, caravanErrors, caravanRps, caravanMbps, caravanRss, portkeyBedrockOk,
                portkeyBedrockFailure, Paced.CALM);
    }

    private static ComparisonResults results(Paced paced) {
        return results(1.5, 3.0, 0, 5_000, 90, 200, true, null, paced);
    }

    private static ComparisonResults results(double caravanP50, double portkeyP50, long caravanErrors,
                                             double caravanRps, double caravanMbps, double caravanRss,
                                             boolean portkeyBedrockOk, String portkeyBedrockFailure, Paced paced) {
        List<PacedPoint> pacedPoints = new ArrayList<>();
        for (String op : List.of("GET batch", "POST batch")) {
            for (int c : List.of(32, 256)) {
                double think = c * 1000 / PACED_RATE;
                pacedPoints.add(PacedPoint.of(Target.DIRECT, op, PACED_RATE, think, point(c, 0.3, paced.directRate(), 0)));
                pacedPoints.add(PacedPoint.of(Target.CARAVAN, op, PACED_RATE, think,
                        point(c, paced.caravanP50(), paced.caravanRate(), paced.caravanErrors())));
                pacedPoints.add(PacedPoint.of(Target.PORTKEY, op, PACED_RATE, think,
                        point(c, paced.portkeyP50(), paced.portkeyRate(), 0)));
            }
        }
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
                upload("openai", Target.DIRECT, true, 2, 100, null, 200_000_000L, null),
                upload("openai", Target.CARAVAN, true, 200 / caravanMbps, caravanMbps, caravanRss, 200_000_000L,
                        null),
                upload("openai", Target.PORTKEY, true, 4, 50, 250.0, 200_000_000L, null),
                upload("bedrock", Target.DIRECT, true, 2, 100, null, 200_000_000L, null),
                upload("bedrock", Target.CARAVAN, true, 200 / caravanMbps, caravanMbps, caravanRss, 190_000_000L,
                        null),
                upload("bedrock", Target.PORTKEY, portkeyBedrockOk, 10, 20, 400.0,
                        portkeyBedrockOk ? 190_000_000L : null, portkeyBedrockOk ? null : portkeyBedrockFailure));
        ComparisonResults.Options options = new ComparisonResults.Options("bench/compare.sh", 10, 3, false,
                200_000_000, 200_000_000, 50_000, List.of(), List.of(1, 32, 256), List.of(16, 64, 256), 5,
                PACED_RATE, List.of(32, 256), 2);
        return new ComparisonResults("2026-11-23", "now", 1, options, null, latency, pacedPoints, throughput,
                uploads, List.of(), List.of());
    }

    private static Status status(List<TargetCheck> checks, String prefix) {
        return check(checks, prefix).status();
    }

    private static String detail(List<TargetCheck> checks, String prefix) {
        return check(checks, prefix).detail();
    }

    private static TargetCheck check(List<TargetCheck> checks, String prefix) {
        return checks.stream().filter(check -> check.name().startsWith(prefix)).findFirst().orElseThrow();
    }

    @Test
    void a_fast_lean_caravan_meets_every_target() {
        List<TargetCheck> checks = TargetChecks.judge(results(1.5, 3.0, 0, 5_000, 90, 200, true));
        assertEquals(13, checks.size());
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
        assertTrue(detail(checks, "GET batch c=32:").contains("Caravan 5"), detail(checks, "GET batch c=32:"));
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
        assertTrue(detail(checks, "upload + conversion").contains("HTTP 500: refused"),
                detail(checks, "upload + conversion"));
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

    @Test
    void paced_points_are_judged_like_the_closed_loop_ones_under_their_own_names() {
        List<TargetCheck> checks = TargetChecks.judge(results(Paced.CALM));
        for (String op : List.of("GET batch", "POST batch")) {
            for (int c : List.of(32, 256)) {
                String name = op + " paced clients c=" + c + " at 1000 req/s:";
                assertEquals(Status.MET, status(checks, name));
                assertTrue(detail(checks, name).contains("Caravan +0.300 ms, Portkey +1.200 ms"),
                        detail(checks, name));
            }
        }
        // the closed-loop rows keep their names and verdicts beside them
        assertEquals(Status.MET, status(checks, "GET batch c=32:"));
    }

    @Test
    void a_paced_point_adding_more_than_one_ms_or_more_than_portkey_misses() {
        assertEquals(Status.MISSED, status(TargetChecks.judge(results(new Paced(1.6, 3.0, 990, 985, 0))),
                "GET batch paced clients c=32 "));
        assertEquals(Status.MISSED, status(TargetChecks.judge(results(new Paced(0.9, 0.8, 990, 985, 0))),
                "POST batch paced clients c=256 "));
    }

    @Test
    void a_caravan_below_ninety_percent_of_the_offered_rate_misses_and_a_slow_portkey_is_judged_on_its_p50() {
        // Portkey saturated at 850 of 1000 req/s: its p50 is queueing at this load, which is what it adds here
        List<TargetCheck> checks = TargetChecks.judge(results(new Paced(0.6, 40.0, 990, 850, 0)));
        assertEquals(Status.MET, status(checks, "GET batch paced clients c=256 "));
        assertTrue(detail(checks, "GET batch paced clients c=256 ").contains("(could not keep up): portkey"),
                detail(checks, "GET batch paced clients c=256 "));
        // Caravan unable to keep up with what the emulator served direct misses, even with a p50 within the bound
        assertEquals(Status.MISSED, status(TargetChecks.judge(results(new Paced(0.6, 1.5, 895, 985, 0))),
                "POST batch paced clients c=32 "));
        // 90% of direct's 995 req/s is keeping up
        assertEquals(Status.MET, status(TargetChecks.judge(results(new Paced(0.6, 1.5, 896, 985, 0))),
                "POST batch paced clients c=32 "));
    }

    @Test
    void when_the_emulator_itself_falls_behind_the_gateways_are_held_to_its_rate() {
        // the emulator's stalls keep direct at 745 of 1000 req/s; Caravan at 750 kept up with what it was served
        List<TargetCheck> checks = TargetChecks.judge(results(new Paced(745, 0.6, 1.5, 750, 700, 0)));
        assertEquals(Status.MET, status(checks, "POST batch paced clients c=32 "));
        assertTrue(detail(checks, "POST batch paced clients c=32 ").contains("(could not keep up): direct"),
                detail(checks, "POST batch paced clients c=32 "));
        // but not below 90% of it
        assertEquals(Status.MISSED, status(TargetChecks.judge(results(new Paced(745, 0.6, 1.5, 670, 700, 0))),
                "POST batch paced clients c=32 "));
    }

    @Test
    void errors_in_a_paced_point_miss_before_anything_else() {
        List<TargetCheck> checks = TargetChecks.judge(results(new Paced(0.6, 1.5, 850, 985, 3)));
        assertEquals(Status.MISSED, status(checks, "GET batch paced clients c=32 "));
        assertTrue(detail(checks, "GET batch paced clients c=32 ").contains("Caravan 3"),
                detail(checks, "GET batch paced clients c=32 "));
    }
}
