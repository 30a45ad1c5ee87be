package dev.caravan.sandbox.openai;

/**
 * When each request of an in-progress batch finishes: request i of n at {@code start + phase*(i+1)/n} (integer
 * milliseconds), so counts grow steadily through one phase and the last request lands exactly at its end.
 */
record Schedule(long startMillis, long phaseMillis, int total) {

    long endMillis() {
        return startMillis + phaseMillis;
    }

    long doneAt(int index) {
        return startMillis + phaseMillis * (index + 1) / total;
    }

    /** How many requests are done at {@code nowMillis}: exactly the i with {@code doneAt(i) <= nowMillis}. */
    int doneBy(long nowMillis) {
        if (total == 0 || nowMillis < startMillis) {
            return 0;
        }
        if (phaseMillis <= 0) {
            return total;
        }
        // floor(phase*(i+1)/n) <= d  <=>  phase*(i+1) <= (d+1)*n - 1
        long elapsed = nowMillis - startMillis;
        long done = ((elapsed + 1) * total - 1) / phaseMillis;
        return (int) Math.min(total, done);
    }
}
