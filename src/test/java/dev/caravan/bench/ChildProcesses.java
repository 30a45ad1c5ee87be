package dev.caravan.bench;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every process the comparison starts, so that one JVM shutdown hook ends them all, whether the run finished, failed
 * or was interrupted (Ctrl-C): nothing of a benchmark is left listening afterwards.
 */
final class ChildProcesses {

    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ChildProcesses::endAll, "bench-child-cleanup"));
    }

    private ChildProcesses() {
    }

    static Process register(Process process) {
        RUNNING.add(process);
        process.onExit().thenRun(() -> RUNNING.remove(process));
        return process;
    }

    static void endAll() {
        for (Process process : RUNNING) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
