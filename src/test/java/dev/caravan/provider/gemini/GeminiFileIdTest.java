package dev.caravan.provider.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.caravan.jsonl.ResultSelection;
import dev.caravan.model.CaravanIds;
import dev.caravan.model.GatewayError;
import dev.caravan.model.Provider;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GeminiFileIdTest {

    @Test
    void an_uploaded_file_is_file_gemini_and_the_base64url_of_its_name() {
        GeminiFileId.Uploaded file = new GeminiFileId.Uploaded("files/abc-123");

        String expected = "file-gemini-" + Base64.getUrlEncoder().withoutPadding()
                .encodeToString("files/abc-123".getBytes(StandardCharsets.UTF_8));
        assertEquals(expected, file.id());
        assertFalse(file.id().contains("/") || file.id().contains("="), file.id());
        assertEquals(Provider.GEMINI, CaravanIds.providerOf(file.id()).orElseThrow());
        assertEquals(file, GeminiFileId.parse(file.id()));
        assertEquals(file, GeminiFileId.parse("files/abc-123"), "Gemini's own name is taken as it is");
    }

    @Test
    void results_files_name_the_batch_and_their_half() {
        GeminiBatchId batch = new GeminiBatchId("batches/b1");
        GeminiFileId.Results output = new GeminiFileId.Results(batch, ResultSelection.SUCCEEDED);
        GeminiFileId.Results errors = new GeminiFileId.Results(batch, ResultSelection.FAILED);

        assertEquals(CaravanIds.wrap(CaravanIds.Kind.FILE, Provider.GEMINI, "batches/b1/output"), output.id());
        assertEquals(CaravanIds.wrap(CaravanIds.Kind.FILE, Provider.GEMINI, "batches/b1/errors"), errors.id());
        assertEquals(output, GeminiFileId.parse(output.id()));
        assertEquals(errors, GeminiFileId.parse(errors.id()));
        assertEquals("b1_output.jsonl", output.filename());
        assertEquals("b1_errors.jsonl", errors.filename());
        assertInstanceOf(GeminiFileId.Results.class, GeminiFileId.parse(output.id()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"files/", "files/a/b", "batches/b1", "batches/b1/other", "../files/x", "files/a b",
            "files/" + "x" + "0123456789012345678901234567890123456789012345678901234567890123456789012345678901234"
                    + "5678901234567890123456789012345678901234567890"})
    void a_wrapped_name_that_is_no_file_of_gemini_is_a_404(String name) {
        String id = CaravanIds.wrap(CaravanIds.Kind.FILE, Provider.GEMINI, name);
        GatewayError error = assertThrows(GatewayError.class, () -> GeminiFileId.parse(id));
        assertEquals(404, error.status());
        assertTrue(error.getMessage().contains(id), error.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"file-abc123", "file-anthropic-ZmlsZXMvYWJj", "batch-gemini-ZmlsZXMvYWJj",
            "file-gemini-!!!", "", "file-gemini-"})
    void another_providers_or_a_broken_id_is_a_404(String id) {
        assertEquals(404, assertThrows(GatewayError.class, () -> GeminiFileId.parse(id)).status());
    }

    @Test
    void a_batch_is_batch_gemini_and_the_base64url_of_its_name() {
        GeminiBatchId batch = new GeminiBatchId("batches/123abc");

        assertEquals("batch-gemini-" + Base64.getUrlEncoder().withoutPadding()
                .encodeToString("batches/123abc".getBytes(StandardCharsets.UTF_8)), batch.id());
        assertEquals(batch, GeminiBatchId.parse(batch.id(), "batch_id"));
        assertEquals(batch, GeminiBatchId.parse("batches/123abc", "batch_id"));
        assertEquals("123abc", batch.shortId());
    }

    @ParameterizedTest
    @ValueSource(strings = {"batch_abc", "file-gemini-YmF0Y2hlcy8xMjM", "batch-anthropic-YmF0Y2hlcy8xMjM",
            "batch-gemini-eHl6", "batches/a/b", "batches/"})
    void an_id_that_names_no_gemini_batch_is_a_404_naming_the_param(String id) {
        GatewayError error = assertThrows(GatewayError.class, () -> GeminiBatchId.parse(id, "batch_id"));
        assertEquals(404, error.status());
        assertEquals("batch_id", error.param());
    }
}
