package dev.caravan.sandbox.bedrock;

/**
 * When each record of an InProgress job is processed: record i of n at {@code start + phase*(i+1)/n} (integer
 * milliseconds), so processedRecordCount grows record by record through one phase and the last record lands
 * exactly at its end (the same model as the OpenAI emulator's).
 */
record Schedule(long startMillis, long phaseMillis, int total) {

    long endMillis() {
        return startMillis + phaseMillis;
    }

    /** How many records are processed at {@code nowMillis}: exactly the i with {@code start+phase*(i+1)/n <= now}. */
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
