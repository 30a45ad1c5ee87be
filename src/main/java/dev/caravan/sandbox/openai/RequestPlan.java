package dev.caravan.sandbox.openai;

import java.util.Arrays;

/**
 * What a validated batch will do, request by request, without keeping the requests: running prefix sums of
 * successes and tokens. Progress at "k requests done" then costs O(1), and memory stays small even at 50 000 lines.
 *
 * @param model the first line's {@code body.model}
 */
record RequestPlan(int total, String model, int[] succeededBefore, long[] inputTokensBefore,
        long[] outputTokensBefore) {

    int succeeded(int done) {
        return succeededBefore[done];
    }

    long inputTokens(int done) {
        return inputTokensBefore[done];
    }

    long outputTokens(int done) {
        return outputTokensBefore[done];
    }

    static final class Builder {

        private int total;
        private int[] succeeded = new int[64];
        private long[] input = new long[64];
        private long[] output = new long[64];

        void add(RequestEngine.Execution execution) {
            if (total + 1 >= succeeded.length) {
                succeeded = Arrays.copyOf(succeeded, succeeded.length * 2);
                input = Arrays.copyOf(input, input.length * 2);
                output = Arrays.copyOf(output, output.length * 2);
            }
            boolean ok = execution.succeeded();
            succeeded[total + 1] = succeeded[total] + (ok ? 1 : 0);
            input[total + 1] = input[total] + (ok ? execution.inputTokens() : 0);
            output[total + 1] = output[total] + (ok ? execution.outputTokens() : 0);
            total++;
        }

        int total() {
            return total;
        }

        RequestPlan build(String model) {
            return new RequestPlan(total, model, Arrays.copyOf(succeeded, total + 1), Arrays.copyOf(input, total + 1),
                    Arrays.copyOf(output, total + 1));
        }
    }
}
