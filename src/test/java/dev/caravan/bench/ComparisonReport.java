package dev.caravan.bench;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caravan.bench.ComparisonResults.PacedPoint;
import dev.caravan.bench.ComparisonResults.Startup;
import dev.caravan.bench.ComparisonResults.TargetCheck;
import dev.caravan.bench.ComparisonResults.ThroughputPoint;
import dev.caravan.bench.ComparisonResults.Transfer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The comparison table of one results file: printed to stdout and written into BENCHMARKS.md between
 * {@code <!-- compare:begin -->} and {@code <!-- compare:end -->}. Both are rendered from the JSON as read back, so the
 * document shows exactly what the results file holds ({@code GatewayComparison --render <file>} re-renders one).
 */
final class ComparisonReport {

    static final String BEGIN = "<!-- compare:begin -->";
    static final String END = "<!-- compare:end -->";
    private static final Path DOCUMENT = Path.of("BENCHMARKS.md");
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** One line of the table: a measure, its three values, the two ratios and the target's verdict. */
    private record Row(String measure, String direct, String caravan, String portkey, String caravanToDirect,
                       String caravanToPortkey, String target) {
    }

    private ComparisonReport() {
    }

    static void publish(Path json) throws IOException {
        ComparisonResults results = JSON.readValue(json.toFile(), ComparisonResults.class);
        List<Row> rows = rows(results);
        System.out.println();
        System.out.println(text(rows));
        for (TargetCheck check : results.targets()) {
            System.out.printf("%-16s %s: %s%n", "[" + check.status() + "]", check.name(), check.detail());
        }
        System.out.println("results: " + json);
        updateDocument(json, results, rows);
        System.out.println("BENCHMARKS.md's comparison section regenerated");
    }

    private static List<Row> rows(ComparisonResults results) {
        List<Row> rows = new ArrayList<>();
        for (String op : List.of("GET batch", "POST batch")) {
            for (int connections : results.options().latencyConnections()) {
                WrkRun.Point direct = TargetChecks.point(results, Target.DIRECT, op, connections);
                WrkRun.Point caravan = TargetChecks.point(results, Target.CARAVAN, op, connections);
                WrkRun.Point portkey = TargetChecks.point(results, Target.PORTKEY, op, connections);
                String verdict = verdict(results, op + " c=" + connections + ":");
                rows.add(latencyRow(op + " c=" + connections + " p50 ms", direct, caravan, portkey,
                        WrkRun.Point::p50Ms, verdict));
                rows.add(latencyRow(op + " c=" + connections + " p99 ms", direct, caravan, portkey,
                        WrkRun.Point::p99Ms, ""));
                rows.add(new Row(op + " c=" + connections + " added p50 / p99 ms", "-",
                        added(caravan, direct), added(portkey, direct), "", "", ""));
            }
        }
        if (results.paced() != null) {
            rows.addAll(pacedRows(results));
        }
        for (String op : List.of("GET batch", "POST batch")) {
            // the last closed-loop point, the most connections: every target saturated, so CPU per request is the
            // cost of one request when the cores are the limit
            int connections = results.options().latencyConnections()
                    .get(results.options().latencyConnections().size() - 1);
            WrkRun.Point d = TargetChecks.point(results, Target.DIRECT, op, connections);
            WrkRun.Point c = TargetChecks.point(results, Target.CARAVAN, op, connections);
            WrkRun.Point p = TargetChecks.point(results, Target.PORTKEY, op, connections);
            rows.add(new Row(op + " CPU µs per request at saturation (c=" + connections + "), gateway / emulator",
                    cpu(d), cpu(c), cpu(p), "", ratio(c.gatewayCpuMicrosPerRequest(), p.gatewayCpuMicrosPerRequest()),
                    "fact"));
        }
        Optional<ThroughputPoint> direct = TargetChecks.best(results, Target.DIRECT);
        Optional<ThroughputPoint> caravan = TargetChecks.best(results, Target.CARAVAN);
        Optional<ThroughputPoint> portkey = TargetChecks.best(results, Target.PORTKEY);
        rows.add(new Row("retrieve max req/s (best of c=" + results.options().throughputConnections() + ")",
                rate(direct), rate(caravan), rate(portkey),
                ratio(value(caravan), value(direct)), ratio(value(caravan), value(portkey)),
                verdict(results, "retrieve throughput")));
        for (String kind : List.of("openai", "bedrock")) {
            Transfer d = TargetChecks.transfer(results, kind, Target.DIRECT);
            Transfer c = TargetChecks.transfer(results, kind, Target.CARAVAN);
            Transfer p = TargetChecks.transfer(results, kind, Target.PORTKEY);
            String label = String.format(Locale.ROOT, "%s %.0f MB upload", kind.equals("openai") ? "OpenAI"
                    : "Bedrock (converted)", d.fileBytes() / 1e6);
            String verdict = verdict(results, kind.equals("openai") ? "upload (OpenAI)" : "upload + conversion");
            rows.add(new Row(label + " MB/s", speed(d), speed(c), speed(p), ratio(c.ok() ? c.mbPerSecond() : null,
                    d.ok() ? d.mbPerSecond() : null), ratio(c.ok() ? c.mbPerSecond() : null,
                    p.ok() ? p.mbPerSecond() : null), verdict));
            rows.add(new Row(label + " peak RSS MB", "-", mb(c.peakRssMb()), mb(p.peakRssMb()), "",
                    ratio(c.peakRssMb(), p.peakRssMb()), ""));
            rows.add(new Row(label + " CPU s, gateway / emulator", cpu(d), cpu(c), cpu(p), "",
                    ratio(c.gatewayCpuSeconds(), p.gatewayCpuSeconds()), "fact"));
        }
        Startup caravanStart = startup(results, Target.CARAVAN);
        Startup portkeyStart = startup(results, Target.PORTKEY);
        rows.add(new Row("startup ms (median of " + caravanStart.startupMs().size() + ")", "-",
                number(caravanStart.medianStartupMs(), 0), number(portkeyStart.medianStartupMs(), 0), "",
                ratio(caravanStart.medianStartupMs(), portkeyStart.medianStartupMs()), "reference"));
        rows.add(new Row("idle RSS MB (5 s after ready)", "-", number(caravanStart.medianIdleRssMb(), 0),
                number(portkeyStart.medianIdleRssMb(), 0), "",
                ratio(caravanStart.medianIdleRssMb(), portkeyStart.medianIdleRssMb()), "reference"));
        return rows;
    }

    /** Per paced point: p50 (with the verdict), p99, added p50 / p99, and the rate each target achieved. */
    private static List<Row> pacedRows(ComparisonResults results) {
        List<Row> rows = new ArrayList<>();
        double rate = results.options().pacedRate();
        for (String op : List.of("GET batch", "POST batch")) {
            for (int connections : results.options().pacedConnections()) {
                PacedPoint direct = TargetChecks.paced(results, Target.DIRECT, op, connections);
                PacedPoint caravan = TargetChecks.paced(results, Target.CARAVAN, op, connections);
                PacedPoint portkey = TargetChecks.paced(results, Target.PORTKEY, op, connections);
                String label = String.format(Locale.ROOT, "%s paced %.0f req/s c=%d", op, rate, connections);
                String name = TargetChecks.pacedName(op, connections, rate);
                String verdict = verdict(results, name.substring(0, name.indexOf(':') + 1));
                rows.add(latencyRow(label + " p50 ms", direct.point(), caravan.point(), portkey.point(),
                        WrkRun.Point::p50Ms, verdict));
                rows.add(latencyRow(label + " p99 ms", direct.point(), caravan.point(), portkey.point(),
                        WrkRun.Point::p99Ms, ""));
                rows.add(new Row(label + " added p50 / p99 ms", "-", added(caravan.point(), direct.point()),
                        added(portkey.point(), direct.point()), "", "", ""));
                rows.add(new Row(label + " achieved req/s", achieved(direct), achieved(caravan), achieved(portkey),
                        "", "", ""));
            }
        }
        return rows;
    }

    private static String achieved(PacedPoint point) {
        return number(point.achievedRate(), 0) + (point.keptUp() ? "" : " (could not keep up)");
    }

    /** "gateway / emulator" CPU µs per request; "-" for the gateway of direct. */
    private static String cpu(WrkRun.Point point) {
        return cpuPair(point.gatewayCpuMicrosPerRequest(), point.emulatorCpuMicrosPerRequest(), 0);
    }

    /** "gateway / emulator" CPU seconds of one upload. */
    private static String cpu(Transfer transfer) {
        return cpuPair(transfer.gatewayCpuSeconds(), transfer.emulatorCpuSeconds(), 2);
    }

    private static String cpuPair(Double gateway, Double emulator, int decimals) {
        return (gateway == null ? "-" : number(gateway, decimals)) + " / "
                + (emulator == null ? "-" : number(emulator, decimals));
    }

    private static Row latencyRow(String measure, WrkRun.Point direct, WrkRun.Point caravan, WrkRun.Point portkey,
                                  Function<WrkRun.Point, Double> value, String verdict) {
        return new Row(measure, ms(direct, value), ms(caravan, value), ms(portkey, value),
                ratio(value.apply(caravan), value.apply(direct)), ratio(value.apply(caravan), value.apply(portkey)),
                verdict);
    }

    private static String ms(WrkRun.Point point, Function<WrkRun.Point, Double> value) {
        return number(value.apply(point), 3) + (point.errors() > 0 ? " (" + point.errors() + " errors)" : "");
    }

    private static String added(WrkRun.Point point, WrkRun.Point direct) {
        return String.format(Locale.ROOT, "%+.3f / %+.3f", point.p50Ms() - direct.p50Ms(),
                point.p99Ms() - direct.p99Ms());
    }

    private static String rate(Optional<ThroughputPoint> point) {
        return point.map(p -> String.format(Locale.ROOT, "%.0f (c=%d)", p.point().requestsPerSecond(),
                p.point().connections())).orElse("errors");
    }

    private static Double value(Optional<ThroughputPoint> point) {
        return point.map(p -> p.point().requestsPerSecond()).orElse(null);
    }

    private static String speed(Transfer transfer) {
        return transfer.ok() ? number(transfer.mbPerSecond(), 1)
                : String.format(Locale.ROOT, "failed (HTTP %d after %.2f s)", transfer.status(), transfer.seconds());
    }

    private static String mb(Double value) {
        return value == null ? "-" : number(value, 0);
    }

    private static String ratio(Double numerator, Double denominator) {
        if (numerator == null || denominator == null || denominator == 0) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.2f", numerator / denominator);
    }

    private static String number(double value, int decimals) {
        return String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }

    private static String verdict(ComparisonResults results, String checkPrefix) {
        return results.targets().stream().filter(check -> check.name().startsWith(checkPrefix)).findFirst()
                .map(check -> switch (check.status()) {
                    case MET -> "met";
                    case MISSED -> "MISSED";
                    case NOT_COMPARABLE -> "not comparable";
                }).orElse("");
    }

    private static Startup startup(ComparisonResults results, String target) {
        return results.startups().stream().filter(s -> s.target().equals(target)).findFirst().orElseThrow();
    }

    private static String text(List<Row> rows) {
        List<String[]> cells = new ArrayList<>();
        cells.add(new String[] {"measure", "direct", "Caravan", "Portkey", "Caravan/direct", "Caravan/Portkey",
            "target"});
        rows.forEach(row -> cells.add(new String[] {row.measure(), row.direct(), row.caravan(), row.portkey(),
            row.caravanToDirect(), row.caravanToPortkey(), row.target()}));
        int[] widths = new int[7];
        cells.forEach(line -> {
            for (int i = 0; i < 7; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        });
        StringBuilder out = new StringBuilder();
        for (String[] line : cells) {
            for (int i = 0; i < 7; i++) {
                out.append(i == 0 ? String.format("%-" + widths[i] + "s", line[i])
                        : "  " + String.format("%" + widths[i] + "s", line[i]));
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String markdown(Path json, ComparisonResults results, List<Row> rows) {
        ComparisonResults.Machine machine = results.machine();
        StringBuilder out = new StringBuilder();
        out.append(BEGIN).append('\n');
        out.append("<!-- generated by bench/compare.sh from ").append(json.toString().replace('\\', '/'))
                .append("; edits here are overwritten -->\n\n");
        out.append(String.format(Locale.ROOT, "Run of %s (`%s`, %d s per point after a %d s warm-up, %.1f min in "
                        + "all%s). Machine: %s, %d cores, %,d MB RAM, Linux %s; %s; node %s; %s; %s; Portkey gateway "
                        + "%s; Caravan %s%s, JVM options: %s. Load average (1/5/15 min; this run's own "
                        + "work and build included) at start %s, at end %s.%n%n",
                results.date(), results.options().command(),
                results.options().seconds(), results.options().warmupSeconds(), results.runSeconds() / 60,
                results.paced() == null ? "" : String.format(Locale.ROOT, "; paced clients offer %.0f req/s in all, "
                        + "%d s warm-up per paced point; uploads: median of %d interleaved rounds",
                        results.options().pacedRate(), results.options().pacedWarmupSeconds(),
                        results.options().uploadRounds()),
                machine.cpuModel(), machine.cores(), machine.memoryMb(), machine.kernel(), machine.java(),
                machine.node(), machine.wrk(), machine.curl(), machine.portkeyVersion(),
                machine.caravanCommit().substring(0, Math.min(10, machine.caravanCommit().length())),
                machine.caravanDirty() ? " (with uncommitted changes)" : "",
                results.options().caravanJavaOptions().isEmpty() ? "none (JVM defaults)"
                        : "`" + String.join(" ", results.options().caravanJavaOptions()) + "`",
                machine.loadAverageAtStart(), machine.loadAverageAtEnd()));
        out.append("| measure | direct | Caravan | Portkey | Caravan / direct | Caravan / Portkey | target |\n");
        out.append("|---|---|---|---|---|---|---|\n");
        for (Row row : rows) {
            out.append("| ").append(String.join(" | ", row.measure(), row.direct(), row.caravan(), row.portkey(),
                    row.caravanToDirect(), row.caravanToPortkey(), row.target())).append(" |\n");
        }
        out.append("\nTargets:\n\n");
        for (TargetCheck check : results.targets()) {
            out.append("- **").append(check.status()).append("** ").append(escaped(check.name())).append(": ")
                    .append(escaped(check.detail())).append('\n');
        }
        for (Transfer transfer : results.uploads()) {
            // a failure no target's detail quotes already (e.g. Portkey's OpenAI upload)
            if (!transfer.ok() && results.targets().stream().noneMatch(c -> c.detail().contains(transfer.message()))) {
                out.append("- ").append(transfer.target()).append("'s ").append(transfer.kind())
                        .append(" upload failed: ").append(escaped(transfer.message())).append('\n');
            }
        }
        out.append(END);
        return out.toString();
    }

    /** Upstream messages quoted in the document (S3's XML errors) must not be read as HTML or table syntax. */
    private static String escaped(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|");
    }

    private static void updateDocument(Path json, ComparisonResults results, List<Row> rows) throws IOException {
        String section = markdown(json, results, rows);
        String document = Files.exists(DOCUMENT) ? Files.readString(DOCUMENT, StandardCharsets.UTF_8) : "";
        int begin = document.indexOf(BEGIN);
        int end = document.indexOf(END);
        String updated;
        if (begin >= 0 && end > begin) {
            updated = document.substring(0, begin) + section + document.substring(end + END.length());
        } else {
            updated = document + (document.endsWith("\n") ? "" : "\n") + "\n" + section + "\n";
        }
        Files.writeString(DOCUMENT, updated, StandardCharsets.UTF_8);
    }
}
