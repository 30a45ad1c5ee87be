package dev.caravan.model;

import java.util.List;

public record BatchPage(List<Batch> data, boolean hasMore) {
}
