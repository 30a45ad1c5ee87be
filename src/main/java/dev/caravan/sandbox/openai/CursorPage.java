package dev.caravan.sandbox.openai;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/** One page of an {@code after}/{@code limit} list (provider-apis.md §1.3). */
record CursorPage<T>(List<T> data, boolean hasMore) {

    static <T> CursorPage<T> empty() {
        return new CursorPage<>(List.of(), false);
    }

    /**
     * @param cursor the position of the {@code after} object, or null for the first page; the cursor itself is
     *               excluded, so {@code after=<last id>} yields an empty page as the SDKs expect
     */
    static <T> CursorPage<T> slice(Collection<T> items, Function<T, SortKey> key, boolean newestFirst,
            SortKey cursor, int limit) {
        Comparator<SortKey> order = newestFirst ? Comparator.<SortKey>reverseOrder() : Comparator.naturalOrder();
        List<T> sorted = items.stream()
                .filter(item -> cursor == null || order.compare(key.apply(item), cursor) > 0)
                .sorted(Comparator.comparing(key, order))
                .toList();
        boolean hasMore = sorted.size() > limit;
        return new CursorPage<>(hasMore ? new ArrayList<>(sorted.subList(0, limit)) : sorted, hasMore);
    }
}
