package dev.caravan.sandbox.gemini;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Files and Batch endpoints (provider-apis.md §4, §5), routed on the decoded path: custom methods sit after a
 * colon in the last segment ({@code files/x:download}, {@code models/m:batchGenerateContent},
 * {@code batches/b:cancel}). Before any of them: an injected fault if one is pending, then the key, except on an
 * upload URL, which is its own credential.
 *
 * <p>UNCONFIRMED: an unknown path, or a known one with another method, is 404 NOT_FOUND in the JSON envelope (Google's
 * front end answers some of these with an HTML page, which no client reads).
 */
final class HttpApi implements Handler<HttpServerRequest> {

    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    private static final String FILES = "/v1beta/files";
    private static final String DOWNLOAD_FILES = "/download/v1beta/files";
    private static final String MODELS = "/v1beta/models/";
    private static final String BATCHES = "/v1beta/batches";

    private final FaultInjector faults;
    private final KeyGuard guard;
    private final FileStore files;
    private final Uploads uploads;
    private final Batches batches;
    private final Supplier<String> baseUrl;

    HttpApi(FaultInjector faults, KeyGuard guard, FileStore files, Uploads uploads, Batches batches,
            Supplier<String> baseUrl) {
        this.faults = faults;
        this.guard = guard;
        this.files = files;
        this.uploads = uploads;
        this.batches = batches;
        this.baseUrl = baseUrl;
    }

    @Override
    public void handle(HttpServerRequest request) {
        HttpServerResponse response = request.response();
        try {
            Optional<FaultInjector.Fault> fault = faults.take();
            if (fault.isPresent()) {
                Replies.error(response, fault.get().error(), fault.get().retryAfterSeconds());
                return;
            }
            String path = URLDecoder.decode(request.path().replace("+", "%2B"), StandardCharsets.UTF_8);
            String uploadId = request.getParam("upload_id");
            if (path.equals(Uploads.PATH) && request.method() == HttpMethod.POST && uploadId != null) {
                uploads.chunk(request, uploadId);
                return;
            }
            guard.check(request);
            route(request, path);
        } catch (ApiError error) {
            request.resume();
            Replies.error(response, error);
        } catch (RuntimeException bug) {
            LOG.error("Gemini emulator failed on {} {}", request.method(), request.path(), bug);
            request.resume();
            Replies.error(response, ApiError.internal("Internal error encountered."));
        }
    }

    private void route(HttpServerRequest request, String path) {
        HttpMethod method = request.method();
        HttpServerResponse response = request.response();
        if (path.equals(Uploads.PATH) && method == HttpMethod.POST) {
            uploads.begin(request);
        } else if (path.equals(FILES) && method == HttpMethod.GET) {
            FileStore.Page page = files.list(PageToken.size(request.getParam("pageSize")),
                    request.getParam("pageToken"));
            var body = Json.object();
            var list = body.putArray("files");
            page.files().forEach(file -> list.add(FileJson.file(file, baseUrl.get())));
            if (page.nextPageToken() != null) {
                body.put("nextPageToken", page.nextPageToken());
            }
            Replies.json(response, body);
        } else if (path.startsWith(FILES + "/")) {
            file(request, path.substring(FILES.length() + 1));
        } else if (path.startsWith(DOWNLOAD_FILES + "/") && path.endsWith(":download") && method == HttpMethod.GET) {
            download(request, path.substring(DOWNLOAD_FILES.length() + 1, path.length() - ":download".length()));
        } else if (path.startsWith(MODELS) && path.endsWith(":batchGenerateContent") && method == HttpMethod.POST) {
            batches.create(request, path.substring(MODELS.length(), path.length() - ":batchGenerateContent".length()));
        } else if (path.equals(BATCHES) && method == HttpMethod.GET) {
            Replies.json(response, batches.list(PageToken.size(request.getParam("pageSize")),
                    request.getParam("pageToken")));
        } else if (path.startsWith(BATCHES + "/")) {
            batch(request, path.substring(BATCHES.length() + 1));
        } else {
            throw notFound(method, path);
        }
    }

    private void file(HttpServerRequest request, String rest) {
        HttpMethod method = request.method();
        if (rest.endsWith(":download") && method == HttpMethod.GET) {
            download(request, rest.substring(0, rest.length() - ":download".length()));
        } else if (rest.contains(":") || rest.contains("/") || rest.isEmpty()) {
            throw notFound(method, FILES + "/" + rest);
        } else if (method == HttpMethod.GET) {
            Replies.json(request.response(), FileJson.file(files.get(rest), baseUrl.get()));
        } else if (method == HttpMethod.DELETE) {
            files.delete(rest);
            Replies.json(request.response(), Json.object());
        } else {
            throw notFound(method, FILES + "/" + rest);
        }
    }

    /**
     * Both download paths (provider-apis.md §4.3), {@code alt=media} required. UNCONFIRMED: an uploaded file is
     * refused with 400 FAILED_PRECONDITION (the reference says only generated files can be downloaded; the real
     * answer to trying was not captured); a request without {@code alt=media} is 400 INVALID_ARGUMENT.
     */
    private void download(HttpServerRequest request, String id) {
        if (!"media".equals(request.getParam("alt"))) {
            throw ApiError.invalid("Downloading a file needs the query parameter alt=media.");
        }
        StoredFile file = files.get(id);
        if (file.source() != FileSource.GENERATED) {
            throw ApiError.failedPrecondition("Only generated files can be downloaded: " + file.name()
                    + " was uploaded (source UPLOADED).");
        }
        Replies.file(request.response(), file.path(), file.mimeType());
    }

    private void batch(HttpServerRequest request, String rest) {
        HttpMethod method = request.method();
        int colon = rest.indexOf(':');
        String id = colon < 0 ? rest : rest.substring(0, colon);
        String verb = colon < 0 ? "" : rest.substring(colon + 1);
        if (id.isEmpty() || id.contains("/")) {
            throw notFound(method, BATCHES + "/" + rest);
        }
        HttpServerResponse response = request.response();
        switch (verb) {
            case "" -> {
                if (method == HttpMethod.GET) {
                    Replies.json(response, batches.get(id));
                } else if (method == HttpMethod.DELETE) {
                    Replies.json(response, batches.delete(id));
                } else {
                    throw notFound(method, BATCHES + "/" + rest);
                }
            }
            case "cancel" -> {
                if (method != HttpMethod.POST) {
                    throw notFound(method, BATCHES + "/" + rest);
                }
                Replies.json(response, batches.cancel(id));
            }
            // the guide's curl sample deletes at ...:delete (provider-apis.md §5.3): an alias, by POST or DELETE
            case "delete" -> {
                if (method != HttpMethod.POST && method != HttpMethod.DELETE) {
                    throw notFound(method, BATCHES + "/" + rest);
                }
                Replies.json(response, batches.delete(id));
            }
            default -> throw notFound(method, BATCHES + "/" + rest);
        }
    }

    private static ApiError notFound(HttpMethod method, String path) {
        return ApiError.notFound("Method not found: " + method + " " + path);
    }
}
