package dev.caravan.sandbox.gemini;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The batches: creates them, drives their lifecycles on the clock, answers get, list, cancel and delete, and runs
 * the slow work (spooled create bodies, processing) on worker threads. One lock for everything in memory; file work
 * runs outside it.
 *
 * <p>Create (provider-apis.md §5.1): the body is spooled to disk as it arrives (over the inline limit, 20 MB: 400
 * INVALID_ARGUMENT "Request payload size exceeds the limit", the API's wording), then parsed on a worker. An input
 * file must exist (404 NOT_FOUND otherwise) and be ACTIVE (every stored file is). Creation is not idempotent.
 * Delete removes the batch from the list without cancelling it (§5.3); its results file stays.
 */
final class Batches {

    private static final Logger LOG = LoggerFactory.getLogger(Batches.class);

    private final Map<String, BatchRun> runs = new HashMap<>();
    private final Path dir;
    private final Clock clock;
    private final long phaseMillis;
    private final long maxInlineBytes;
    private final WorkerExecutor worker;
    private final FileStore files;
    private final BodySink sink;
    private long sequence;

    Batches(Path dir, GeminiEmulatorSettings settings, WorkerExecutor worker, FileStore files, BodySink sink)
            throws IOException {
        this.dir = Files.createDirectories(dir);
        this.clock = settings.clock();
        this.phaseMillis = settings.phaseDuration().toMillis();
        this.maxInlineBytes = settings.maxInlineBytes();
        this.worker = worker;
        this.files = files;
        this.sink = sink;
    }

    void create(HttpServerRequest request, String modelId) {
        String model = ModelCatalog.checkId(modelId);
        ApiError tooLarge = ApiError.invalid("Request payload size exceeds the limit: " + maxInlineBytes + " bytes.");
        String length = request.getHeader("Content-Length");
        if (length != null && !length.isEmpty() && length.chars().allMatch(Character::isDigit)
                && (length.length() > 18 || Long.parseLong(length) > maxInlineBytes)) {
            throw tooLarge;
        }
        Path body;
        try {
            body = Files.createTempFile(dir, "create-", ".json");
        } catch (IOException e) {
            throw ApiError.internal("The request could not be stored.");
        }
        sink.append(request, body, maxInlineBytes, Uploads.sha256(), tooLarge).onComplete(spooled -> {
            if (spooled.failed()) {
                deleteQuietly(body);
                if (spooled.cause() instanceof ApiError refused) {
                    Replies.error(request.response(), refused);
                }
                return;
            }
            worker.<ObjectNode>executeBlocking(() -> createFrom(body, model), false).onComplete(created -> {
                if (created.succeeded()) {
                    Replies.json(request.response(), created.result());
                } else if (created.cause() instanceof ApiError refused) {
                    Replies.error(request.response(), refused);
                } else {
                    LOG.error("Gemini emulator: a batch could not be created", created.cause());
                    Replies.error(request.response(), ApiError.internal("The batch could not be created."));
                }
            });
        });
    }

    /** On a worker: parses the spooled body, takes the input, and makes the batch. */
    private ObjectNode createFrom(Path body, String model) throws IOException {
        Path requests = Files.createTempFile(dir, "requests-", ".jsonl");
        try {
            CreateBody parsed = CreateBody.parse(body, requests);
            ObjectNode inputConfig = Json.object();
            long total;
            if (parsed.fileName() != null) {
                StoredFile input = files.get(parsed.fileName());
                Files.delete(requests);
                requests = linkOrCopy(input.path(), requests);
                total = BatchProcessor.countRequests(requests);
                inputConfig.put("fileName", input.name());
            } else {
                total = parsed.inline();
                inputConfig.putObject("requests");
            }
            return register(model, parsed, inputConfig, requests, total);
        } catch (RuntimeException | IOException e) {
            deleteQuietly(requests);
            throw e;
        } finally {
            deleteQuietly(body);
        }
    }

    private synchronized ObjectNode register(String model, CreateBody parsed, ObjectNode inputConfig, Path requests,
            long total) {
        String id;
        do {
            id = Ids.batch();
        } while (runs.containsKey(id));
        BatchSpec spec = new BatchSpec(id, model, parsed.displayName(), inputConfig, parsed.priority(),
                clock.millis(), requests, parsed.fileName() == null, total, ++sequence);
        BatchRun run = new BatchRun(spec, phaseMillis);
        runs.put(id, run);
        LOG.info("Gemini batch {} created on models/{} with {} requests", spec.name(), model, total);
        step(run, clock.millis());
        return OperationJson.operation(run);
    }

    synchronized ObjectNode get(String id) {
        BatchRun run = find(id);
        step(run, clock.millis());
        return OperationJson.operation(run);
    }

    /** Newest first, {@code pageSize} at a time; the answer's key is {@code operations} (provider-apis.md §5.3). */
    synchronized ObjectNode list(int pageSize, String pageToken) {
        long before = PageToken.sequence("batches", pageToken);
        long now = clock.millis();
        List<BatchRun> newestFirst = runs.values().stream()
                .filter(run -> run.spec().sequence() < before)
                .sorted((a, b) -> Long.compare(b.spec().sequence(), a.spec().sequence()))
                .toList();
        ObjectNode body = Json.object();
        ArrayNode operations = body.putArray("operations");
        List<BatchRun> page = newestFirst.subList(0, Math.min(pageSize, newestFirst.size()));
        for (BatchRun run : page) {
            step(run, now);
            operations.add(OperationJson.operation(run));
        }
        if (newestFirst.size() > pageSize) {
            body.put("nextPageToken", PageToken.after("batches", page.get(page.size() - 1).spec().sequence()));
        }
        return body;
    }

    /** {@code {}}; the batch ends CANCELLED at once (provider-apis.md §5.3). */
    synchronized ObjectNode cancel(String id) {
        BatchRun run = find(id);
        long now = clock.millis();
        step(run, now);
        run.cancel(now);
        LOG.info("Gemini batch {} cancelled", run.spec().name());
        return Json.object();
    }

    synchronized ObjectNode delete(String id) {
        BatchRun run = find(id);
        runs.remove(id);
        if (run.state().terminal()) {
            removeWork(run);
        } // else its processing is still to come back: it cleans up then
        LOG.info("Gemini batch {} deleted", run.spec().name());
        return Json.object();
    }

    /** Periodic: keeps unobserved batches on schedule (and so their processing started and results published). */
    synchronized void tick() {
        long now = clock.millis();
        for (BatchRun run : runs.values()) {
            step(run, now);
        }
    }

    private BatchRun find(String id) {
        BatchRun run = runs.get(id);
        if (run == null) {
            throw ApiError.notFound("Batch batches/" + id + " not found.");
        }
        return run;
    }

    private void step(BatchRun run, long now) {
        BatchState before = run.state();
        if (run.advance(now)) {
            process(run);
        }
        if (before != run.state() && run.state().terminal()) {
            ended(run);
        }
    }

    /** A batch just ended: a file batch's results become the generated file {@code files/batch-{id}}. */
    private void ended(BatchRun run) {
        BatchSpec spec = run.spec();
        LOG.info("Gemini batch {} ended {}", spec.name(), run.state().wire());
        if (run.state() == BatchState.SUCCEEDED && !spec.inline()) {
            BatchRun.Written written = run.written();
            try {
                StoredFile results = files.add(spec.resultsFileId(), null, "application/jsonl", written.output(),
                        written.size(), written.sha256(), FileSource.GENERATED);
                run.published(results.name());
            } catch (IOException e) {
                LOG.error("Gemini batch {}: the results file could not be published", spec.name(), e);
                run.published("files/" + spec.resultsFileId());
            }
        }
        if (run.state() != BatchState.SUCCEEDED || !spec.inline()) {
            removeWork(run);
        } else {
            deleteQuietly(spec.requests());
        }
    }

    private void process(BatchRun run) {
        BatchSpec spec = run.spec();
        Path output = dir.resolve(spec.id() + (spec.inline() ? ".inlined.jsonl" : ".results.jsonl"));
        worker.<BatchRun.Written>executeBlocking(() -> {
            Tally tally = BatchProcessor.run(spec.id(), spec.model(), spec.requests(), output, spec.inline());
            return new BatchRun.Written(tally, output, Files.size(output), sha256(output));
        }, false).onComplete(result -> {
            synchronized (this) {
                long now = clock.millis();
                if (result.succeeded()) {
                    run.written(result.result(), now);
                } else {
                    LOG.error("Gemini batch {}: its requests could not be processed", spec.name(), result.cause());
                    run.writeFailed(String.valueOf(result.cause().getMessage()), now);
                }
                if (run.state().terminal() || !runs.containsKey(spec.id())) {
                    // cancelled, expired or deleted meanwhile: nobody will read these results
                    removeWork(run);
                    deleteQuietly(output);
                } else {
                    step(run, now);
                }
            }
        });
    }

    private void removeWork(BatchRun run) {
        deleteQuietly(run.spec().requests());
        if (run.spec().inline() && run.written() != null && !runs.containsKey(run.spec().id())) {
            deleteQuietly(run.written().output());
        }
    }

    /** The batch's own hold on the input file's bytes: a hard link (no copy), a copy where links are refused. */
    private static Path linkOrCopy(Path source, Path target) throws IOException {
        try {
            return Files.createLink(target, source);
        } catch (IOException | UnsupportedOperationException e) {
            return Files.copy(source, target);
        }
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest digest = Uploads.sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            for (int read = in.read(buffer); read > 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
            }
        }
        return Uploads.base64(digest);
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.debug("Gemini emulator: {} not removed: {}", path, e.toString());
        }
    }
}
