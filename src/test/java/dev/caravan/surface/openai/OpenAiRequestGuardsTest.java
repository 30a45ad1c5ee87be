package dev.caravan.surface.openai;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.caravan.CaravanApplication;
import dev.caravan.CaravanClients;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;

/**
 * The OpenAI surface's request guards, with raw HTTP because no SDK sends these: a JSON body over its own limit, a
 * chunked JSON body, and a multipart upload that never sends its closing boundary. Each gets a prompt OpenAI-style
 * error instead of a heap full of JSON or a client hanging forever.
 */
@CamelMainTest(mainClass = CaravanApplication.class,
        propertyPlaceholderLocations = "file:application.properties",
        properties = {"camel.server.port=0", "camel.server.host=127.0.0.1", "caravan.sandbox.enabled=true",
                "caravan.openai.max-json-bytes=1024"})
class OpenAiRequestGuardsTest {

    @BeanInject
    CamelContext context;

    @Test
    void aJsonBodyOverItsLimitIs413BeforeItIsRead() throws Exception {
        String body = "{\"input_file_id\":\"file-x\",\"endpoint\":\"/v1/chat/completions\",\"completion_window\":\"24h\","
                + "\"metadata\":{\"pad\":\"" + "x".repeat(2000) + "\"}}";
        String response = exchange("POST /openai/v1/batches HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length() + "\r\n\r\n" + body);
        assertTrue(response.startsWith("HTTP/1.1 413"), response);
        assertTrue(response.contains("\"type\":\"invalid_request_error\"") && response.contains("limit is 1024"),
                response);
    }

    @Test
    void aChunkedJsonBodyWithoutALengthIs411() throws Exception {
        String response = exchange("POST /openai/batches HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n");
        assertTrue(response.startsWith("HTTP/1.1 411"), response);
    }

    @Test
    void aMultipartUploadWithoutItsClosingBoundaryIsAnsweredNotLeftHanging() {
        String body = "--b\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nbatch\r\n--b\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"a.jsonl\"\r\n"
                + "Content-Type: application/jsonl\r\n\r\n{\"custom_id\":\"a\"}\n";
        String response = assertTimeoutPreemptively(Duration.ofSeconds(15), () -> exchange(
                "POST /openai/files HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=b\r\n"
                        + "Content-Length: " + body.length() + "\r\n\r\n" + body));
        assertTrue(response.startsWith("HTTP/1.1 400"), response);
        assertTrue(response.contains("closing boundary is missing"), response);
    }

    /** Sends raw bytes and reads the answer until the server closes the connection. */
    private String exchange(String request) throws Exception {
        URI base = URI.create(CaravanClients.baseUrl(context));
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
