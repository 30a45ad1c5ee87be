package dev.caravan.model;

import java.util.List;

public record FilePage(List<FileObject> data, boolean hasMore) {
}
