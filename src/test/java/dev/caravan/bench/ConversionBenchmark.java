package dev.caravan.bench;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.caravan.jsonl.BatchInputValidator;
import dev.caravan.jsonl.ConversionSettings;
import dev.caravan.jsonl.JsonlLines;
import dev.caravan.jsonl.LineFormat;
import dev.caravan.jsonl.RequestConversion;
import dev.caravan.jsonl.RequestFormats;
import dev.caravan.jsonl.ResultConversion;
import dev.caravan.jsonl.ResultFormat;
import dev.caravan.jsonl.ResultSelection;
import dev.caravan.wire.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Converter throughput against the cost of merely parsing and re-writing the same JSON (the identity baseline).
 * Each operation processes one whole generated file; {@link ConversionBenchmarks} turns the timings into MB/s and
 * ratios. Not part of {@code mvn verify}: run {@code bench/jsonl-bench.sh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class ConversionBenchmark {

    static final String CLAUDE = "anthropic.claude-3-haiku-20240307-v1:0";

    private final RequestConversion conversion = RequestFormats.conversion();
    private final BatchInputValidator validator = new BatchInputValidator(Long.MAX_VALUE, Integer.MAX_VALUE);
    private byte[] openAiRequests;
    private byte[] bedrockResults;

    @Setup
    public void generate() {
        openAiRequests = BenchmarkData.openAiRequests(CLAUDE);
        bedrockResults = BenchmarkData.bedrockClaudeResults();
    }

    @Benchmark
    public long identityOpenAiRequests() throws IOException {
        return identity(openAiRequests);
    }

    @Benchmark
    public long openAiToBedrockClaude() throws IOException {
        return drain(conversion.convert(stream(openAiRequests), LineFormat.BEDROCK, settings()));
    }

    @Benchmark
    public long openAiToGemini() throws IOException {
        return drain(conversion.convert(stream(openAiRequests), LineFormat.GEMINI, settings()));
    }

    /** The line checks of a batch upload (BatchInputValidator), which read bodies through without building them. */
    @Benchmark
    public int batchUploadCheck() throws IOException {
        validator.validateLines(stream(openAiRequests));
        return openAiRequests.length;
    }

    @Benchmark
    public long identityBedrockResults() throws IOException {
        return identity(bedrockResults);
    }

    @Benchmark
    public long bedrockOutToOpenAiOutput() throws IOException {
        ConversionSettings settings = ConversionSettings.forModel(CLAUDE);
        return drain(ResultConversion.convert(stream(bedrockResults), ResultFormat.BEDROCK.reader(settings),
                ResultFormat.OPENAI.writer(settings), ResultSelection.ALL));
    }

    /** Jackson parse of every line into a tree and write of the tree back: the floor any converter pays. */
    static long identity(byte[] file) throws IOException {
        CountingSink sink = new CountingSink();
        try (JsonlLines lines = new JsonlLines(stream(file));
             JsonGenerator out = Json.MAPPER.getFactory().createGenerator(sink)) {
            out.setRootValueSeparator(null);
            JsonlLines.Line line;
            while ((line = lines.next()) != null) {
                Json.MAPPER.writeTree(out, line.json());
                out.writeRaw('\n');
            }
        }
        return sink.count;
    }

    private static ConversionSettings settings() {
        return new ConversionSettings(null, null, false, 1_000_000);
    }

    private static InputStream stream(byte[] file) {
        return new ByteArrayInputStream(file);
    }

    private static long drain(InputStream converted) throws IOException {
        return converted.transferTo(new CountingSink());
    }

    /** Counts what it is given, so the JIT cannot skip the work, and keeps nothing. */
    static final class CountingSink extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            count += length;
        }
    }
}
