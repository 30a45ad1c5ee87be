package dev.caravan.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The machine a comparison ran on and the versions of every program in it, for the results file. */
final class MachineDetails {

    private MachineDetails() {
    }

    /** The 1, 5 and 15 minute load averages, e.g. "0.52 0.61 0.70". */
    static String loadAverage() throws IOException {
        String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
        return fields[0] + " " + fields[1] + " " + fields[2];
    }

    static ComparisonResults.Machine collect(String portkeyListens, String loadAtStart)
            throws IOException, InterruptedException {
        List<String> cpuinfo = Files.readAllLines(Path.of("/proc/cpuinfo"));
        String model = cpuinfo.stream().filter(line -> line.startsWith("model name")).findFirst()
                .map(line -> line.substring(line.indexOf(':') + 1).trim()).orElse("unknown");
        int cores = (int) cpuinfo.stream().filter(line -> line.startsWith("processor")).count();
        long memoryMb = Files.readAllLines(Path.of("/proc/meminfo")).stream()
                .filter(line -> line.startsWith("MemTotal:"))
                .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024).findFirst().orElse(-1L);
        String kernel = Files.readString(Path.of("/proc/sys/kernel/osrelease")).trim();
        String java = firstLine(output(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-version")) + " / " + System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version");
        String portkeyVersion = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                PortkeyProcess.HOME.resolve("node_modules/@portkey-ai/gateway/package.json").toFile())
                .get("version").asText();
        String commit = output("git", "rev-parse", "HEAD").trim();
        boolean dirty = !output("git", "status", "--porcelain", "--untracked-files=no").isBlank();
        return new ComparisonResults.Machine(model, cores, memoryMb, kernel, java, output("node", "--version").trim(),
                firstWords(output("wrk", "--version")), firstWords(output("curl", "--version")), portkeyVersion, commit,
                dirty, portkeyListens, loadAtStart, loadAverage());
    }

    /** A program's combined output (wrk --version exits 1, java -version prints to stderr). */
    static String output(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(30, TimeUnit.SECONDS);
        return out;
    }

    /** "curl 7.88.1" of curl's long first line, "wrk debian/4.1.0-3+b2" of wrk's. */
    private static String firstWords(String text) {
        String[] words = firstLine(text).split("\\s+");
        return words.length < 2 ? firstLine(text) : words[0] + " " + words[1];
    }

    private static String firstLine(String text) {
        return text.lines().findFirst().orElse("").trim();
    }
}
