package dev.caravan.surface;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.caravan.CaravanApplication;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Requests waiting on a slow upstream do not queue behind each other in Caravan: with an upstream that takes 400 ms
 * per answer, 60 callers at once are 60 calls in flight upstream. Vert.x's default worker pool (20) or httpclient's
 * default pool (20 connections per host) would hold that at 20.
 */
class ConcurrentUpstreamCallsTest {

    private static final int CALLERS = 60;
    private static final String BATCH = "{\"id\":\"batch_slow\",\"object\":\"batch\",\"endpoint\":\"/v1/chat/completions\","
            + "\"errors\":null,\"input_file_id\":\"file-slow\",\"completion_window\":\"24h\",\"status\":\"validating\","
            + "\"output_file_id\":null,\"error_file_id\":null,\"created_at\":1700000000,\"in_progress_at\":null,"
            + "\"expires_at\":1700086400,\"finalizing_at\":null,\"completed_at\":null,\"failed_at\":null,"
            + "\"expired_at\":null,\"cancelling_at\":null,\"cancelled_at\":null,"
            + "\"request_counts\":{\"total\":0,\"completed\":0,\"failed\":0},\"metadata\":null}";

    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();
    private HttpServer upstream;
    private ExecutorService upstreamThreads;
    private Main caravan;

    @AfterEach
    void stop() {
        if (caravan != null) {
            caravan.stop();
        }
        if (upstream != null) {
            upstream.stop(0);
            upstreamThreads.shutdownNow();
        }
    }

    @Test
    void sixty_callers_are_sixty_calls_in_flight_upstream() throws Exception {
        String caravanUrl = startCaravan(startSlowUpstream());
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(8)).build();
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < CALLERS; i++) {
            answers.add(http.sendAsync(HttpRequest.newBuilder(URI.create(caravanUrl + "/openai/v1/batches/batch_slow"))
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            HttpResponse<String> response = answer.get();
            assertEquals(200, response.statusCode(), response.body());
            assertTrue(response.body().contains("\"batch_slow\""), response.body());
        }
        assertTrue(mostInFlight.get() >= CALLERS - 5,
                "calls in flight upstream at most " + mostInFlight.get() + " of " + CALLERS);
    }

    private int startSlowUpstream() throws IOException {
        upstreamThreads = Executors.newFixedThreadPool(CALLERS + 10);
        upstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        upstream.setExecutor(upstreamThreads);
        upstream.createContext("/v1/batches/", exchange -> {
            mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                Thread.sleep(400);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
            }
            byte[] body = BATCH.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        upstream.start();
        return upstream.getAddress().getPort();
    }

    private String startCaravan(int upstreamPort) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        caravan = new Main(CaravanApplication.class);
        caravan.setDefaultPropertyPlaceholderLocation("file:application.properties");
        caravan.addOverrideProperty("camel.main.name", "caravan-concurrency");
        caravan.addOverrideProperty("camel.server.host", "127.0.0.1");
        caravan.addOverrideProperty("camel.server.port", Integer.toString(port));
        caravan.addOverrideProperty("caravan.openai.base-url", "http://127.0.0.1:" + upstreamPort + "/v1");
        caravan.addOverrideProperty("caravan.openai.api-key", "sk-test-slow-upstream");
        caravan.start();
        return "http://127.0.0.1:" + port;
    }
}
