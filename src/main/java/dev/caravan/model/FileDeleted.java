package dev.caravan.model;

public record FileDeleted(String id, boolean deleted) {
}
