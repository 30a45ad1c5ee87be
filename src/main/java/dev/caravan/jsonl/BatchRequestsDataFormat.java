package dev.caravan.jsonl;

import dev.caravan.jsonl.canonical.BatchRequest;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Iterator;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.spi.DataFormat;
import org.apache.camel.spi.DataFormatName;
import org.apache.camel.support.service.ServiceSupport;

/**
 * Batch request files as a Camel DataFormat, for routes: {@code unmarshal} turns a file in any supported line format
 * into the target format, as a stream converted while it is read (constant memory, one pass, line-numbered
 * errors); {@code marshal} writes canonical requests (one, or an Iterable/Iterator of them) as target lines. The
 * batch model can be given per exchange in the {@value #MODEL_PROPERTY} exchange property.
 */
public class BatchRequestsDataFormat extends ServiceSupport implements DataFormat, DataFormatName {

    public static final String MODEL_PROPERTY = "caravanBatchModel";

    private final LineFormat target;
    private final ConversionSettings settings;
    private final RequestConversion conversion = RequestFormats.conversion();

    public BatchRequestsDataFormat(LineFormat target, ConversionSettings settings) {
        this.target = target;
        this.settings = settings;
    }

    @Override
    public String getDataFormatName() {
        return "caravan-batch-requests";
    }

    @Override
    public Object unmarshal(Exchange exchange, InputStream stream) {
        return conversion.convert(stream, target, settings(exchange));
    }

    @Override
    public void marshal(Exchange exchange, Object graph, OutputStream stream) throws Exception {
        RequestLineWriter writer = RequestFormats.writer(target, settings(exchange));
        try (LineOutput out = new LineOutput(stream)) {
            for (Iterator<?> requests = iterate(graph); requests.hasNext(); ) {
                writer.write((BatchRequest) requests.next(), out.json());
                out.endLine();
            }
        }
    }

    private ConversionSettings settings(Exchange exchange) {
        return forExchange(settings, exchange);
    }

    /** The configured settings, with the exchange's batch model when it names one. */
    static ConversionSettings forExchange(ConversionSettings settings, Exchange exchange) {
        String model = exchange.getProperty(MODEL_PROPERTY, String.class);
        return model == null ? settings : settings.withModel(model);
    }

    static Iterator<?> iterate(Object graph) {
        if (graph instanceof Iterable<?> iterable) {
            return iterable.iterator();
        }
        if (graph instanceof Iterator<?> iterator) {
            return iterator;
        }
        return List.of(graph).iterator();
    }
}
