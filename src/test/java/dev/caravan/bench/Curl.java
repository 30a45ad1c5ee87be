package dev.caravan.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One HTTP call made with curl, as a user would upload a file: the body streamed from disk, the answer written to a
 * file. curl's own timing ({@code %{time_total}}) and byte count ({@code %{size_upload}}) are what the MB/s figures
 * come from, so the driver's JVM is not part of the transfer.
 */
final class Curl {

    /** What came back: HTTP status (0 when there was no answer), curl's total time, bytes sent, the body. */
    record Answer(int status, double seconds, long uploadedBytes, String body, String error) {

        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private Curl() {
    }

    /** curl with {@code args} (method, headers, -F/-T, URL); the answer body is at most a few kB and kept. */
    static Answer call(Path workDir, List<String> args) throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        Path body = Files.createTempFile(workDir, "answer-", ".txt");
        try {
            List<String> command = new ArrayList<>(List.of("curl", "-sS", "-o", body.toString(), "-w",
                    "%{http_code} %{time_total} %{size_upload}", "--max-time", "600"));
            command.addAll(args);
            Process curl = ChildProcesses.register(new ProcessBuilder(command).start());
            String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            String err = new String(curl.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            curl.waitFor(660, TimeUnit.SECONDS);
            String[] parts = out.split(" ");
            if (parts.length < 3) {
                return new Answer(0, 0, 0, "", "curl printed '" + out + "': " + err);
            }
            String answer = Files.size(body) > 65_536 ? "(answer of " + Files.size(body) + " bytes)"
                    : Files.readString(body, StandardCharsets.UTF_8);
            return new Answer(Integer.parseInt(parts[0]), Double.parseDouble(parts[1]), Long.parseLong(parts[2]),
                    answer, err.isEmpty() ? null : err);
        } finally {
            Files.deleteIfExists(body);
        }
    }
}
