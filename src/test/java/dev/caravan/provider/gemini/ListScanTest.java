package dev.caravan.provider.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.model.GatewayError;
import dev.caravan.wire.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** OpenAI's after/limit over Gemini's pageToken pages, against a list of 7 files served 3 to a page. */
class ListScanTest {

    private static final List<String> NAMES = List.of("files/a", "files/b", "files/c", "files/d", "files/e",
            "files/f", "files/g");

    @Test
    void the_first_page_takes_limit_items_and_says_more_follow() {
        ListScan<String> scan = scan(null, 2);
        List<String> tokens = run(scan);

        assertEquals(List.of("files/a", "files/b"), scan.items());
        assertTrue(scan.hasMore());
        assertEquals(1, tokens.size(), "one Gemini page was enough");
        assertNull(tokens.get(0));
    }

    @Test
    void after_walks_past_the_named_item_across_gemini_pages() {
        ListScan<String> scan = scan("files/c", 3);
        List<String> tokens = run(scan);

        assertEquals(List.of("files/d", "files/e", "files/f"), scan.items(), "after is exclusive");
        assertTrue(scan.hasMore());
        assertEquals(List.of("", "3"), tokens.stream().map(t -> t == null ? "" : t).toList());
    }

    @Test
    void the_last_page_has_no_more() {
        ListScan<String> scan = scan("files/e", 10);
        run(scan);

        assertEquals(List.of("files/f", "files/g"), scan.items());
        assertFalse(scan.hasMore());
    }

    @Test
    void a_page_ending_exactly_at_the_end_of_the_list_has_no_more() {
        ListScan<String> scan = scan("files/e", 2);
        run(scan);

        assertEquals(List.of("files/f", "files/g"), scan.items());
        assertFalse(scan.hasMore());
    }

    @Test
    void items_the_list_does_not_show_are_skipped_and_do_not_count() {
        ListScan<String> scan = new ListScan<>(null, 3, "files", item -> !item.path("name").asText().equals("files/b"),
                item -> item.path("name").asText());
        run(scan);

        assertEquals(List.of("files/a", "files/c", "files/d"), scan.items());
    }

    @Test
    void an_after_that_is_not_in_the_list_is_a_400() {
        ListScan<String> scan = scan("files/zzz", 2);
        GatewayError error = assertThrows(GatewayError.class, () -> run(scan));

        assertEquals(400, error.status());
        assertEquals("after", error.param());
    }

    private static ListScan<String> scan(String after, int limit) {
        return new ListScan<>(after, limit, "files", item -> true, item -> item.path("name").asText());
    }

    /** Serves the scan Gemini pages of 3 until it wants no more; returns the page tokens it asked for. */
    private static List<String> run(ListScan<String> scan) {
        List<String> tokens = new ArrayList<>();
        while (scan.wantsMore()) {
            tokens.add(scan.pageToken());
            int from = scan.pageToken() == null ? 0 : Integer.parseInt(scan.pageToken());
            scan.add(page(from, Math.min(from + 3, NAMES.size())));
        }
        return tokens;
    }

    private static JsonNode page(int from, int to) {
        ObjectNode page = Json.MAPPER.createObjectNode();
        ArrayNode files = page.putArray("files");
        for (int i = from; i < to; i++) {
            files.addObject().put("name", NAMES.get(i));
        }
        if (to < NAMES.size()) {
            page.put("nextPageToken", Integer.toString(to));
        }
        return page;
    }
}
