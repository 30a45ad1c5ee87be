package dev.caravan.surface.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.caravan.CaravanApplication;
import dev.caravan.CaravanS3;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Wire details of the files API that the SDK contract does not pin down: what boto3 sends over https
 * (aws-chunked with an unsigned trailer), virtual-hosted addressing, the listing forms of other SDKs, and the
 * headers S3 clients read. The sandbox creates buckets on first write, as the documents expect.
 */
@CamelMainTest(mainClass = CaravanApplication.class,
        propertyPlaceholderLocations = "file:application.properties",
        properties = {"camel.server.port=0", "camel.server.host=127.0.0.1", "caravan.sandbox.enabled=true"})
class S3SurfaceTest {

    /** The exact body boto3 sent over https for three lines of {"x":1} (provider-apis.md §7.8). */
    private static final String BOTO3_HTTPS_BODY =
            "18\r\n{\"x\":1}\n{\"x\":1}\n{\"x\":1}\n\r\n0\r\nx-amz-checksum-crc32:HNe1bA==\r\n\r\n";
    private static final String DECODED = "{\"x\":1}\n{\"x\":1}\n{\"x\":1}\n";

    @BeanInject
    CamelContext context;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void boto3OverHttpsAwsChunkedWithATrailingChecksumIsStoredDecoded() throws Exception {
        HttpResponse<String> put = send(awsChunkedPut("surface/boto3-https.jsonl", BOTO3_HTTPS_BODY));
        assertEquals(200, put.statusCode(), put.body());
        assertEquals("HNe1bA==", put.headers().firstValue("x-amz-checksum-crc32").orElse(null));

        HttpResponse<String> get = send(request("surface/boto3-https.jsonl").GET().build());
        assertEquals(DECODED, get.body());
        assertEquals("24", get.headers().firstValue("Content-Length").orElse(null));
    }

    @Test
    void aTrailingChecksumThatDoesNotMatchIsBadDigestAndStoresNothing() throws Exception {
        HttpResponse<String> put = send(awsChunkedPut("surface/bad-trailer.jsonl",
                BOTO3_HTTPS_BODY.replace("HNe1bA==", "AAAAAA==")));
        assertEquals(400, put.statusCode());
        assertTrue(put.body().contains("<Code>BadDigest</Code>"), put.body());
        assertEquals(404, send(request("surface/bad-trailer.jsonl").GET().build()).statusCode());
    }

    @Test
    void boto3OverHttpSendsAChecksumHeaderAndExpectContinue() throws Exception {
        HttpResponse<String> put = send(request("surface/boto3-http.jsonl")
                .expectContinue(true)
                .header("Content-Type", "application/jsonl")
                .header("x-amz-checksum-crc32", "HNe1bA==")
                .header("x-amz-sdk-checksum-algorithm", "CRC32")
                .PUT(HttpRequest.BodyPublishers.ofString(DECODED)).build());
        assertEquals(200, put.statusCode(), put.body());
        assertEquals("\"" + md5Hex(DECODED) + "\"", put.headers().firstValue("ETag").orElse(null));
        assertEquals("HNe1bA==", put.headers().firstValue("x-amz-checksum-crc32").orElse(null));

        HttpResponse<String> head = send(request("surface/boto3-http.jsonl")
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        assertEquals("24", head.headers().firstValue("Content-Length").orElse(null));
        assertEquals("application/jsonl", head.headers().firstValue("Content-Type").orElse(null));
        assertTrue(head.headers().firstValue("Last-Modified").orElse("").endsWith(" GMT"));
        assertTrue(head.headers().firstValue("x-amz-request-id").isPresent());
    }

    @Test
    void rangeReadsAnswer206WithContentRangeAndExactlyThoseBytes() throws Exception {
        send(request("surface/range.txt").PUT(HttpRequest.BodyPublishers.ofString("0123456789abcdef")).build());
        HttpResponse<String> part = send(request("surface/range.txt").header("Range", "bytes=4-7").GET().build());
        assertEquals(206, part.statusCode());
        assertEquals("4567", part.body());
        assertEquals("bytes 4-7/16", part.headers().firstValue("Content-Range").orElse(null));
        assertEquals("4", part.headers().firstValue("Content-Length").orElse(null));
    }

    @Test
    void urlEncodedListingEchoesEncodingTypeAndEncodesKeys() throws Exception {
        send(request("surface/list/a b+c.jsonl").PUT(HttpRequest.BodyPublishers.ofString("{}")).build());
        HttpResponse<String> list = send(HttpRequest.newBuilder(URI.create(CaravanS3.endpoint(context)
                + "/your-s3-bucket?list-type=2&prefix=surface%2Flist%2F&encoding-type=url")).GET().build());
        assertEquals(200, list.statusCode());
        assertEquals("application/xml", list.headers().firstValue("Content-Type").orElse(null));
        assertTrue(list.body().contains("<EncodingType>url</EncodingType>"), list.body());
        assertTrue(list.body().contains("<Key>surface%2Flist%2Fa+b%2Bc.jsonl</Key>"), list.body());
    }

    @Test
    void nodeStyleListingWithATrailingSlashAndNoEncodingReturnsRawKeys() throws Exception {
        send(request("surface/node/x y.jsonl").PUT(HttpRequest.BodyPublishers.ofString("{}")).build());
        HttpResponse<String> list = send(HttpRequest.newBuilder(URI.create(CaravanS3.endpoint(context)
                + "/your-s3-bucket/?list-type=2&prefix=surface%2Fnode%2F&x-id=ListObjectsV2")).GET().build());
        assertEquals(200, list.statusCode(), list.body());
        assertTrue(list.body().contains("<Key>surface/node/x y.jsonl</Key>"), list.body());
    }

    @Test
    void virtualHostedStyleTakesTheBucketFromTheHostName() {
        // *.localhost does not resolve everywhere; the client resolves it to loopback as wildcard DNS would
        try (S3Client virtualHosted = CaravanS3.clientBuilder(context)
                .endpointOverride(URI.create("http://localhost:" + CaravanS3.endpoint(context).getPort()
                        + "/bedrock/files"))
                .forcePathStyle(false)
                .httpClientBuilder(ApacheHttpClient.builder()
                        .dnsResolver(host -> new InetAddress[] {InetAddress.getLoopbackAddress()}))
                .build();
             S3Client pathStyle = CaravanS3.clientBuilder(context).build()) {
            virtualHosted.putObject(b -> b.bucket("virtual-bucket").key("in/v.jsonl"),
                    RequestBody.fromString("{\"v\":1}"));

            assertArrayEquals("{\"v\":1}".getBytes(StandardCharsets.UTF_8),
                    pathStyle.getObjectAsBytes(b -> b.bucket("virtual-bucket").key("in/v.jsonl")).asByteArray());
            List<S3Object> listed = virtualHosted.listObjectsV2(b -> b.bucket("virtual-bucket").prefix("in/"))
                    .contents();
            assertEquals(List.of("in/v.jsonl"), listed.stream().map(S3Object::key).toList());
        }
    }

    @Test
    void withoutXModelProviderTheBedrockProviderServesTheRequest() throws Exception {
        send(request("surface/default.txt").PUT(HttpRequest.BodyPublishers.ofString("d")).build());
        HttpResponse<String> named = send(request("surface/default.txt").header("x-model-provider", "bedrock")
                .GET().build());
        assertEquals("d", named.body());
    }

    private HttpRequest awsChunkedPut(String key, String body) {
        return request(key)
                .header("Content-Encoding", "aws-chunked")
                .header("x-amz-content-sha256", "STREAMING-UNSIGNED-PAYLOAD-TRAILER")
                .header("x-amz-trailer", "x-amz-checksum-crc32")
                .header("x-amz-decoded-content-length", "24")
                .header("x-amz-sdk-checksum-algorithm", "CRC32")
                .header("Content-Type", "application/jsonl")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private HttpRequest.Builder request(String key) {
        String path = String.join("/", java.util.Arrays.stream(key.split("/"))
                .map(segment -> java.net.URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"))
                .toList());
        return HttpRequest.newBuilder(URI.create(CaravanS3.endpoint(context) + "/your-s3-bucket/" + path));
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String md5Hex(String text) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
