package dev.caravan.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.caravan.model.GatewayError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Caravan's own store with no endpoint configured: the embedded S3 store it starts itself, on first use. */
class CaravanStoreTest {

    @TempDir
    Path dir;

    private CaravanStore store;

    @BeforeEach
    void start() throws Exception {
        store = new CaravanStore(new StoreSettings("caravan-files", null, "us-east-1", "", "", false,
                dir.resolve("store")));
        store.start();
    }

    @AfterEach
    void stop() {
        store.stop();
    }

    @Test
    void nothing_runs_and_nothing_is_written_before_the_first_call() {
        assertFalse(Files.exists(dir.resolve("store")), "the embedded store starts on first use");
    }

    @Test
    void a_file_goes_in_and_comes_back_byte_for_byte_with_its_metadata() throws IOException {
        byte[] bytes = "{\"custom_id\":\"a\",\"params\":{}}\r\n{\"x\":\"héllo ✓\"}".getBytes(StandardCharsets.UTF_8);
        Path file = Files.write(dir.resolve("upload.jsonl"), bytes);

        StoredObject put = store.put("anthropic/k1", file, bytes.length, "application/jsonl",
                Map.of("caravan-line-format", "ANTHROPIC"));

        assertEquals(bytes.length, put.size());
        StoredObject head = store.head("anthropic/k1").orElseThrow();
        assertEquals(bytes.length, head.size());
        assertEquals("ANTHROPIC", head.metadata().get("caravan-line-format"));
        assertEquals("application/jsonl", head.contentType());
        StoredContent content = store.open("anthropic/k1").orElseThrow();
        try (InputStream body = content.body()) {
            assertArrayEquals(bytes, body.readAllBytes());
        }
        assertTrue(Files.exists(dir.resolve("store")), "data under caravan.store.dir");
    }

    @Test
    void missing_objects_are_empty_not_errors() {
        assertTrue(store.head("anthropic/none").isEmpty());
        assertTrue(store.open("anthropic/none").isEmpty());
    }

    @Test
    void a_listing_pages_in_key_order_after_a_key() throws IOException {
        Path file = Files.write(dir.resolve("one.jsonl"), new byte[] {'{', '}'});
        for (String key : List.of("anthropic/c", "anthropic/a", "anthropic/b", "other/z")) {
            store.put(key, file, 2, "application/jsonl", Map.of());
        }

        StoredPage first = store.list("anthropic/", null, 2);
        StoredPage rest = store.list("anthropic/", "anthropic/b", 2);

        assertEquals(List.of("anthropic/a", "anthropic/b"), first.objects().stream().map(StoredObject::key).toList());
        assertTrue(first.more());
        assertEquals(List.of("anthropic/c"), rest.objects().stream().map(StoredObject::key).toList());
        assertFalse(rest.more());
        assertEquals(2, rest.objects().get(0).size());
    }

    @Test
    void a_deleted_object_is_gone() throws IOException {
        Path file = Files.write(dir.resolve("gone.jsonl"), new byte[] {'{', '}'});
        store.put("anthropic/gone", file, 2, "application/jsonl", Map.of());

        store.delete("anthropic/gone");

        assertTrue(store.head("anthropic/gone").isEmpty());
    }

    @Test
    void a_stopped_store_takes_no_calls() {
        store.stop();
        assertThrows(IllegalStateException.class, () -> store.head("anthropic/x"));
    }

    @Test
    void an_unreachable_configured_store_is_a_502_that_names_no_address() throws Exception {
        CaravanStore remote = new CaravanStore(new StoreSettings("bucket", java.net.URI.create("http://127.0.0.1:9"),
                "us-east-1", "AKIAEXAMPLE", "secret", true, dir.resolve("unused")));
        remote.start();
        try {
            GatewayError error = assertThrows(GatewayError.class, () -> remote.head("anthropic/x"));
            assertEquals(502, error.status());
            assertFalse(error.getMessage().contains("127.0.0.1"), error.getMessage());
        } finally {
            remote.stop();
        }
    }
}
