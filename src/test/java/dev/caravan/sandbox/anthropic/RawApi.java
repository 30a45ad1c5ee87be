package dev.caravan.sandbox.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Plain HTTP against an emulator, for what the SDK cannot send (a missing header, a malformed body, a 256 MB one) or
 * hides (the raw bytes and headers of an answer).
 */
final class RawApi {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String VERSION = "2023-06-01";

    /**
     * HTTP/1.1, as the SDK's OkHttp speaks to an http:// URL. The JDK client's default would first ask to upgrade to
     * h2c, and a refusal answered before the body is read (413) can then close the connection under that upgrade.
     */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final String baseUrl;
    private final String key;

    RawApi(String baseUrl, String key) {
        this.baseUrl = baseUrl;
        this.key = key;
    }

    /** A request to {@code path} (or an absolute URL) with the key and the version header. */
    HttpRequest.Builder authorized(String pathOrUrl) {
        return HttpRequest.newBuilder(uri(pathOrUrl)).timeout(Duration.ofMinutes(2))
                .header("x-api-key", key)
                .header("anthropic-version", VERSION);
    }

    URI uri(String pathOrUrl) {
        return URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : baseUrl + pathOrUrl);
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> get(String pathOrUrl) {
        return send(authorized(pathOrUrl).GET().build());
    }

    HttpResponse<String> postJson(String path, String body) {
        return send(authorized(path).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** Polls the batch until it has ended; returns it. */
    JsonNode awaitEnded(String batchId, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            HttpResponse<String> response = get("/v1/messages/batches/" + batchId);
            assertEquals(200, response.statusCode(), response.body());
            JsonNode batch = json(response);
            if (batch.get("processing_status").asText().equals("ended")) {
                return batch;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("batch " + batchId + " has not ended after " + patience + ": " + batch);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    /**
     * Checks the error envelope {@code {"type":"error","error":{"type","message"},"request_id"}} and that its
     * request_id is the {@code request-id} header; returns {@code error}.
     */
    static JsonNode error(HttpResponse<String> response, int status, String type) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/json", response.headers().firstValue("content-type").orElse(null));
        JsonNode body = json(response);
        assertEquals("error", body.path("type").asText(), response.body());
        assertEquals(type, body.at("/error/type").asText(), response.body());
        assertEquals(response.headers().firstValue("request-id").orElseThrow(), body.path("request_id").asText());
        return body.get("error");
    }
}
