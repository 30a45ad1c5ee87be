package dev.caravan.sandbox.openai;

import java.util.Comparator;

/**
 * Position of a listed object: creation second, then creation sequence, so that objects created in the same second
 * still have a total, stable order and cursors never skip or repeat one.
 */
record SortKey(long createdAt, long sequence) implements Comparable<SortKey> {

    private static final Comparator<SortKey> ORDER =
            Comparator.comparingLong(SortKey::createdAt).thenComparingLong(SortKey::sequence);

    @Override
    public int compareTo(SortKey other) {
        return ORDER.compare(this, other);
    }
}
