package dev.caravan.jsonl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.caravan.jsonl.canonical.BatchResult;
import dev.caravan.jsonl.canonical.ResultError;
import dev.caravan.jsonl.openai.OpenAiRequestLines;
import dev.caravan.jsonl.openai.OpenAiResultLines;
import dev.caravan.model.GatewayError;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The streaming machinery every format shares: line numbering, the file-level checks, pass-through of a file that is
 * already in the target format, selection of results, and reading the converted stream in pieces of any size.
 */
class JsonlConversionEngineTest {

    private static final String LINE = "{\"custom_id\":\"%s\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\","
            + "\"body\":{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi %s\"}]}}";

    /** The engine with the OpenAI line format on both sides; the other readers and writers are tested per format. */
    private final RequestConversion conversion = new RequestConversion(
            (format, settings) -> OpenAiRequestLines.reader(settings),
            (format, settings) -> format == LineFormat.OPENAI ? OpenAiRequestLines.writer(settings)
                    : (request, out) -> {
                        out.writeStartObject();
                        out.writeStringField("id", request.id());
                        out.writeStringField("text", request.messages().get(0).joinedText());
                        out.writeEndObject();
                    });

    @Test
    void aFileAlreadyInTheTargetFormatPassesThroughByteForByteAfterItsChecks() throws IOException {
        String file = LINE.formatted("a", "a") + "\r\n\n" + LINE.formatted("b", "b") + "\n";
        byte[] out = convert(file, LineFormat.OPENAI).readAllBytes();
        assertArrayEquals((LINE.formatted("a", "a") + "\n" + LINE.formatted("b", "b") + "\n")
                .getBytes(StandardCharsets.UTF_8), out);
    }

    @Test
    void everyLineIsConvertedInOrderAndReadableOneByteAtATime() throws IOException {
        StringBuilder file = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            file.append(LINE.formatted("id-" + i, i)).append('\n');
        }
        InputStream converted = convert(file.toString(), LineFormat.ANTHROPIC);
        StringBuilder text = new StringBuilder();
        int b;
        while ((b = converted.read()) >= 0) {
            text.append((char) b);
        }
        String[] lines = text.toString().split("\n");
        assertEquals(5000, lines.length);
        assertEquals("{\"id\":\"id-4321\",\"text\":\"hi 4321\"}", lines[4321]);
    }

    @Test
    void theIteratorViewGivesTheSameLinesAndTheSourceIsClosedAtTheEnd() {
        java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
        InputStream source = new java.io.FilterInputStream(stream(LINE.formatted("x", "1") + "\n"
                + LINE.formatted("y", "2"))) {
            @Override
            public void close() {
                closed.set(true);
            }
        };
        ConvertedLines lines = conversion.convert(source, LineFormat.ANTHROPIC, ConversionSettings.forModel(null));
        assertEquals("{\"id\":\"x\",\"text\":\"hi 1\"}", lines.next());
        assertTrue(lines.hasNext());
        assertEquals("{\"id\":\"y\",\"text\":\"hi 2\"}", lines.next());
        assertTrue(!lines.hasNext() && closed.get(), "source closed once the last line was produced");
    }

    @Test
    void fileLevelProblemsNameTheLine() {
        assertEquals("line 3: " + LineFormat.OPENAI.idField() + " \"a\" is not unique (first on line 1)",
                failure(LINE.formatted("a", 1) + "\n\n" + LINE.formatted("a", 2)));
        assertEquals("line 2: expected the file's line format, " + LineFormat.OPENAI.description()
                + " (set by line 1)", failure(LINE.formatted("a", 1) + "\n{\"recordId\":\"b\",\"modelInput\":{}}"));
        assertTrue(failure(LINE.formatted("a", 1) + "\n{\"custom_id\":\"b\"").startsWith("line 2: not valid JSON ("));
        assertEquals("line 1: expected a JSON object", failure("[1,2]"));
        assertEquals("The batch input file has no requests.", failure("\n  \n"));
        assertEquals("line 2: not valid UTF-8", failureWithSecondLine(new byte[] {'{', '"', (byte) 0xE9, '"', '}'}));
    }

    @Test
    void aLineAboveTheLimitIsRefusedWithoutReadingItWhole() {
        JsonlLines lines = new JsonlLines(new ByteArrayInputStream(("{\"a\":\"" + "x".repeat(2000) + "\"}")
                .getBytes(StandardCharsets.UTF_8)), 1024);
        assertEquals("line 1: the line is longer than 1024 bytes",
                assertThrows(GatewayError.class, lines::next).getMessage());
    }

    @Test
    void resultsAreSplitIntoOutputAndErrorsAsOpenAiDoes() throws IOException {
        String results = String.join("\n",
                "{\"id\":\"batch_req_1\",\"custom_id\":\"ok\",\"response\":{\"status_code\":200,\"request_id\":\"r1\","
                        + "\"body\":{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\","
                        + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"4\"},"
                        + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1,"
                        + "\"total_tokens\":4}}},\"error\":null}",
                "{\"id\":\"batch_req_2\",\"custom_id\":\"bad\",\"response\":{\"status_code\":400,\"request_id\":\"r2\","
                        + "\"body\":{\"error\":{\"message\":\"nope\",\"type\":\"invalid_request_error\",\"param\":null,"
                        + "\"code\":null}}},\"error\":null}",
                "{\"id\":\"batch_req_3\",\"custom_id\":\"late\",\"response\":null,\"error\":{\"code\":\"batch_expired\","
                        + "\"message\":\"expired\"}}");
        String output = new String(ResultConversion.convert(stream(results), OpenAiResultLines.reader(),
                OpenAiResultLines.writer(), ResultSelection.SUCCEEDED).readAllBytes(), StandardCharsets.UTF_8);
        String errors = new String(ResultConversion.convert(stream(results), OpenAiResultLines.reader(),
                OpenAiResultLines.writer(), ResultSelection.FAILED).readAllBytes(), StandardCharsets.UTF_8);

        assertEquals(1, output.split("\n").length);
        assertTrue(output.contains("\"custom_id\":\"ok\""), output);
        assertTrue(output.contains("\"finish_reason\":\"stop\""), output);
        assertTrue(output.contains("\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1,\"total_tokens\":4}"));
        String[] failed = errors.split("\n");
        assertEquals(2, failed.length);
        assertTrue(failed[0].contains("\"status_code\":400") && failed[0].contains("\"message\":\"nope\""));
        assertTrue(failed[1].contains("\"response\":null") && failed[1].contains("\"code\":\"batch_expired\""));
    }

    @Test
    void resultLinesRoundTripThroughTheCanonicalForm() throws IOException {
        String line = "{\"id\":\"batch_req_x\",\"custom_id\":\"late\",\"response\":null,\"error\":{\"code\":"
                + "\"batch_cancelled\",\"message\":\"cancelled\"}}";
        BatchResult result = OpenAiResultLines.reader().read(dev.caravan.wire.Json.MAPPER.readTree(line), 1);
        assertEquals(BatchResult.failure("late", null, new ResultError(0, ResultError.CANCELLED, null, "cancelled")),
                result);
    }

    private InputStream convert(String file, LineFormat target) {
        return conversion.convert(stream(file), target, ConversionSettings.forModel(null));
    }

    private String failure(String file) {
        return assertThrows(GatewayError.class, () -> convert(file, LineFormat.ANTHROPIC).readAllBytes())
                .getMessage();
    }

    private String failureWithSecondLine(byte[] secondLine) {
        byte[] first = (LINE.formatted("a", 1) + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[first.length + secondLine.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(secondLine, 0, all, first.length, secondLine.length);
        return assertThrows(GatewayError.class, () -> conversion.convert(new ByteArrayInputStream(all),
                LineFormat.ANTHROPIC, ConversionSettings.forModel(null)).readAllBytes()).getMessage();
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
