package dev.caravan.sandbox.openai;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.file.Path;

/** The route table: which handler answers which method and path, and what runs before all of them. */
final class HttpApi {

    /** Multipart framing and form fields on top of the largest allowed file; the file's own size is checked exactly. */
    private static final long MULTIPART_OVERHEAD = 1024 * 1024;
    /** JSON bodies here are a few hundred bytes; a bound keeps a runaway client from filling the heap. */
    private static final long JSON_BODY_LIMIT = 1024 * 1024;

    private HttpApi() {
    }

    static Router router(Vertx vertx, Path uploadsDir, FaultInjector faults, ApiKeyGuard guard, FilesHandler files,
            BatchesHandler batches) {
        Router router = Router.router(vertx);
        router.route().handler(faults::handle);
        router.route().handler(guard::handle);

        BodyHandler uploads = BodyHandler.create(uploadsDir.toString())
                .setBodyLimit(FileLimits.MAX_UPLOAD_BYTES + MULTIPART_OVERHEAD)
                .setDeleteUploadedFilesOnEnd(false)
                .setMergeFormAttributes(false);
        BodyHandler json = BodyHandler.create(false).setBodyLimit(JSON_BODY_LIMIT);

        // vertx-web wants body handlers first on a route, so the watchdog gets a route of its own just before.
        router.post("/v1/files").handler(UploadWatchdog::watch);
        router.post("/v1/files").handler(uploads).handler(UploadWatchdog::formRead).handler(files::upload);
        router.get("/v1/files").handler(files::list);
        router.get("/v1/files/:id").handler(files::retrieve);
        router.delete("/v1/files/:id").handler(files::delete);
        router.get("/v1/files/:id/content").handler(files::content);

        router.post("/v1/batches").handler(json).handler(batches::create);
        router.get("/v1/batches").handler(batches::list);
        router.get("/v1/batches/:id").handler(batches::retrieve);
        router.post("/v1/batches/:id/cancel").handler(json).handler(batches::cancel);

        router.route().failureHandler(Replies::onFailure);
        for (int status : new int[] {400, 404, 405, 413, 415, 500}) {
            router.errorHandler(status, Replies::onStatus);
        }
        return router;
    }
}
