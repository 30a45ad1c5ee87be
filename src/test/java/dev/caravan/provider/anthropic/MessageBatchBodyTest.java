package dev.caravan.provider.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.caravan.wire.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The create body written as it is sent, whatever size the reads come in, and only as checked. */
class MessageBatchBodyTest {

    private final RequestsCheck check = new RequestsCheck(100_000, 256L * 1024 * 1024);

    @Test
    void many_requests_stream_as_one_json_body_of_the_measured_length() throws IOException {
        ArrayNode requests = Json.MAPPER.createArrayNode();
        for (int i = 0; i < 3_000; i++) {
            requests.add(BatchSubmissionsTest.request("r-" + i, "question ✓ number " + i));
        }
        InlineRequests source = new InlineRequests(requests);
        MessageBatchBody body = new MessageBatchBody(source, check.bodyLength(source));

        for (int chunk : new int[] {1, 7, 8192, 1 << 20}) {
            byte[] read = readInChunks(body.getContent(), chunk);
            assertEquals(body.getContentLength(), read.length, "chunk " + chunk);
            JsonNode json = Json.MAPPER.readTree(read);
            assertEquals(requests, json.get("requests"), "chunk " + chunk);
        }
    }

    @Test
    void a_source_that_changes_after_the_check_fails_the_send() throws IOException {
        List<String> requests = new ArrayList<>(List.of(BatchSubmissionsTest.request("a", "one").toString()));
        RequestSource changing = new RequestSource() {
            @Override
            public Requests open() {
                var iterator = new ArrayList<>(requests).iterator();
                return new Requests() {
                    @Override
                    public String next() {
                        return iterator.hasNext() ? iterator.next() : null;
                    }

                    @Override
                    public void close() {
                    }
                };
            }

            @Override
            public String where(int index) {
                return "request " + index;
            }

            @Override
            public String param() {
                return "input_file_id";
            }
        };
        MessageBatchBody body = new MessageBatchBody(changing, check.bodyLength(changing));
        requests.add(BatchSubmissionsTest.request("b", "two, added after the check").toString());

        IOException failure = assertThrows(IOException.class, () -> body.writeTo(new ByteArrayOutputStream()));
        assertTrue(failure.getMessage().contains("changed after they were checked"), failure.getMessage());
    }

    private static byte[] readInChunks(InputStream in, int chunk) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (in) {
            byte[] buffer = new byte[chunk];
            if (chunk == 1) {
                for (int b = in.read(); b != -1; b = in.read()) {
                    out.write(b);
                }
            } else {
                for (int n = in.read(buffer, 0, chunk); n != -1; n = in.read(buffer, 0, chunk)) {
                    out.write(buffer, 0, n);
                }
            }
        }
        return out.toByteArray();
    }
}
