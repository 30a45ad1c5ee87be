package dev.caravan.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link ConversionBenchmark} and reports each converter in MB/s of input and as a share of the identity
 * baseline on the same data (issue 5's target: at least 60%). Writes {@code bench/results/jsonl-<date>.json}.
 */
public final class ConversionBenchmarks {

    private ConversionBenchmarks() {
    }

    public static void main(String[] args) throws RunnerException, IOException {
        double requestMb = BenchmarkData.openAiRequests(ConversionBenchmark.CLAUDE).length / 1_000_000.0;
        double resultMb = BenchmarkData.bedrockClaudeResults().length / 1_000_000.0;
        Map<String, Double> millis = new LinkedHashMap<>();
        for (RunResult result : new Runner(new OptionsBuilder()
                .include(ConversionBenchmark.class.getName()).build()).run()) {
            String name = result.getParams().getBenchmark();
            millis.put(name.substring(name.lastIndexOf('.') + 1), result.getPrimaryResult().getScore());
        }
        double requestBaseline = requestMb / seconds(millis.get("identityOpenAiRequests"));
        double resultBaseline = resultMb / seconds(millis.get("identityBedrockResults"));
        StringBuilder table = new StringBuilder("| benchmark | input MB | ms per file | MB/s | share of identity |\n"
                + "|---|---|---|---|---|\n");
        StringBuilder json = new StringBuilder("{\"date\":\"" + LocalDate.now() + "\",\"machine\":\""
                + machine() + "\",\"results\":[");
        boolean first = true;
        for (Map.Entry<String, Double> entry : millis.entrySet()) {
            boolean results = entry.getKey().toLowerCase(Locale.ROOT).contains("results")
                    || entry.getKey().startsWith("bedrockOut");
            double mb = results ? resultMb : requestMb;
            double rate = mb / seconds(entry.getValue());
            double share = rate / (results ? resultBaseline : requestBaseline);
            table.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %.0f%% |%n", entry.getKey(), mb,
                    entry.getValue(), rate, share * 100));
            json.append(first ? "" : ",").append(String.format(Locale.ROOT,
                    "{\"benchmark\":\"%s\",\"inputMb\":%.2f,\"msPerFile\":%.2f,\"mbPerSecond\":%.1f,"
                            + "\"shareOfIdentity\":%.3f}", entry.getKey(), mb, entry.getValue(), rate, share));
            first = false;
        }
        json.append("]}\n");
        Path out = Path.of("bench", "results", "jsonl-" + LocalDate.now() + ".json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, json);
        System.out.println();
        System.out.println(machine());
        System.out.print(table);
        System.out.println("written to " + out);
    }

    private static double seconds(double millis) {
        return millis / 1000.0;
    }

    private static String machine() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown host";
        }
        return String.format(Locale.ROOT, "%s, %d cores, Java %s (%s), %s %s", host,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                System.getProperty("java.vm.name"), System.getProperty("os.name"), System.getProperty("os.arch"));
    }
}
