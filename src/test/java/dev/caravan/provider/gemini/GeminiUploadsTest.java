package dev.caravan.provider.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.caravan.jsonl.ConvertedLines;
import dev.caravan.jsonl.LineFormat;
import dev.caravan.model.GatewayError;
import dev.caravan.model.command.StorageConfig;
import dev.caravan.model.command.UploadFile;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The first pass of an upload: everything checked, and the Gemini bytes counted, before Gemini is called. */
class GeminiUploadsTest {

    private static final String BEDROCK = "{\"recordId\":\"r%d\",\"modelInput\":{\"messages\":[{\"role\":\"user\","
            + "\"content\":[{\"text\":\"Hello %d\"}]}],\"inferenceConfig\":{\"maxTokens\":50}}}";

    @TempDir
    Path dir;

    @Test
    void the_plan_counts_exactly_the_bytes_the_second_pass_sends() throws Exception {
        GeminiUploads uploads = uploads(1_000_000);
        UploadFile upload = upload("in.jsonl", BEDROCK.formatted(1, 1) + "\n" + BEDROCK.formatted(2, 2) + "\n");
        Exchange exchange = exchange();

        UploadPlan plan = uploads.plan(upload, exchange);

        byte[] sent;
        try (ConvertedLines lines = uploads.lines(upload, new LineModels())) {
            sent = lines.readAllBytes();
        }
        assertEquals(sent.length, plan.geminiBytes());
        assertTrue(new String(sent, StandardCharsets.UTF_8).startsWith("{\"key\":\"r1\",\"request\":"));
        assertEquals(LineFormat.BEDROCK, plan.sourceFormat());
        assertNull(plan.model(), "Bedrock lines name no model");
        assertEquals("in.jsonl", plan.displayName());
        assertEquals(plan, exchange.getProperty(GeminiUploads.PLAN));
    }

    @Test
    void a_file_larger_than_geminis_limit_once_converted_is_a_413() throws Exception {
        GatewayError error = assertThrows(GatewayError.class, () -> uploads(50).plan(
                upload("in.jsonl", BEDROCK.formatted(1, 1)), exchange()));

        assertEquals(413, error.status());
        assertEquals("file_too_large", error.code());
    }

    @Test
    void only_batch_files_without_extra_fields_or_storage_config() throws Exception {
        GeminiUploads uploads = uploads(1_000_000);
        Path content = Files.writeString(dir.resolve("f.jsonl"), BEDROCK.formatted(1, 1));

        assertEquals("purpose", assertThrows(GatewayError.class, () -> uploads.plan(new UploadFile("gemini",
                "f.jsonl", "user_data", content, Files.size(content), Map.of(), StorageConfig.NONE), exchange()))
                .param());
        assertEquals("expires_after[anchor]", assertThrows(GatewayError.class, () -> uploads.plan(new UploadFile(
                "gemini", "f.jsonl", "batch", content, Files.size(content), Map.of("expires_after[anchor]",
                "created_at"), StorageConfig.NONE), exchange())).param());
        assertEquals("storage_config", assertThrows(GatewayError.class, () -> uploads.plan(new UploadFile("gemini",
                "f.jsonl", "batch", content, Files.size(content), Map.of(), new StorageConfig("b", null, null)),
                exchange())).param());
    }

    private UploadFile upload(String filename, String content) throws Exception {
        Path file = Files.writeString(dir.resolve(filename), content);
        return new UploadFile("gemini", filename, "batch", file, Files.size(file), Map.of(), StorageConfig.NONE);
    }

    private static GeminiUploads uploads(long maxBytes) {
        return new GeminiUploads(new GeminiSettings(URI.create("http://127.0.0.1:1"), "key", 1000, maxBytes, true));
    }

    private static Exchange exchange() {
        return new DefaultExchange(new DefaultCamelContext());
    }
}
