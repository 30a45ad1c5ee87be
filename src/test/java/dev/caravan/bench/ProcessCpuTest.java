package dev.caravan.bench;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** CPU time read from /proc: busy work in this JVM shows up in it, idle time does not. */
class ProcessCpuTest {

    private static final long SELF = ProcessHandle.current().pid();

    @Test
    void counts_the_cpu_a_process_spends_and_not_the_time_it_waits() throws Exception {
        ProcessCpu.Span busy = ProcessCpu.start(SELF, SELF);
        long until = System.nanoTime() + 300_000_000L;
        long sink = 0;
        while (System.nanoTime() < until) {
            sink += Long.numberOfTrailingZeros(sink + System.nanoTime());
        }
        ProcessCpu.Cost spent = busy.end();
        assertTrue(sink > 0);
        // 0.3 s of one busy thread; a loaded machine may give it less, never none
        assertTrue(spent.gatewaySeconds() >= 0.1 && spent.gatewaySeconds() < 3, spent.toString());
        assertTrue(spent.emulatorSeconds() >= 0.1, spent.toString());

        ProcessCpu.Span idle = ProcessCpu.start(SELF, SELF);
        Thread.sleep(300);
        assertTrue(idle.end().emulatorSeconds() < 0.15, "a sleeping JVM spent that much CPU");
    }

    @Test
    void direct_has_no_gateway_and_per_request_figures_are_microseconds() {
        ProcessCpu.Cost cost = new ProcessCpu.Cost(null, 0.5);
        assertNull(cost.gatewayMicrosPer(1_000));
        assertTrue(Math.abs(cost.emulatorMicrosPer(1_000) - 500) < 1e-9);
        assertNull(new ProcessCpu.Cost(1.0, 1.0).gatewayMicrosPer(0));
    }
}
