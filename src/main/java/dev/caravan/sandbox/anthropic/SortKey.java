package dev.caravan.sandbox.anthropic;

import java.util.Comparator;

/** A batch's position in time: creation millisecond, then creation sequence, so that every two batches differ. */
record SortKey(long createdAt, long sequence) implements Comparable<SortKey> {

    private static final Comparator<SortKey> ORDER =
            Comparator.comparingLong(SortKey::createdAt).thenComparingLong(SortKey::sequence);

    @Override
    public int compareTo(SortKey other) {
        return ORDER.compare(this, other);
    }
}
