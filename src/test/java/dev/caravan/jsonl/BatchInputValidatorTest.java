package dev.caravan.jsonl;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.caravan.model.GatewayError;
import dev.caravan.model.command.StorageConfig;
import dev.caravan.model.command.UploadFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchInputValidatorTest {

    private static final String OPENAI = "{\"custom_id\":\"%s\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\","
            + "\"body\":{\"model\":\"m\",\"messages\":[]}}";

    @TempDir
    Path dir;

    private final BatchInputValidator validator = new BatchInputValidator(10_000, 3);

    @Test
    void every_provider_line_format_is_accepted() {
        assertDoesNotThrow(() -> validate(OPENAI.formatted("a") + "\n\n" + OPENAI.formatted("b")));
        assertDoesNotThrow(() -> validate("{\"recordId\":\"r1\",\"modelInput\":{}}"));
        assertDoesNotThrow(() -> validate("{\"key\":\"k1\",\"request\":{}}"));
        assertDoesNotThrow(() -> validate("{\"request\":{},\"metadata\":{\"key\":\"k1\"}}"));
        assertDoesNotThrow(() -> validate("{\"custom_id\":\"c1\",\"params\":{}}"));
    }

    @Test
    void errors_name_the_line() {
        assertEquals("line 2: not valid JSON", message(OPENAI.formatted("a") + "\n{nope").split(" \\(")[0]);
        assertEquals("line 1: expected a JSON object", message("[1,2]"));
        assertEquals(
                "line 3: expected the file's line format, OpenAI batch line {custom_id, method, url, body} (set by line 1)",
                message(OPENAI.formatted("a") + "\n\n{\"recordId\":\"r\",\"modelInput\":{}}"));
        assertEquals("line 2: custom_id \"a\" is not unique (first on line 1)",
                message(OPENAI.formatted("a") + "\n" + OPENAI.formatted("a")));
        assertEquals("line 1: recordId must be a non-empty string", message("{\"recordId\":7,\"modelInput\":{}}"));
        assertEquals("line 4: the file has more than 3 requests, the limit", message(String.join("\n",
                OPENAI.formatted("a"), OPENAI.formatted("b"), OPENAI.formatted("c"), OPENAI.formatted("d"))));
    }

    @Test
    void empty_too_large_and_non_utf8_files_are_refused() throws IOException {
        assertEquals("The batch input file has no requests.", message("\n \n"));
        GatewayError tooLarge = assertThrows(GatewayError.class, () -> validate("x".repeat(10_001)));
        assertEquals(413, tooLarge.status());
        Path latin1 = Files.write(dir.resolve("latin1.jsonl"), new byte[] {'{', '"', (byte) 0xE9, '"', '}'});
        GatewayError notUtf8 = assertThrows(GatewayError.class, () -> validator.validate(upload(latin1)));
        assertEquals("line 1: not valid UTF-8", notUtf8.getMessage());
    }

    /** The check reads request bodies through without building them, and still finds what is wrong inside them. */
    @Test
    void what_is_wrong_inside_a_request_body_is_found_and_named() throws IOException {
        assertEquals("line 2: not valid JSON", message(OPENAI.formatted("a") + "\n"
                + "{\"custom_id\":\"b\",\"body\":{\"messages\":[{\"content\":\"x\"],\"model\":\"m\"}}")
                .split(" \\(")[0]);
        assertEquals("line 1: not valid JSON", message("{\"custom_id\":\"a\",\"body\":{\"model\":\"m\"")
                .split(" \\(")[0]);
        Path badByte = Files.write(dir.resolve("bad-byte.jsonl"), concat(
                "{\"custom_id\":\"a\",\"body\":{\"messages\":[{\"content\":\"caf", new byte[] {(byte) 0xC3, 'x'},
                "\"}]}}"));
        GatewayError notUtf8 = assertThrows(GatewayError.class, () -> validator.validate(upload(badByte)));
        assertEquals("line 1: not valid UTF-8", notUtf8.getMessage());
        // nested values the checks do read: Gemini's metadata.key
        assertEquals("line 2: metadata.key \"k\" is not unique (first on line 1)",
                message("{\"request\":{\"contents\":[]},\"metadata\":{\"key\":\"k\"}}\n"
                        + "{\"request\":{},\"metadata\":{\"key\":\"k\",\"note\":[1,2]}}"));
        assertEquals("line 1: recordId must be a non-empty string",
                message("{\"recordId\":{\"nested\":\"r\"},\"modelInput\":{}}"));
    }

    private static byte[] concat(String head, byte[] middle, String tail) {
        byte[] start = head.getBytes(StandardCharsets.UTF_8);
        byte[] end = tail.getBytes(StandardCharsets.UTF_8);
        byte[] all = Arrays.copyOf(start, start.length + middle.length + end.length);
        System.arraycopy(middle, 0, all, start.length, middle.length);
        System.arraycopy(end, 0, all, start.length + middle.length, end.length);
        return all;
    }

    private String message(String content) {
        return assertThrows(GatewayError.class, () -> validate(content)).getMessage();
    }

    private void validate(String content) throws IOException {
        validator.validate(upload(Files.writeString(Files.createTempFile(dir, "in", ".jsonl"), content)));
    }

    private static UploadFile upload(Path file) throws IOException {
        return new UploadFile(null, file.getFileName().toString(), "batch", file, Files.size(file), Map.of(),
                StorageConfig.NONE);
    }
}
