package dev.caravan.store;

import java.io.InputStream;

/** An object's bytes, as an open stream from the store (the caller closes it), with what is known about it. */
public record StoredContent(StoredObject object, InputStream body) {
}
