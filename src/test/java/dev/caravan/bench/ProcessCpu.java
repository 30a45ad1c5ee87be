package dev.caravan.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time a process has used so far, from /proc (Linux): utime + stime (fields 14 and 15 of /proc/&lt;pid&gt;/stat,
 * every thread of the process included) in clock ticks, divided by {@code getconf CLK_TCK}. Read before and after one
 * measurement, the difference is what that process spent on it: on a 2-core machine shared by client, gateway and
 * emulator, a gateway's CPU decides its speed as much as its code path does.
 */
final class ProcessCpu {

    private static volatile Long ticksPerSecond;

    private ProcessCpu() {
    }

    /**
     * utime + stime in clock ticks (10 ms each) since the process started: differences are taken in ticks, so they
     * carry no floating-point residue.
     */
    private static long ticks(long pid) {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/" + pid + "/stat (needs Linux)", e);
        }
        // field 2 (comm) is in parentheses and may hold spaces: count the fields after its closing one, which is
        // field 3 (state); utime is field 14, stime field 15
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        return Long.parseLong(fields[14 - 3]) + Long.parseLong(fields[15 - 3]);
    }

    /** Before one measurement: the gateway's (null for direct) and the emulator's CPU seconds so far. */
    static Span start(Long gatewayPid, long emulatorPid) {
        return new Span(gatewayPid, emulatorPid, gatewayPid == null ? 0 : ticks(gatewayPid), ticks(emulatorPid));
    }

    /** CPU seconds spent during one measurement; {@code gatewaySeconds} is null when no gateway was in the path. */
    record Cost(Double gatewaySeconds, double emulatorSeconds) {

        /** Microseconds per request of each process, for {@code requests} answered during the measurement. */
        Double gatewayMicrosPer(long requests) {
            return gatewaySeconds == null || requests == 0 ? null : gatewaySeconds * 1e6 / requests;
        }

        Double emulatorMicrosPer(long requests) {
            return requests == 0 ? null : emulatorSeconds * 1e6 / requests;
        }
    }

    /** The readings taken before a measurement; {@link #end()} takes them again and returns the difference. */
    record Span(Long gatewayPid, long emulatorPid, long gatewayTicksBefore, long emulatorTicksBefore) {

        Cost end() {
            double perSecond = ticksPerSecond();
            Double gateway = gatewayPid == null ? null : (ticks(gatewayPid) - gatewayTicksBefore) / perSecond;
            return new Cost(gateway, (ticks(emulatorPid) - emulatorTicksBefore) / perSecond);
        }
    }

    private static long ticksPerSecond() {
        if (ticksPerSecond == null) {
            try {
                Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
                String out = new String(getconf.getInputStream().readAllBytes()).trim();
                getconf.waitFor();
                ticksPerSecond = Long.parseLong(out);
            } catch (IOException | NumberFormatException e) {
                throw new IllegalStateException("getconf CLK_TCK failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while asking getconf CLK_TCK", e);
            }
        }
        return ticksPerSecond;
    }
}
