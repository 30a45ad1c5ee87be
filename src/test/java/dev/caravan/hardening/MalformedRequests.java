package dev.caravan.hardening;

import dev.caravan.hardening.RawHttp.Request;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates malformed requests across every route from one seed, so a failure found once is found again on every
 * run. Each request starts from a real route and then breaks something: the method, a path segment's bytes or
 * escapes, the query, the headers Caravan reads (x-model-provider, Content-Type, the S3 body headers), or the body
 * (truncated JSON, garbage, multipart and aws-chunked shapes). Bodies are kept small: the point is breadth.
 *
 * <p>Requests are built up front on one thread, so the sequence does not depend on how they are later sent.
 */
final class MalformedRequests {

    private static final String BUCKET = "your-s3-bucket";
    private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE", "HEAD", "PATCH", "OPTIONS", "PROPFIND",
            "TRACE", "MKCOL", "get", "FOO", "G\u00e9T", "POST ", "X".repeat(300)};
    private static final String[] ROUTES = {"/openai/files", "/openai/files/{id}", "/openai/files/{id}/content",
            "/openai/batches", "/openai/batches/{id}", "/openai/batches/{id}/cancel", "/bedrock/files/{bucket}",
            "/bedrock/files/{bucket}/{key}", "/bedrock/files/{bucket}/{key}", "/bedrock/files/{bucket}/{key}",
            "/health", "/openai", "/bedrock/files", "/bedrock/files/", "/", "/{seg}", "/openai/{seg}",
            "/openai/files/{id}/{seg}", "/bedrock/{seg}", "/bedrock/model-invocation-job",
            "/bedrock/model-invocation-job/{job}", "/bedrock/model-invocation-job/{job}/stop",
            "/bedrock/model-invocation-jobs"};
    private static final String[] JOBS = {"abcdefghijkl", "abcdefghijk", "ABCDEFGHIJKL",
            "arn%3Aaws%3Abedrock%3Aus-west-2%3A123456789012%3Amodel-invocation-job%2Fabcdefghijkl",
            "arn:aws:bedrock:us-west-2:123456789:model-invocation-job/abc123", "arn%3Aaws%3Abedrock%2F%2F..",
            "%2F", "%2e%2e", "%ff", ""};
    private static final String[] IDS = {"file-abc123", "batch_abc123", "file-bedrock-", "file-bedrock-!!!",
            "batch-gemini-eHl6", "batch-anthropic-", "file-openai-AAAA", "batch_", "file-", "", " ", "..", "."};
    private static final String[] PIECES = {"..", ".", "%2e%2e", "%2E", "%2F", "%2f", "%5C", "%00", "%", "%g1",
            "%ff", "%fe%ff", "%c3%28", "%ed%a0%80", "%f0%9f%98%80", "\u00ff", "\u00c3", "\u0080", "+", " ", "~",
            ";", ":", "@", "!", "$", "&", "'", "(", "*", ",", "=", "?", "#", "[", "]", "|", "\\", "\"", "<", ">",
            "{", "}", "^", "`", "\t"};
    private static final String[] QUERY_NAMES = {"provider", "purpose", "limit", "order", "after", "list-type",
            "prefix", "delimiter", "max-keys", "continuation-token", "start-after", "encoding-type", "fetch-owner",
            "uploads", "uploadId", "partNumber", "max-parts", "part-number-marker", "max-uploads", "key-marker",
            "upload-id-marker", "acl", "tagging", "delete", "versions", "x-id", "model",
            "storage_config[s3][bucket]", "storage_config[s3][prefix]", "", "%ff", "a[b"};
    private static final String[] QUERY_VALUES = {"", "1", "0", "-1", "2", "1000", "1001", "2147483647",
            "2147483648", "99999999999999999999", "1e3", "abc", "url", "asc", "desc", "batch", "openai", "bedrock",
            "gemini", "anthropic", "azure", "%ff", "%00", "%", "\u00ff", "..%2F..", "file-abc123", "batch_abc123"};
    private static final String[] PROVIDERS = {"bedrock", "openai", "gemini", "anthropic", "BEDROCK", " bedrock ",
            "", "azure", "\u00ff", "bedrock,openai", "x".repeat(5000)};
    private static final String[] CONTENT_TYPES = {"application/json", "application/jsonl", "text/plain",
            "application/octet-stream", "multipart/form-data", "multipart/form-data; boundary=",
            "multipart/form-data; boundary=" + Multipart.BOUNDARY, "multipart/form-data; boundary=\"\"",
            "multipart/mixed; boundary=x", "application/x-www-form-urlencoded", "application/xml", ";;;", "*/*",
            "application/json; charset=latin1", "multipart/form-data; boundary=" + "b".repeat(200), "\u00ff"};
    private static final String[] HEADER_NAMES = {"Content-Encoding", "x-amz-content-sha256",
            "x-amz-decoded-content-length", "x-amz-trailer", "x-amz-checksum-crc32", "x-amz-checksum-sha256",
            "x-amz-sdk-checksum-algorithm", "x-amz-checksum-algorithm", "Content-MD5", "Range", "If-Match",
            "If-None-Match", "If-Modified-Since", "If-Unmodified-Since", "x-amz-copy-source", "x-amz-checksum-mode",
            "Authorization", "x-amz-meta-a", "Accept-Encoding", "Expect", "CamelHttpResponseCode", "CamelHttpMethod",
            "CamelHttpUri", "CamelHttpPath", "provider", "purpose", "file", "OpenAI-Organization", "Cookie",
            "X-Forwarded-Host", "Origin", "Connection"};
    private static final String[] HEADER_VALUES = {"", "aws-chunked", "gzip", "STREAMING-UNSIGNED-PAYLOAD-TRAILER",
            "STREAMING-AWS4-HMAC-SHA256-PAYLOAD", "UNSIGNED-PAYLOAD", "x-amz-checksum-crc32", "x-amz-checksum-foo",
            "CRC32", "crc64nvme", "MD5", "AAAAAA==", "not base64!", "bytes=0-0", "bytes=5-1", "bytes=-0",
            "bytes=0-99999999999999999999", "bytes=1-2,3-4", "*", "\"etag\"", "Mon, 32 Foo 2024", "0", "-1",
            "18446744073709551616", "your-s3-bucket/k", "ENABLED", "Bearer x", "100-continue", "500", "DELETE",
            "http://evil/", "batch", "gemini", "\u00ff\u00fe", "keep-alive", "Upgrade"};

    private final Random random;
    private final int port;

    MalformedRequests(long seed, int port) {
        this.random = new Random(seed);
        this.port = port;
    }

    List<Request> generate(int count) {
        List<Request> requests = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            requests.add(next());
        }
        return requests;
    }

    Request next() {
        String method = chance(0.75) ? pick("GET", "POST", "PUT", "DELETE", "HEAD") : pick(METHODS);
        String path = path();
        String target = path + query();
        Request request = new Request(method, target);
        if (chance(0.15)) {
            request.header("Host", pick(BUCKET + ".localhost:" + port, "localhost", "", "\u00ff.localhost",
                    "..localhost", "a.b.c.localhost:" + port, "[::1]:" + port, "x".repeat(300) + ".localhost"));
        }
        if (chance(0.4)) {
            request.header("x-model-provider", pick(PROVIDERS));
        }
        int extra = random.nextInt(4);
        for (int i = 0; i < extra; i++) {
            request.header(pick(HEADER_NAMES), pick(HEADER_VALUES));
        }
        if (chance(0.02)) {
            request.header("X-Big", "h".repeat(random.nextInt(20_000)));
        }
        body(request);
        return request;
    }

    private String path() {
        String route = pick(ROUTES);
        if (route.startsWith("/openai") && chance(0.3)) {
            route = "/openai/v1" + route.substring("/openai".length());
        }
        String path = route.replace("{id}", chance(0.6) ? pick(IDS) + (chance(0.3) ? segment() : "") : segment())
                .replace("{bucket}", chance(0.75) ? BUCKET : segment())
                .replace("{seg}", segment())
                .replace("{job}", chance(0.7) ? pick(JOBS) : segment())
                .replace("{key}", key());
        if (chance(0.05)) {
            path = path + "/";
        }
        if (chance(0.03)) {
            path = path.replace("/", "//");
        }
        return path;
    }

    private String key() {
        int segments = 1 + random.nextInt(4);
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < segments; i++) {
            if (i > 0) {
                key.append('/');
            }
            key.append(segment());
        }
        return key.toString();
    }

    /** A path segment of ordinary characters mixed with dot segments, escapes (valid or not) and raw bytes. */
    private String segment() {
        if (chance(0.02)) {
            return "k".repeat(500 + random.nextInt(1500));
        }
        StringBuilder segment = new StringBuilder();
        int parts = random.nextInt(6);
        for (int i = 0; i < parts; i++) {
            segment.append(chance(0.5) ? word() : pick(PIECES));
        }
        if (chance(0.1)) {
            segment.append('%').append(hex()).append(hex());
        }
        return segment.toString();
    }

    private String query() {
        if (chance(0.35)) {
            return "";
        }
        if (chance(0.05)) {
            return pick("?", "??", "?&&&==", "?%", "?=x", "?a=%zz", "?" + "q=".repeat(2000), "?\u00ff=\u00fe");
        }
        StringBuilder query = new StringBuilder("?");
        int params = 1 + random.nextInt(4);
        for (int i = 0; i < params; i++) {
            if (i > 0) {
                query.append('&');
            }
            query.append(pick(QUERY_NAMES));
            if (chance(0.85)) {
                query.append('=').append(chance(0.8) ? pick(QUERY_VALUES) : segment());
            }
        }
        return query.toString();
    }

    private void body(Request request) {
        boolean sendsBody = request.method.equals("POST") || request.method.equals("PUT") || chance(0.1);
        if (!sendsBody) {
            return;
        }
        int shape = random.nextInt(10);
        switch (shape) {
            case 0, 1 -> json(request);
            case 2, 3 -> multipart(request);
            case 4 -> awsChunked(request);
            case 5 -> jsonlUpload(request);
            case 6 -> garbage(request);
            case 7 -> lyingLength(request);
            case 8 -> chunked(request);
            default -> request.body(word().getBytes(StandardCharsets.UTF_8));
        }
    }

    private void json(Request request) {
        String[] bodies = {"{}", "[]", "null", "\"x\"", "{", "{\"input_file_id\":", "{\"input_file_id\":1}",
                "{\"input_file_id\":\"file-abc123\",\"endpoint\":\"/v1/chat/completions\",\"completion_window\":\"24h\"}",
                "{\"input_file_id\":\"file-abc123\",\"endpoint\":\"/v1/chat/completions\",\"completion_window\":\"24h\","
                        + "\"provider\":\"" + pick(PROVIDERS) + "\"}",
                "{\"input_file_id\":\"file-abc123\",\"endpoint\":\"" + segment() + "\",\"completion_window\":\"1h\","
                        + "\"metadata\":{\"k\":1}}",
                "{\"provider\":[1,2]}", "{\"metadata\":\"x\"}", "{\"a\":" + "[".repeat(2000) + "]".repeat(2000) + "}",
                "{\"\u00ff\":\"\u00fe\"}", "{\"a\":1,\"a\":2}", "{\"a\":1e999999}", "{\"a\":-}", "\u0000",
                "{\"jobName\":\"" + segment() + "\",\"modelId\":\"anthropic.claude-3-haiku-20240307-v1:0\","
                        + "\"inputDataConfig\":{\"s3InputDataConfig\":{\"s3Uri\":\"s3://" + BUCKET + "/" + segment()
                        + "\"}},\"outputDataConfig\":{\"s3OutputDataConfig\":{\"s3Uri\":\"s3://" + BUCKET
                        + "/out/\"}},\"timeoutDurationInHours\":" + pick(QUERY_VALUES) + "}",
                "{\"jobName\":[],\"inputDataConfig\":\"s3://x\",\"tags\":[1]}",
                "{\"jobName\":\"j\",\"roleArn\":\"" + segment() + "\",\"modelId\":\"\","
                        + "\"outputDataConfig\":{\"s3OutputDataConfig\":{}},\"clientRequestToken\":\"" + segment() + "\"}"};
        String body = pick(bodies);
        if (chance(0.3) && body.length() > 2) {
            body = body.substring(0, random.nextInt(body.length()));
        }
        if (chance(0.8)) {
            request.header("Content-Type", chance(0.8) ? "application/json" : pick(CONTENT_TYPES));
        }
        request.body(body.getBytes(StandardCharsets.ISO_8859_1));
    }

    private void multipart(Request request) {
        String boundary = chance(0.85) ? Multipart.BOUNDARY : pick("", "x", "--", Multipart.BOUNDARY + "x");
        request.header("Content-Type", chance(0.85) ? "multipart/form-data; boundary=" + boundary : pick(CONTENT_TYPES));
        StringBuilder form = new StringBuilder();
        int parts = random.nextInt(5);
        for (int i = 0; i < parts; i++) {
            form.append("--").append(boundary).append("\r\n");
            int kind = random.nextInt(6);
            String name = chance(0.8) ? pick("file", "purpose", "provider", "expires_after[anchor]",
                    "expires_after[seconds]", "storage_config[s3][bucket]") : pick(HEADER_NAMES);
            switch (kind) {
                case 0 -> form.append("Content-Disposition: form-data; name=\"").append(name)
                        .append("\"\r\n\r\n").append(pick(QUERY_VALUES)).append("\r\n");
                case 1, 2 -> form.append("Content-Disposition: form-data; name=\"file\"; filename=\"")
                        .append(pick("a.jsonl", "../../etc/passwd", "", "\u00ff.jsonl", "x".repeat(1000), "a\"b"))
                        .append("\"\r\nContent-Type: ").append(pick("application/jsonl", "", "text/plain"))
                        .append("\r\n\r\n").append(jsonlLines()).append("\r\n");
                case 3 -> form.append("\r\n").append(word()).append("\r\n");
                case 4 -> form.append("Content-Disposition: ").append(segment()).append("\r\n\r\nx\r\n");
                default -> form.append("Content-Disposition: form-data; name=\"").append(name).append("\"; filename=")
                        .append(word()).append("\r\nContent-Transfer-Encoding: base64\r\n\r\n!!!\r\n");
            }
        }
        // a missing closing boundary makes the server wait for the rest of the form: kept rare and bounded
        if (chance(0.93)) {
            form.append("--").append(boundary).append("--\r\n");
        }
        request.body(form.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    private String jsonlLines() {
        StringBuilder lines = new StringBuilder();
        int count = random.nextInt(5);
        for (int i = 0; i < count; i++) {
            String line = chance(0.6) ? Multipart.GOOD_LINE.formatted(chance(0.8) ? "id-" + i : "dup")
                    : pick("{}", "{\"recordId\":\"1\",\"modelInput\":{}}", "{\"key\":\"k\",\"request\":{}}",
                            "{\"custom_id\":\"a\",\"params\":{}}", "not json", "[1]", "{\"custom_id\":1}", "\u00ff\u00fe",
                            "{\"custom_id\":\"x\",\"method\":\"POST\",\"url\":\"/v1/other\",\"body\":{}}");
            if (chance(0.1)) {
                line = line.substring(0, random.nextInt(line.length() + 1));
            }
            lines.append(line).append(chance(0.9) ? "\n" : "\r\n");
        }
        return lines.toString();
    }

    private void jsonlUpload(Request request) {
        request.header("Content-Type", Multipart.CONTENT_TYPE);
        byte[] file = jsonlLines().getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(Multipart.head(pick("batch", "user_data", "fine-tune", "", "\u00ff")));
        body.writeBytes(file);
        body.writeBytes(Multipart.tail());
        request.body(body.toByteArray());
    }

    /** An aws-chunked body as the AWS SDKs send it, then broken in one place or left intact. */
    private void awsChunked(Request request) {
        String data = jsonlLines();
        int decoded = data.length();
        String chunkSize = chance(0.8) ? Integer.toHexString(decoded) : pick("zz", "-1", "ffffffffffff", "", "0");
        String signature = chance(0.3) ? ";chunk-signature=" + "0".repeat(64) : "";
        String trailer = chance(0.5) ? "x-amz-checksum-crc32:" + pick("AAAAAA==", "HNe1bA==", "!!") + "\r\n" : "";
        String body = chunkSize + signature + "\r\n" + data + "\r\n0" + signature + "\r\n" + trailer + "\r\n";
        if (chance(0.2)) {
            body = body.substring(0, random.nextInt(body.length() + 1));
        }
        request.header("Content-Encoding", "aws-chunked");
        request.header("x-amz-content-sha256", pick("STREAMING-UNSIGNED-PAYLOAD-TRAILER",
                "STREAMING-AWS4-HMAC-SHA256-PAYLOAD", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER", "STREAMING-X"));
        if (chance(0.85)) {
            request.header("x-amz-decoded-content-length", chance(0.8) ? Integer.toString(decoded)
                    : pick(HEADER_VALUES));
        }
        if (!trailer.isEmpty() && chance(0.8)) {
            request.header("x-amz-trailer", pick("x-amz-checksum-crc32", "x-amz-checksum-sha1", "bogus"));
        }
        request.body(body.getBytes(StandardCharsets.ISO_8859_1));
    }

    private void garbage(Request request) {
        byte[] bytes = new byte[random.nextInt(chance(0.05) ? 256 * 1024 : 4096)];
        random.nextBytes(bytes);
        if (chance(0.7)) {
            request.header("Content-Type", pick(CONTENT_TYPES));
        }
        request.body(bytes);
    }

    /**
     * A Content-Length that is not the body's length. Shorter: the surplus bytes arrive as a garbage second
     * request on the same connection. Longer: our side then closes its half of the connection, so the server
     * sees the body end early instead of waiting for bytes that will never come (a stalled client is a
     * different case, tested on its own).
     */
    private void lyingLength(Request request) {
        byte[] body = jsonlLines().getBytes(StandardCharsets.ISO_8859_1);
        long declared = chance(0.5) ? Math.max(0, body.length - 1 - random.nextInt(body.length + 1))
                : body.length + 1 + random.nextInt(10_000);
        if (chance(0.5)) {
            request.header("Content-Type", pick(CONTENT_TYPES));
        }
        request.streamedBody(declared, out -> out.write(body));
        request.halfCloseAfterBody = declared > body.length;
    }

    /** Transfer-Encoding: chunked, sometimes with broken framing or no terminating chunk (then half-closed). */
    private void chunked(Request request) {
        byte[] data = (chance(0.5) ? jsonlLines() : word()).getBytes(StandardCharsets.ISO_8859_1);
        boolean terminate = chance(0.8);
        String size = chance(0.85) ? Integer.toHexString(data.length) : pick("zz", "-1", "fffffffffffffffff", "");
        request.header("Transfer-Encoding", chance(0.9) ? "chunked" : pick("gzip, chunked", "chunked, chunked",
                "identity"));
        if (chance(0.6)) {
            request.header("Content-Type", pick(CONTENT_TYPES));
        }
        request.rawBody(out -> {
            out.write((size + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(data);
            out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            if (terminate) {
                out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            }
        });
        request.halfCloseAfterBody = !terminate;
    }

    private String word() {
        int length = 1 + random.nextInt(12);
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < length; i++) {
            word.append((char) ('a' + random.nextInt(26)));
        }
        return word.toString();
    }

    private char hex() {
        return "0123456789abcdefABCDEF".charAt(random.nextInt(22));
    }

    private boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    @SafeVarargs
    private <T> T pick(T... options) {
        return options[random.nextInt(options.length)];
    }
}
