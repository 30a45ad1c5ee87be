package dev.caravan.surface.openai.upload;

import dev.caravan.jsonl.BatchInputValidator;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The line checks of a batch file (BatchInputValidator) run on a worker while the file streams upstream, reading the
 * growing spool behind the writer. Its verdict is only a go / no-go for finishing the upstream upload: on a no-go
 * the upload is completed through the spool, where the same validator gives the caller the line-numbered answer.
 */
final class StreamedBatchCheck {

    private final Future<?> run;

    private StreamedBatchCheck(Future<?> run) {
        this.run = run;
    }

    static StreamedBatchCheck start(BatchInputValidator validator, GrowingSpool spool, ExecutorService workers)
            throws IOException {
        InputStream lines = spool.reader();
        return new StreamedBatchCheck(workers.submit(() -> {
            try (lines) {
                validator.validateLines(lines);
            }
            return null;
        }));
    }

    /** True once the check has failed (the file is bad, or could not be read); false while it runs or passed. */
    boolean failed() {
        if (!run.isDone()) {
            return false;
        }
        return !passed();
    }

    /** Waits for the whole file to be checked. */
    boolean passed() {
        try {
            run.get();
            return true;
        } catch (ExecutionException | CancellationException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    void cancel() {
        run.cancel(true);
    }
}
