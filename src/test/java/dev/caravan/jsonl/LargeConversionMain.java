package dev.caravan.jsonl;

import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;

/**
 * The converting side of {@link LargeConversionIT}, run in its own small-heap JVM: stdin (OpenAI lines) through the
 * request DataFormat's {@code unmarshal} to stdout (Bedrock lines). Reports the peak heap use on stderr.
 */
public final class LargeConversionMain {

    private LargeConversionMain() {
    }

    public static void main(String[] args) throws Exception {
        BatchRequestsDataFormat format = new BatchRequestsDataFormat(LineFormat.BEDROCK,
                new ConversionSettings(null, null, false, 200_000));
        try (CamelContext context = new DefaultCamelContext()) {
            Exchange exchange = new DefaultExchange(context);
            try (InputStream converted = (InputStream) format.unmarshal(exchange, System.in);
                 OutputStream out = new BufferedOutputStream(System.out, 1 << 16)) {
                converted.transferTo(out);
            }
        }
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.err.printf("peak heap used (sum of the heap pools' peaks): %.1f MB of %.1f MB max%n",
                peak / 1_048_576.0, Runtime.getRuntime().maxMemory() / 1_048_576.0);
    }
}
