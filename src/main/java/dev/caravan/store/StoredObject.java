package dev.caravan.store;

import java.time.Instant;
import java.util.Map;

/**
 * An object in Caravan's store. {@code contentType} and {@code metadata} are known from a HEAD or a GET; a listing
 * carries neither (null and empty).
 */
public record StoredObject(String key, long size, Instant lastModified, String contentType,
                           Map<String, String> metadata) {
}
