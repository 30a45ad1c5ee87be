package dev.caravan.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.model.GatewayError;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One OpenAI-style list page ({@code after} + {@code limit}) read off Gemini's list ({@code pageSize} +
 * {@code pageToken}), one Gemini page at a time.
 *
 * <p>How {@code after} maps to Gemini's page tokens: it does not. OpenAI's cursor is the last id of the previous
 * page (the SDKs' auto-pagination sends exactly that), Gemini's is an opaque token that only the page before it
 * knows, and Caravan keeps no state between requests (DESIGN §3: any instance serves any call). So a page after an
 * id is found by walking Gemini's list from its start, 100 at a time (Gemini's largest page), past that id, then
 * taking {@code limit} items. Gemini's list is kept in Gemini's own order. Costly only for very long lists; Gemini
 * deletes files after 48 hours, which keeps its file list short. An {@code after} that is not in the list is the
 * caller's mistake: a 400 naming it.
 *
 * @param <T> the canonical item
 */
final class ListScan<T> {

    /** Gemini's largest page. */
    static final int GEMINI_PAGE = 100;
    /** A list that has not ended after this many pages is not one Caravan can page through. */
    private static final int MAX_PAGES = 2_000;

    private final String after;
    private final int limit;
    private final String itemsField;
    private final Predicate<JsonNode> shown;
    private final Function<JsonNode, T> mapper;
    private final List<T> items = new ArrayList<>();
    private boolean found;
    private boolean hasMore;
    private boolean done;
    private String pageToken;
    private int pages;

    /**
     * @param after      the Gemini name to start after, or null for the first page
     * @param itemsField the array a Gemini page holds its items in ({@code files}, {@code operations})
     * @param shown      which Gemini items the OpenAI-style list shows
     */
    ListScan(String after, int limit, String itemsField, Predicate<JsonNode> shown, Function<JsonNode, T> mapper) {
        this.after = after;
        this.limit = limit;
        this.itemsField = itemsField;
        this.shown = shown;
        this.mapper = mapper;
        this.found = after == null;
    }

    boolean wantsMore() {
        return !done;
    }

    /** The token of the next Gemini page to read; null for the first. */
    String pageToken() {
        return pageToken;
    }

    /** Takes one Gemini page. */
    void add(JsonNode page) {
        pages++;
        JsonNode list = page.path(itemsField);
        String next = page.path("nextPageToken").asText("");
        int i = 0;
        for (; i < list.size() && items.size() < limit; i++) {
            JsonNode item = list.get(i);
            if (!found) {
                found = after.equals(item.path("name").asText());
            } else if (shown.test(item)) {
                items.add(mapper.apply(item));
            }
        }
        if (items.size() == limit) {
            // the next page may turn out empty: OpenAI's has_more allows that, and it costs the caller one call
            hasMore = remainingShown(list, i) || !next.isEmpty();
            done = true;
        } else if (next.isEmpty()) {
            done = true;
            if (!found) {
                throw GatewayError.invalid("after", "'after' must be the id of an item of this list; '" + after
                        + "' is not (or no longer) in Gemini's list.");
            }
        } else if (pages >= MAX_PAGES) {
            throw GeminiUpstreamErrors.unexpected("a list of more than " + MAX_PAGES + " pages");
        } else {
            pageToken = next;
        }
    }

    private boolean remainingShown(JsonNode list, int from) {
        for (int i = from; i < list.size(); i++) {
            if (shown.test(list.get(i))) {
                return true;
            }
        }
        return false;
    }

    List<T> items() {
        return items;
    }

    boolean hasMore() {
        return hasMore;
    }
}
