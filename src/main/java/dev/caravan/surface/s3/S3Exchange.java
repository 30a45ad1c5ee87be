package dev.caravan.surface.s3;

import dev.caravan.model.command.ObjectCommand;
import io.vertx.core.http.HttpServerRequest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import org.apache.camel.Exchange;

/**
 * What the S3 surface keeps on the exchange between reading a request and answering it: the Vert.x request (its
 * response is written directly, see {@link S3Reply}), the command, and the request ids every S3 answer carries.
 */
final class S3Exchange {

    private static final String REQUEST = "caravanS3Request";
    private static final String COMMAND = "caravanS3Command";
    private static final String REQUEST_ID = "caravanS3RequestId";
    private static final String HOST_ID = "caravanS3HostId";
    private static final SecureRandom RANDOM = new SecureRandom();

    private S3Exchange() {
    }

    static void begin(Exchange exchange, HttpServerRequest request) {
        exchange.setProperty(REQUEST, request);
        byte[] id = new byte[8];
        byte[] host = new byte[24];
        RANDOM.nextBytes(id);
        RANDOM.nextBytes(host);
        exchange.setProperty(REQUEST_ID, HexFormat.of().withUpperCase().formatHex(id));
        exchange.setProperty(HOST_ID, Base64.getEncoder().encodeToString(host));
    }

    static HttpServerRequest request(Exchange exchange) {
        return exchange.getProperty(REQUEST, HttpServerRequest.class);
    }

    static void command(Exchange exchange, ObjectCommand command) {
        exchange.setProperty(COMMAND, command);
    }

    static ObjectCommand command(Exchange exchange) {
        return exchange.getProperty(COMMAND, ObjectCommand.class);
    }

    static String requestId(Exchange exchange) {
        return exchange.getProperty(REQUEST_ID, String.class);
    }

    static String hostId(Exchange exchange) {
        return exchange.getProperty(HOST_ID, String.class);
    }
}
