package dev.caravan.sandbox.anthropic;

import java.util.List;

/** One page of the batch list, in list order (newest first), and whether more lie beyond it in paging direction. */
record ListPage(List<BatchView> data, boolean hasMore) {
}
