package dev.caravan.sandbox.gemini;

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
 * Plain HTTP against the Gemini emulator, for what the SDK cannot send (a wrong offset, a short finalize, no key) or
 * hides (raw headers, both download paths, the Operation's JSON).
 */
final class RawGemini {

    static final ObjectMapper JSON = new ObjectMapper();

    /** HTTP/1.1, as the SDK's OkHttp speaks to an http:// URL (no h2c upgrade racing an early refusal). */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final String baseUrl;
    private final String key;

    RawGemini(String baseUrl, String key) {
        this.baseUrl = baseUrl;
        this.key = key;
    }

    HttpRequest.Builder keyed(String pathOrUrl) {
        return anonymous(pathOrUrl).header("x-goog-api-key", key);
    }

    HttpRequest.Builder anonymous(String pathOrUrl) {
        return HttpRequest.newBuilder(URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : baseUrl + pathOrUrl))
                .timeout(Duration.ofMinutes(1));
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

    HttpResponse<String> get(String path) {
        return send(keyed(path).GET().build());
    }

    HttpResponse<String> postJson(String path, String body) {
        return send(keyed(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** Starts a resumable upload; returns the upload URL. */
    String startUpload(String metadata, Long size, String mimeType) {
        HttpRequest.Builder start = keyed("/upload/v1beta/files")
                .header("Content-Type", "application/json")
                .header("X-Goog-Upload-Protocol", "resumable")
                .header("X-Goog-Upload-Command", "start");
        if (size != null) {
            start.header("X-Goog-Upload-Header-Content-Length", Long.toString(size));
        }
        if (mimeType != null) {
            start.header("X-Goog-Upload-Header-Content-Type", mimeType);
        }
        HttpResponse<String> started = send(start.POST(HttpRequest.BodyPublishers.ofString(metadata)).build());
        assertEquals(200, started.statusCode(), started.body());
        assertEquals("active", started.headers().firstValue("X-Goog-Upload-Status").orElse(null));
        return started.headers().firstValue("X-Goog-Upload-URL").orElseThrow();
    }

    /** A chunk to an upload URL, without the key (the URL is the credential). */
    HttpResponse<String> chunk(String uploadUrl, String command, long offset, byte[] bytes) {
        return send(anonymous(uploadUrl).header("X-Goog-Upload-Command", command)
                .header("X-Goog-Upload-Offset", Long.toString(offset))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build());
    }

    /** Uploads {@code bytes} in one finalizing chunk; returns the File. */
    JsonNode upload(byte[] bytes, String mimeType) {
        String url = startUpload("{\"file\":{}}", (long) bytes.length, mimeType);
        HttpResponse<String> done = chunk(url, "upload, finalize", 0, bytes);
        assertEquals(200, done.statusCode(), done.body());
        return json(done).get("file");
    }

    JsonNode createBatch(String model, String batch) {
        HttpResponse<String> created = postJson("/v1beta/models/" + model + ":batchGenerateContent", batch);
        assertEquals(200, created.statusCode(), created.body());
        return json(created);
    }

    /** Polls the batch until its operation is done; returns it. */
    JsonNode awaitDone(String name, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            HttpResponse<String> response = get("/v1beta/" + name);
            assertEquals(200, response.statusCode(), response.body());
            JsonNode operation = json(response);
            if (operation.path("done").asBoolean(false)) {
                return operation;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(name + " is not done after " + patience + ": " + operation);
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

    /** Checks Google's envelope {@code {"error":{code,message,status}}}; returns {@code error}. */
    static JsonNode error(HttpResponse<String> response, int status, String rpcStatus) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/json; charset=UTF-8", response.headers().firstValue("Content-Type").orElse(null));
        JsonNode error = json(response).get("error");
        assertEquals(status, error.path("code").asInt(), response.body());
        assertEquals(rpcStatus, error.path("status").asText(), response.body());
        return error;
    }
}
