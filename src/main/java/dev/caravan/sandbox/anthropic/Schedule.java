package dev.caravan.sandbox.anthropic;

/**
 * When each request of a batch finishes: request i of n at {@code start + duration*(i+1)/n} (integer milliseconds),
 * so the requests finish one after another through the processing time and the last lands exactly at its end.
 */
record Schedule(long startMillis, long durationMillis, int total) {

    long endMillis() {
        return startMillis + durationMillis;
    }

    long doneAt(int index) {
        return startMillis + durationMillis * (index + 1) / total;
    }

    /** How many requests are done at {@code nowMillis}: exactly the i with {@code doneAt(i) <= nowMillis}. */
    int doneBy(long nowMillis) {
        if (total == 0 || nowMillis < startMillis) {
            return 0;
        }
        if (durationMillis <= 0) {
            return total;
        }
        // floor(d*(i+1)/n) <= e  <=>  d*(i+1) <= (e+1)*n - 1
        long elapsed = nowMillis - startMillis;
        long done = ((elapsed + 1) * total - 1) / durationMillis;
        return (int) Math.min(total, done);
    }
}
