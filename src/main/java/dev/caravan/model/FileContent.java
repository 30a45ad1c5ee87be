package dev.caravan.model;

import java.io.InputStream;

/** A file's bytes on their way to the caller: an open stream, never a buffered copy. */
public record FileContent(InputStream body, String contentType) {
}
