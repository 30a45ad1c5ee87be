package dev.caravan.sandbox.anthropic;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * Reads a spooled create body {@code {"requests":[{custom_id, params}, ...]}} with Jackson's streaming parser, one
 * request in memory at a time, checks each ({@link RequestCheck}) and the count (1 to 100,000), and writes the
 * requests to the batch's requests file, one JSON line each in the order given. Runs on a worker thread: a 256 MB
 * body takes a while.
 *
 * <p>UNCONFIRMED wording: the messages for a body that is not a JSON object or misses {@code requests} follow the
 * API's pydantic style as remembered.
 */
final class CreateBodyParser {

    /**
     * Without WireFormat's trailing-token check: that one applies to a whole document, while here each request is read
     * out of the middle of one (the parser itself checks that nothing follows the body).
     */
    private static final ObjectMapper ITEMS = new ObjectMapper();

    private CreateBodyParser() {
    }

    /**
     * @return how many requests were written
     * @throws ApiError 400 {@code invalid_request_error} for the first problem found; {@code requestsFile} is then
     *                  incomplete, and the caller deletes it
     */
    static int parse(Path body, Path requestsFile) throws IOException {
        try (JsonParser parser = ITEMS.getFactory().createParser(body.toFile());
             OutputStream out = new BufferedOutputStream(Files.newOutputStream(requestsFile), 64 * 1024)) {
            JsonToken root = parser.nextToken();
            if (root != JsonToken.START_OBJECT) {
                throw ApiError.invalid(root == null ? "The request body is empty: a JSON object with a `requests` "
                        + "array is required" : "The request body must be a JSON object");
            }
            Integer count = null;
            for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                String name = parser.currentName();
                parser.nextToken();
                if (!name.equals("requests")) {
                    throw ApiError.invalid(name + ": Extra inputs are not permitted");
                }
                if (count != null) {
                    throw ApiError.invalid("requests: given more than once");
                }
                count = requests(parser, out);
            }
            if (parser.nextToken() != null) {
                throw ApiError.invalid("The request body must hold one JSON object and nothing after it");
            }
            if (count == null) {
                throw ApiError.invalid("requests: Field required");
            }
            return count;
        } catch (JsonProcessingException e) {
            throw ApiError.invalid("The request body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static int requests(JsonParser parser, OutputStream out) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw ApiError.invalid("requests: Input should be a valid list");
        }
        Set<String> customIds = new HashSet<>();
        int count = 0;
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            if (count >= BatchLimits.MAX_REQUESTS) {
                // past the limit: only counted, so the error can say how many there were
                parser.skipChildren();
                count++;
                continue;
            }
            JsonNode item = parser.readValueAsTree();
            if (item == null) {
                item = WireFormat.MAPPER.nullNode();
            }
            RequestCheck.check(item, count, customIds);
            out.write(WireFormat.bytes(item));
            out.write('\n');
            count++;
        }
        if (count == 0) {
            throw ApiError.invalid("requests: List should have at least 1 item after validation, not 0");
        }
        if (count > BatchLimits.MAX_REQUESTS) {
            throw ApiError.invalid("requests: List should have at most " + BatchLimits.MAX_REQUESTS
                    + " items after validation, not " + count);
        }
        return count;
    }
}
