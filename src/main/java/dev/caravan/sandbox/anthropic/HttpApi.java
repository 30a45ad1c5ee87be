package dev.caravan.sandbox.anthropic;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Message Batches endpoints (provider-apis.md §3.2), routed on the raw path. Before any of them: an injected fault
 * if one is pending, then the key and {@code anthropic-version} ({@link RequestGuard}). Every answer carries a
 * {@code request-id}; every error is in Anthropic's envelope.
 *
 * <p>UNCONFIRMED: an unknown path is 404 {@code not_found_error} "Not Found", a known path with another method 405
 * {@code invalid_request_error}; the real API's answers to these were not captured.
 */
final class HttpApi implements Handler<HttpServerRequest> {

    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    private static final String BATCHES = "/v1/messages/batches";

    private final FaultInjector faults;
    private final RequestGuard guard;
    private final BatchStore store;
    private final CreateHandler creates;
    private final Function<String, String> resultsUrl;

    /** @param resultsUrl a batch id's absolute results URL, on this emulator's own address */
    HttpApi(FaultInjector faults, RequestGuard guard, BatchStore store, CreateHandler creates,
            Function<String, String> resultsUrl) {
        this.faults = faults;
        this.guard = guard;
        this.store = store;
        this.creates = creates;
        this.resultsUrl = resultsUrl;
    }

    static String resultsPath(String batchId) {
        return BATCHES + "/" + batchId + "/results";
    }

    @Override
    public void handle(HttpServerRequest request) {
        String requestId = Ids.request();
        HttpServerResponse response = request.response();
        try {
            Optional<FaultInjector.Fault> fault = faults.take();
            if (fault.isPresent()) {
                Replies.error(response, requestId, fault.get().error(), fault.get().retryAfterSeconds());
                return;
            }
            guard.check(request.headers());
            route(request, requestId);
        } catch (ApiError error) {
            Replies.error(response, requestId, error);
        } catch (RuntimeException bug) {
            LOG.error("Anthropic emulator failed on {} {}", request.method(), request.path(), bug);
            Replies.error(response, requestId, new ApiError(ErrorType.API, "Internal server error"));
        }
    }

    private void route(HttpServerRequest request, String requestId) {
        HttpMethod method = request.method();
        String path = request.path();
        HttpServerResponse response = request.response();
        if (path.equals(BATCHES)) {
            if (method == HttpMethod.POST) {
                creates.handle(request, requestId);
            } else if (method == HttpMethod.GET) {
                ListPage page = store.list(ListQuery.parse(request.params()));
                Replies.json(response, requestId, WireFormat.list(page, batch -> resultsUrl.apply(batch.id())));
            } else {
                throw notAllowed(method, path);
            }
            return;
        }
        if (!path.startsWith(BATCHES + "/")) {
            throw ApiError.notFound("Not Found");
        }
        String[] rest = path.substring(BATCHES.length() + 1).split("/", -1);
        String id = rest[0];
        if (id.isEmpty() || rest.length > 2) {
            throw ApiError.notFound("Not Found");
        }
        String action = rest.length == 2 ? rest[1] : "";
        switch (action) {
            case "" -> {
                if (method == HttpMethod.GET) {
                    Replies.json(response, requestId, WireFormat.batch(store.get(id), resultsUrl.apply(id)));
                } else if (method == HttpMethod.DELETE) {
                    Replies.json(response, requestId, WireFormat.deleted(store.delete(id)));
                } else {
                    throw notAllowed(method, path);
                }
            }
            case "cancel" -> {
                if (method != HttpMethod.POST) {
                    throw notAllowed(method, path);
                }
                Replies.json(response, requestId, WireFormat.batch(store.cancel(id), resultsUrl.apply(id)));
            }
            case "results" -> {
                if (method != HttpMethod.GET) {
                    throw notAllowed(method, path);
                }
                Replies.jsonlFile(response, requestId, store.results(id));
            }
            default -> throw ApiError.notFound("Not Found");
        }
    }

    private static ApiError notAllowed(HttpMethod method, String path) {
        return new ApiError(405, ErrorType.INVALID_REQUEST, "Method " + method + " is not allowed on " + path);
    }
}
