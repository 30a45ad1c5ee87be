package dev.caravan.store;

import java.util.List;

/** Objects of one listing, in key order; {@code more} says whether keys follow the last one. */
public record StoredPage(List<StoredObject> objects, boolean more) {
}
