package dev.caravan.sandbox.openai;

import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Path;

/** {@code /v1/files} (provider-apis.md §1.1). */
final class FilesHandler {

    private final FileStore store;
    private final WorkerExecutor worker;

    FilesHandler(FileStore store, WorkerExecutor worker) {
        this.store = store;
        this.worker = worker;
    }

    void upload(RoutingContext ctx) {
        // The BodyHandler leaves uploads on disk (so they can be moved, not copied); whatever was not adopted by the
        // time the exchange ends (a refused form, an upload in excess) is removed here.
        ctx.addEndHandler(done -> discardUploads(ctx));
        UploadForm form = UploadForm.parse(ctx.fileUploads(), ctx.request().formAttributes());
        worker.executeBlocking(() -> store.adopt(Path.of(form.file().uploadedFileName()), form.file().fileName(),
                        form.purpose(), form.expiresAfterSeconds()), false)
                .onSuccess(file -> Replies.json(ctx, WireFormat.file(file)))
                .onFailure(ctx::fail);
    }

    private static void discardUploads(RoutingContext ctx) {
        for (FileUpload upload : ctx.fileUploads()) {
            // Fails harmlessly for an upload that was moved into the store.
            ctx.vertx().fileSystem().delete(upload.uploadedFileName());
        }
    }

    void list(RoutingContext ctx) {
        ListQuery query = ListQuery.files(ctx.queryParams());
        Replies.json(ctx, WireFormat.fileList(
                store.list(query.purpose(), query.newestFirst(), query.after(), query.limit())));
    }

    void retrieve(RoutingContext ctx) {
        Replies.json(ctx, WireFormat.file(store.require(ctx.pathParam("id"))));
    }

    void delete(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        worker.executeBlocking(() -> store.delete(id), false).onSuccess(deleted -> {
            if (deleted) {
                Replies.json(ctx, WireFormat.fileDeleted(id));
            } else {
                ctx.fail(ApiError.fileNotFound(id));
            }
        }).onFailure(ctx::fail);
    }

    /**
     * Streams the bytes from disk (sendFile sets Content-Length). The real Content-Type is UNCONFIRMED and the SDKs
     * read the body as binary whatever it says; application/octet-stream claims nothing about the bytes, which fits
     * every purpose (JSONL, images, PDFs).
     */
    void content(RoutingContext ctx) {
        StoredFile file = store.require(ctx.pathParam("id"));
        ctx.response().putHeader("content-type", "application/octet-stream");
        ctx.response().sendFile(file.path().toString()).onFailure(error -> {
            // Deleted between the lookup and the read.
            ctx.fail(ApiError.fileNotFound(file.id()));
        });
    }
}
