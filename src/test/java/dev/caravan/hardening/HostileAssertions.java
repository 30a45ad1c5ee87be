package dev.caravan.hardening;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.caravan.hardening.RawHttp.Response;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;

/** The checks every hostile-input test makes, and the small helpers they share. */
final class HostileAssertions {

    private HostileAssertions() {
    }

    static RawHttp rawHttp(CamelContext context) {
        return new RawHttp(context.hasService(VertxPlatformHttpServer.class).getPort());
    }

    /** A 4xx in the error format of the surface {@code target} belongs to. */
    static void assertClean4xx(String target, String method, Response response) {
        String problem = SurfaceAnswers.clean4xxProblem(SurfaceAnswers.surfaceOf(target), response,
                method.equals("HEAD"));
        assertNull(problem, method + " " + RawHttp.printable(target, 200) + " -> " + problem + "\n  got: "
                + response.summary());
    }

    /** Any status below 500; an error must be in the surface's format. */
    static void assertCleanAnswer(String target, String method, Response response) {
        assertTrue(response.status() >= 200 && response.status() < 500,
                method + " " + RawHttp.printable(target, 200) + " -> " + response.summary());
        if (response.status() >= 400) {
            assertClean4xx(target, method, response);
        }
    }

    /** Any answer below 500, or a connection closed without one: never a 5xx (a hang fails on the timeout). */
    static void assertNo5xx(String what, Response response) {
        assertTrue(response.status() < 500, what + " -> " + response.summary());
    }

    static void assertWellFormedXml(Response response) {
        try {
            DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(response.body()));
        } catch (Exception e) {
            fail("not well-formed XML (" + e.getMessage() + "): " + response.summary());
        }
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** The old generation's peak use since start(): where a whole-body buffer of tens of MB would end up. */
    record OldGenPeak(List<MemoryPoolMXBean> pools, long before) {

        static OldGenPeak start() {
            System.gc();
            List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(pool -> pool.getType() == MemoryType.HEAP)
                    .filter(pool -> pool.getName().contains("Old") || pool.getName().contains("Tenured"))
                    .toList();
            pools.forEach(MemoryPoolMXBean::resetPeakUsage);
            long before = pools.stream().mapToLong(pool -> pool.getUsage().getUsed()).sum();
            return new OldGenPeak(pools, before);
        }

        long growthMb() {
            long peak = pools.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
            return (peak - before) / (1024 * 1024);
        }
    }
}
