package dev.caravan.model;

public record RequestCounts(long total, long completed, long failed) {
}
