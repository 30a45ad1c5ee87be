package dev.caravan.sandbox.bedrock;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.auth.Sha256;
import dev.caravan.auth.SignedRequest;
import dev.caravan.wire.Json;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control plane's four operations (provider-apis.md §6.1), routed on the raw path: the job identifier arrives as
 * one percent-encoded segment ({@code arn%3Aaws…%2F…}) and is decoded once by {@link JobIdentifier}, so no router
 * ever splits it. Every request is authenticated first, over its body's SHA-256; anything else than the four
 * operations is an UnknownOperationException, and an unexpected failure an InternalServerException, both rest-json.
 */
final class HttpApi implements Handler<HttpServerRequest> {

    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);

    /** Create bodies are a few hundred bytes; the bound keeps a runaway client from filling the heap. */
    static final int MAX_BODY_BYTES = 1024 * 1024;
    private static final String JOB = "/model-invocation-job";
    private static final String JOBS = "/model-invocation-jobs";
    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final RequestAuthenticator authenticator;
    private final JobStore jobs;
    private final String region;
    private final String accountId;

    HttpApi(RequestAuthenticator authenticator, JobStore jobs, String region, String accountId) {
        this.authenticator = authenticator;
        this.jobs = jobs;
        this.region = region;
        this.accountId = accountId;
    }

    @Override
    public void handle(HttpServerRequest request) {
        String requestId = UUID.randomUUID().toString();
        String declared = request.getHeader("content-length");
        if (declared != null && declared.chars().allMatch(Character::isDigit) && !declared.isEmpty()
                && Long.parseLong(declared) > MAX_BODY_BYTES) {
            tooLarge(request, requestId);
            return;
        }
        Buffer body = Buffer.buffer();
        boolean[] overflow = {false};
        request.handler(chunk -> {
            if (body.length() + chunk.length() > MAX_BODY_BYTES) {
                overflow[0] = true;
            } else if (!overflow[0]) {
                body.appendBuffer(chunk);
            }
        });
        request.exceptionHandler(failure -> LOG.debug("Bedrock emulator: request broke: {}", failure.toString()));
        request.endHandler(end -> {
            if (overflow[0]) {
                tooLarge(request, requestId);
            } else {
                answer(request, requestId, body.getBytes());
            }
        });
    }

    private static void tooLarge(HttpServerRequest request, String requestId) {
        Replies.error(request.response(), requestId, new ServiceError(413, "ValidationException",
                "Request body must be at most " + MAX_BODY_BYTES + " bytes."));
    }

    private void answer(HttpServerRequest request, String requestId, byte[] body) {
        try {
            SignedRequest signed = SignedRequest.of(request.method().name(), request.uri(), headers(request));
            authenticator.authenticate(signed, Sha256.hex(Sha256.newDigest().digest(body)));
            Replies.json(request.response(), requestId, route(request.method(), signed, body));
        } catch (ServiceError error) {
            Replies.error(request.response(), requestId, error);
        } catch (RuntimeException bug) {
            LOG.error("Bedrock emulator failed on {} {}", request.method(), request.path(), bug);
            Replies.error(request.response(), requestId, ServiceError.internal());
        }
    }

    /** The headers as sent; HTTP/2 carries the host as {@code :authority}, which SigV4 signs as {@code host}. */
    private static List<Map.Entry<String, String>> headers(HttpServerRequest request) {
        List<Map.Entry<String, String>> headers = new ArrayList<>(request.headers().entries());
        if (request.getHeader("host") == null && request.authority() != null) {
            headers.add(Map.entry("host", request.authority().toString()));
        }
        return headers;
    }

    private JsonNode route(HttpMethod method, SignedRequest request, byte[] body) {
        String path = request.rawPath();
        if (path.equals(JOB) && method == HttpMethod.POST) {
            String arn = jobs.create(CreateJobParser.parse(json(body)));
            ObjectNode answer = Json.MAPPER.createObjectNode();
            answer.put("jobArn", arn);
            return answer;
        }
        if (path.equals(JOBS) && method == HttpMethod.GET) {
            return JobJson.page(jobs.list(ListQuery.parse(QueryString.parse(request.rawQuery()))));
        }
        if (path.startsWith(JOB + "/")) {
            String rest = path.substring(JOB.length() + 1);
            int slash = rest.indexOf('/');
            if (slash < 0 && method == HttpMethod.GET) {
                return JobJson.job(jobs.get(JobIdentifier.jobId(rest, region, accountId)));
            }
            if (slash >= 0 && rest.substring(slash).equals("/stop") && method == HttpMethod.POST) {
                jobs.stop(JobIdentifier.jobId(rest.substring(0, slash), region, accountId));
                return Json.MAPPER.createObjectNode();
            }
        }
        throw ServiceError.unknownOperation();
    }

    private static JsonNode json(byte[] body) {
        if (body.length == 0) {
            throw ServiceError.serialization("The request body is empty.");
        }
        try {
            return STRICT.readTree(body);
        } catch (JsonProcessingException e) {
            throw ServiceError.serialization("The request body is not valid JSON.");
        } catch (java.io.IOException e) {
            throw ServiceError.serialization("The request body could not be read.");
        }
    }
}
