package dev.caravan.provider.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.caravan.jsonl.ResultSelection;
import dev.caravan.model.CaravanIds;
import dev.caravan.model.GatewayError;
import dev.caravan.model.Provider;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The anthropic provider's file ids: a batch's results, or a stored input file (and its key). */
class AnthropicFileIdTest {

    private final Random random = new Random(7);

    @Test
    void results_ids_route_themselves_and_name_batch_and_half() {
        AnthropicFileId.Results output = new AnthropicFileId.Results("msgbatch_01abc", ResultSelection.SUCCEEDED);
        AnthropicFileId.Results errors = new AnthropicFileId.Results("msgbatch_01abc", ResultSelection.FAILED);

        assertTrue(output.id().startsWith("file-anthropic-"), output.id());
        assertEquals(Provider.ANTHROPIC, CaravanIds.providerOf(output.id()).orElseThrow());
        assertEquals("msgbatch_01abc/output", CaravanIds.nativeId(output.id()));
        assertEquals("msgbatch_01abc/errors", CaravanIds.nativeId(errors.id()));
        assertEquals(output, AnthropicFileId.parse(output.id()));
        assertEquals(errors, AnthropicFileId.parse(errors.id()));
        assertEquals("msgbatch_01abc_output.jsonl", output.filename());
    }

    @Test
    void stored_ids_carry_their_key_and_what_the_file_object_says() {
        Instant at = Instant.parse("2026-03-04T05:06:07.891Z");
        StoredFileKey key = StoredFileKey.next("my batch/ÿ ünïcode.jsonl", at, random);

        AnthropicFileId parsed = AnthropicFileId.parse(new AnthropicFileId.Stored(key).id());

        StoredFileKey back = assertInstanceOf(AnthropicFileId.Stored.class, parsed).key();
        assertEquals(key, back);
        assertEquals("my batch/ÿ ünïcode.jsonl", back.filename());
        assertEquals(at.getEpochSecond(), back.createdAt());
        assertTrue(key.key().startsWith(StoredFileKey.PREFIX), key.key());
        assertFalse(new AnthropicFileId.Stored(key).id().matches(".*[/+=].*"), "URL-safe");
    }

    @Test
    void later_uploads_sort_first_so_the_store_lists_newest_first() {
        List<String> keys = new ArrayList<>();
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < 50; i++) {
            keys.add(StoredFileKey.next("f" + i, start.plusMillis(i * 997L), random).key());
        }
        List<String> sorted = new ArrayList<>(keys);
        sorted.sort(null);
        List<String> newestFirst = new ArrayList<>(keys);
        java.util.Collections.reverse(newestFirst);
        assertEquals(newestFirst, sorted);
    }

    @Test
    void two_uploads_in_one_millisecond_get_two_keys() {
        Instant at = Instant.now();
        assertFalse(StoredFileKey.next("same", at, random).key().equals(StoredFileKey.next("same", at, random).key()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "anthropic/", "anthropic/123-abc/eA", "other/9999999999999-0123456789abcdef/eA",
            "anthropic/9999999999999-0123456789abcdef/../eA", "msgbatch_1/results", "msgbatch_1/output/x",
            "../msgbatch_1/output", "anthropic/9999999999999-0123456789ABCDEF/eA"})
    void forged_or_foreign_native_ids_are_no_file(String nativeId) {
        String id = CaravanIds.wrap(CaravanIds.Kind.FILE, Provider.ANTHROPIC, nativeId);
        GatewayError error = assertThrows(GatewayError.class, () -> AnthropicFileId.parse(id));
        assertEquals(404, error.status());
    }

    @Test
    void another_providers_file_is_no_anthropic_file() {
        assertEquals(404, assertThrows(GatewayError.class, () -> AnthropicFileId.parse("file-abc123")).status());
        String gemini = CaravanIds.wrap(CaravanIds.Kind.FILE, Provider.GEMINI, "files/abc");
        assertEquals(404, assertThrows(GatewayError.class, () -> AnthropicFileId.parse(gemini)).status());
        assertEquals(404, assertThrows(GatewayError.class, () -> AnthropicFileId.parse("file-anthropic-!!!"))
                .status());
    }

    @Test
    void a_filename_longer_than_a_key_can_hold_is_refused() {
        assertThrows(IllegalArgumentException.class,
                () -> StoredFileKey.next("x".repeat(StoredFileKey.MAX_FILENAME_BYTES + 1), Instant.now(), random));
        assertThrows(IllegalArgumentException.class, () -> StoredFileKey.next("", Instant.now(), random));
    }
}
