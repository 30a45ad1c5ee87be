package dev.caravan.jsonl;

import dev.caravan.jsonl.canonical.BatchResult;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Iterator;
import org.apache.camel.Exchange;
import org.apache.camel.spi.DataFormat;
import org.apache.camel.spi.DataFormatName;
import org.apache.camel.support.service.ServiceSupport;

/**
 * Batch result files as a Camel DataFormat: {@code unmarshal} turns a provider's results file into the caller's
 * result format, keeping the selected results (OpenAI's output file: those that succeeded; its error file: the
 * rest), as a stream converted while it is read; {@code marshal} writes canonical results as lines. The model is
 * taken from the {@value BatchRequestsDataFormat#MODEL_PROPERTY} exchange property when set.
 */
public class BatchResultsDataFormat extends ServiceSupport implements DataFormat, DataFormatName {

    private final ResultFormat source;
    private final ResultFormat target;
    private final ResultSelection selection;
    private final ConversionSettings settings;

    public BatchResultsDataFormat(ResultFormat source, ResultFormat target, ResultSelection selection,
                                  ConversionSettings settings) {
        this.source = source;
        this.target = target;
        this.selection = selection;
        this.settings = settings;
        target.writer(settings);
    }

    @Override
    public String getDataFormatName() {
        return "caravan-batch-results";
    }

    @Override
    public Object unmarshal(Exchange exchange, InputStream stream) {
        ConversionSettings current = settings(exchange);
        return ResultConversion.convert(stream, source.reader(current), target.writer(current), selection);
    }

    @Override
    public void marshal(Exchange exchange, Object graph, OutputStream stream) throws Exception {
        ResultLineWriter writer = target.writer(settings(exchange));
        try (LineOutput out = new LineOutput(stream)) {
            for (Iterator<?> results = BatchRequestsDataFormat.iterate(graph); results.hasNext(); ) {
                BatchResult result = (BatchResult) results.next();
                if (selection.keeps(result)) {
                    writer.write(result, out.json());
                    out.endLine();
                }
            }
        }
    }

    private ConversionSettings settings(Exchange exchange) {
        return BatchRequestsDataFormat.forExchange(settings, exchange);
    }
}
