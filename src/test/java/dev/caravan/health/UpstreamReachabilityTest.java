package dev.caravan.health;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reachability follows the upstream both ways, and within the cache's lifetime costs the upstream nothing. */
class UpstreamReachabilityTest {

    @Test
    void down_when_the_upstream_stops_and_up_again_when_it_is_back() throws Exception {
        HttpServer upstream = start(0);
        int port = upstream.getAddress().getPort();
        UpstreamReachability reachability = reachability(port, Duration.ZERO);
        assertTrue(reachability.of("openai").up());

        upstream.stop(0);
        assertFalse(reachability.of("openai").up());

        HttpServer back = start(port);
        try {
            assertTrue(reachability.of("openai").up(), reachability.of("openai").detail());
        } finally {
            back.stop(0);
        }
    }

    @Test
    void answers_are_kept_for_the_cache_lifetime() throws Exception {
        HttpServer upstream = start(0);
        UpstreamReachability reachability = reachability(upstream.getAddress().getPort(), Duration.ofMinutes(5));
        assertTrue(reachability.of("openai").up());
        upstream.stop(0);
        assertTrue(reachability.of("openai").up(), "cached: no new probe within the lifetime");
    }

    private static UpstreamReachability reachability(int port, Duration ttl) {
        return new UpstreamReachability(() -> List.of(UpstreamTarget.probed("openai",
                URI.create("http://127.0.0.1:" + port + "/v1"))), Duration.ofMillis(500), ttl);
    }

    /** Answers 404 to everything: any HTTP answer is reachable. */
    private static HttpServer start(int port) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.start();
        return server;
    }
}
