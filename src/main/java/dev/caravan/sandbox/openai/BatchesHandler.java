package dev.caravan.sandbox.openai;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.nio.file.NoSuchFileException;

/** {@code /v1/batches} (provider-apis.md §2.1). */
final class BatchesHandler {

    private static final String UNPARSEABLE = "We could not parse the JSON body of your request. (HINT: This likely "
            + "means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was "
            + "sent was not valid JSON. If you have trouble figuring out how to fix this, please contact us through our "
            + "help center at help.openai.com.)";

    private final FileStore files;
    private final BatchStore batches;
    private final WorkerExecutor worker;

    BatchesHandler(FileStore files, BatchStore batches, WorkerExecutor worker) {
        this.files = files;
        this.batches = batches;
        this.worker = worker;
    }

    void create(RoutingContext ctx) {
        BatchCreateRequest request = BatchCreateRequest.parse(jsonBody(ctx));
        StoredFile input = files.find(request.inputFileId()).orElseThrow(() -> new ApiError(404,
                OpenAiError.invalidRequest("No such File object: " + request.inputFileId(), "input_file_id", null)));
        if (!"batch".equals(input.purpose())) {
            throw ApiError.badRequest("The input file must be uploaded with purpose 'batch', but " + input.id()
                    + " has purpose '" + input.purpose() + "'.", "input_file_id", "invalid_file_purpose");
        }
        worker.executeBlocking(() -> batches.create(request, input), false)
                .onSuccess(batch -> Replies.json(ctx, WireFormat.batch(batch)))
                .onFailure(error -> ctx.fail(error instanceof NoSuchFileException
                        ? ApiError.fileNotFound(request.inputFileId()) : error));
    }

    void list(RoutingContext ctx) {
        ListQuery query = ListQuery.batches(ctx.queryParams());
        Replies.json(ctx, WireFormat.batchList(batches.list(query.after(), query.limit())));
    }

    void retrieve(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        Replies.json(ctx, WireFormat.batch(batches.find(id).orElseThrow(() -> ApiError.batchNotFound(id))));
    }

    /** Takes no arguments; an empty body or {} is fine, anything else is an unrecognized argument. */
    void cancel(RoutingContext ctx) {
        JsonNode body = jsonBody(ctx);
        if (body.isObject() && body.size() > 0) {
            throw ApiError.unrecognizedArgument(body.fieldNames().next());
        }
        Replies.json(ctx, WireFormat.batch(batches.cancel(ctx.pathParam("id"))));
    }

    private static JsonNode jsonBody(RoutingContext ctx) {
        Buffer body = ctx.body().buffer();
        if (body == null || body.length() == 0) {
            return WireFormat.MAPPER.createObjectNode();
        }
        try {
            return WireFormat.MAPPER.readTree(body.getBytes());
        } catch (IOException e) {
            throw ApiError.badRequest(UNPARSEABLE, null, null);
        }
    }
}
