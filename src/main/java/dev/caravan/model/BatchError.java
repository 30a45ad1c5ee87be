package dev.caravan.model;

/** A batch-level (validation) error; {@code line} is 1-based and may be null. */
public record BatchError(String code, String message, String param, Integer line) {
}
