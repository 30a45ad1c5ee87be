package dev.caravan.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A process's resident memory from /proc (Linux): current (VmRSS) and peak (VmHWM), in MB. The peak can be reset
 * (writing 5 to clear_refs), so the peak of one measurement is not an earlier one's.
 */
final class ProcessMemory {

    private ProcessMemory() {
    }

    static void resetPeak(long pid) {
        try {
            Files.writeString(Path.of("/proc", String.valueOf(pid), "clear_refs"), "5");
        } catch (IOException e) {
            throw new IllegalStateException("cannot reset the peak RSS of " + pid + " (needs Linux and the same user)",
                    e);
        }
    }

    static double peakMb(long pid) {
        return field(pid, "VmHWM");
    }

    static double currentMb(long pid) {
        return field(pid, "VmRSS");
    }

    private static double field(long pid, String name) {
        try {
            return Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status")).stream()
                    .filter(line -> line.startsWith(name + ":"))
                    .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0)
                    .findFirst().orElseThrow(() -> new IllegalStateException("no " + name + " for " + pid));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/" + pid + "/status", e);
        }
    }
}
