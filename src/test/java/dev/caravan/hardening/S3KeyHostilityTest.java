package dev.caravan.hardening;

import static dev.caravan.hardening.HostileAssertions.assertClean4xx;
import static dev.caravan.hardening.HostileAssertions.assertWellFormedXml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.caravan.CaravanApplication;
import dev.caravan.CaravanS3;
import dev.caravan.hardening.RawHttp.Request;
import dev.caravan.hardening.RawHttp.Response;
import java.io.ByteArrayInputStream;
import java.net.SocketTimeoutException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.NodeList;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Hostile object keys and object writes on the S3 files API (/bedrock/files), sent on a bare socket: keys that spell
 * a way out of the bucket, bytes XML cannot carry, invalid UTF-8, keys longer than a file name may be, and bodies
 * that are empty or never finish. Every answer must be S3's: the literal key stored, or an S3 error document with a
 * 4xx; and the sandbox store must never write outside the bucket's directory.
 *
 * <p>Tests marked {@code @Disabled("fails until ...")} are the proof of a defect found here: each fails today and
 * names the fix it waits for.
 */
@CamelMainTest(mainClass = CaravanApplication.class,
        propertyPlaceholderLocations = "file:application.properties",
        properties = {"camel.server.port=0", "camel.server.host=127.0.0.1", "caravan.sandbox.enabled=true",
                // the stalled-upload case waits for this; production's 60 s would make it slow, not different
                "caravan.s3.body-idle-timeout=5000"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS) // one Caravan for all cases: a hostile request must not break the next
class S3KeyHostilityTest {

    private static final String BUCKET = "your-s3-bucket";
    private static final Duration READ = Duration.ofSeconds(30);
    private static final byte[] CONTENT = "{\"hostile\":true}\n".getBytes(StandardCharsets.UTF_8);

    @BeanInject
    CamelContext context;

    private RawHttp http;
    private SandboxDisk disk;

    // @BeforeEach, not @BeforeAll: the context is injected after the class-level callbacks have run
    @BeforeEach
    void connect() throws Exception {
        // every time: camel-test-main may boot a fresh Caravan (new port, new sandbox) between test containers
        http = HostileAssertions.rawHttp(context);
        disk = new SandboxDisk(CaravanS3.sandbox(context));
        // the bucket exists from here on, so every case below is about its key, not about a missing bucket
        assertEquals(200, send(new Request("PUT", "/bedrock/files/" + BUCKET + "/hardening/first").body(CONTENT))
                .status());
    }

    // ---- path traversal -------------------------------------------------------------------------------------

    /**
     * A key that spells a way out of its bucket is, to S3, a literal key: Caravan must store it under exactly that
     * name (readable and listable as such) or refuse it with an S3 error, and the sandbox store must never write a
     * file outside the bucket's directory. {m} stands for a unique marker file name.
     */
    @ParameterizedTest(name = "PUT key {0}")
    @ValueSource(strings = {"../{m}", "%2e%2e/{m}", "..%2F{m}", "%2E%2E%2F%2E%2E%2F%2E%2E%2F{m}", "..%2F..%2F..%2F{m}",
            "dir/..%2F..%2F..%2F{m}", "dir%2F..%2F..%2F{m}", "..%5C..%5C{m}", "%2e%2e%2f%2e%2e%2ftmp%2f{m}"})
    void traversalInAKeyIsALiteralKeyOrAnS3ErrorAndNeverLeavesTheBucket(String rawKey) {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            String marker = "escape-" + UUID.randomUUID();
            String target = "/bedrock/files/" + BUCKET + "/" + rawKey.replace("{m}", marker);
            Response put = send(new Request("PUT", target).header("Content-Type", "text/plain").body(CONTENT));
            System.out.printf("PUT %s -> %d %s; on disk: %s%n", target, put.status(), SurfaceAnswers.s3Code(put),
                    disk.pathsNamed(marker).stream().map(disk.dataDir()::relativize).toList());
            assertEquals(List.of(), disk.escapedFrom(BUCKET, marker), "a file escaped the bucket for " + target);
            if (put.status() == 200) {
                assertStoredUnderTheLiteralKey(target, decodePath(rawKey.replace("{m}", marker)));
            } else {
                assertClean4xx(target, "PUT", put);
            }
        });
    }

    /**
     * The brief for a refused traversal key: S3's InvalidArgument or InvalidURI. Today a single {@code ../} reaches
     * the sandbox store, whose HTTP server (Jetty, inside S3Proxy) refuses the path with a bodiless 400, relayed as
     * {@code InvalidRequest} / "Bad Request". Real S3 stores such a key literally.
     */
    @ParameterizedTest(name = "PUT key {0}")
    @ValueSource(strings = {"../{m}", "%2e%2e/{m}", "..%2F{m}", "dir%2F..%2F..%2F{m}"})
    void aRefusedTraversalKeyIsInvalidArgumentOrInvalidUri(String rawKey) {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            String target = "/bedrock/files/" + BUCKET + "/" + rawKey.replace("{m}", "escape-" + UUID.randomUUID());
            Response put = send(new Request("PUT", target).header("Content-Type", "text/plain").body(CONTENT));
            if (put.status() != 200) {
                assertTrue(Set.of("InvalidArgument", "InvalidURI").contains(SurfaceAnswers.s3Code(put)),
                        put.summary());
            }
        });
    }

    /**
     * Raw dot segments that climb above /bedrock/files are resolved by the HTTP router (RFC 3986 dot-segment
     * removal) before any route sees them: the request is not an S3 request any more and must write nothing.
     */
    @ParameterizedTest(name = "PUT {0}")
    @ValueSource(strings = {"/bedrock/files/" + BUCKET + "/../../{m}", "/bedrock/files/../../tmp/{m}",
            "/bedrock/files/" + BUCKET + "/%2e%2e/%2e%2e/%2e%2e/{m}"})
    void dotSegmentsAboveTheSurfaceWriteNothing(String rawTarget) {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            String marker = "climb-" + UUID.randomUUID();
            String target = rawTarget.replace("{m}", marker);
            Response put = send(new Request("PUT", target).header("Content-Type", "text/plain").body(CONTENT));
            assertEquals(List.of(), disk.pathsNamed(marker), "stored for " + target + ": " + put.summary());
            assertTrue(put.status() >= 400 && put.status() < 500, put.summary());
        });
    }

    // ---- bytes XML cannot carry -----------------------------------------------------------------------------

    /** A NUL has no place in a file name: the key is stored literally, or refused with InvalidArgument / InvalidURI. */
    @Test
    void anEncodedNulInAKeyIsALiteralKeyOrInvalid() {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            String marker = "nul-" + UUID.randomUUID();
            String target = "/bedrock/files/" + BUCKET + "/" + marker + "%00.jsonl";
            Response put = send(new Request("PUT", target).header("Content-Type", "text/plain").body(CONTENT));
            assertEquals(List.of(), disk.escapedFrom(BUCKET, marker), "a file escaped the bucket");
            if (put.status() == 200) {
                assertStoredUnderTheLiteralKey(target, marker + "\u0000.jsonl");
            } else {
                assertClean4xx(target, "PUT", put);
                assertTrue(Set.of("InvalidArgument", "InvalidURI").contains(SurfaceAnswers.s3Code(put)),
                        put.summary());
            }
        });
    }

    /**
     * An error that names a key holding a character XML 1.0 cannot carry (NoSuchKey's Key and Resource) must still
     * be a well-formed S3 error, not a 500 from an XML writer that refused the character.
     */
    @ParameterizedTest(name = "GET a missing key with {0}")
    @ValueSource(strings = {"%00", "%01", "%08", "%1F", "%EF%BF%BE", "\u0001" /* sent as the raw byte 0x01 */})
    void anErrorNamingAKeyXmlCannotCarryIsStillAnS3Error(String escape) {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            String target = "/bedrock/files/" + BUCKET + "/missing-" + UUID.randomUUID() + "-" + escape;
            assertClean4xx(target, "GET", send(new Request("GET", target)));
        });
    }

    /**
     * One stored key with a control character must not break the bucket's listing for everyone. With
     * {@code encoding-type=url} the key travels as %01 and XML is no obstacle at all.
     */
    @ParameterizedTest(name = "list a prefix holding a key with {0}")
    @ValueSource(strings = {"%01", "%1F"})
    void aListingOfAKeyWithAControlCharacterIsWellFormed(String escape) {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            String prefix = "ctl-" + UUID.randomUUID() + "-";
            String target = "/bedrock/files/" + BUCKET + "/" + prefix + escape;
            Response put = send(new Request("PUT", target).body(CONTENT));
            assertEquals(200, put.status(), put.summary());
            try {
                for (String encoding : List.of("&encoding-type=url", "")) {
                    Response list = send(new Request("GET", "/bedrock/files/" + BUCKET + "?list-type=2&prefix="
                            + URLEncoder.encode(prefix, StandardCharsets.UTF_8) + encoding));
                    assertEquals(200, list.status(), "listing" + encoding + ": " + list.summary());
                    assertWellFormedXml(list);
                }
            } finally {
                send(new Request("DELETE", target));
            }
        });
    }

    // ---- invalid UTF-8 --------------------------------------------------------------------------------------

    /**
     * Two different invalid byte sequences must not name the same object: decoding both to U+FFFD lets a write to one
     * key overwrite, and a read serve, another. S3 refuses such a URI (400 InvalidURI).
     */
    @Test
    void invalidUtf8InAKeyNeverAliasesAnotherKey() {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            String base = "/bedrock/files/" + BUCKET + "/utf8-" + UUID.randomUUID() + "-";
            Response put = send(new Request("PUT", base + "%ff").body(CONTENT));
            if (put.status() == 200) {
                Response other = send(new Request("GET", base + "%fe"));
                send(new Request("DELETE", base + "%ff"));
                assertEquals(404, other.status(), "key ...%fe served the object written as ...%ff (both decode to "
                        + "U+FFFD): " + other.summary());
            } else {
                assertClean4xx(base + "%ff", "PUT", put);
            }
        });
    }

    // ---- writes that are empty, too long, or never finish ---------------------------------------------------

    /**
     * A zero-byte object (a "folder" marker, an empty batch file) is an ordinary PutObject: the AWS SDKs send it
     * with {@code Content-Length: 0}.
     */
    @Test
    void anEmptyObjectIsStored() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            String key = "hardening/empty-" + UUID.randomUUID();
            Response put = send(new Request("PUT", "/bedrock/files/" + BUCKET + "/" + key).body(new byte[0]));
            assertEquals(200, put.status(), put.summary());
            try (S3Client sdk = CaravanS3.clientBuilder(context).build()) {
                sdk.putObject(b -> b.bucket(BUCKET).key(key + "-sdk"), RequestBody.empty());
                assertEquals(0, sdk.getObjectAsBytes(b -> b.bucket(BUCKET).key(key + "-sdk")).asByteArray().length);
            }
        });
    }

    /**
     * S3 keys may be 1024 bytes in any shape; a file system allows 255 bytes per path segment. The sandbox store
     * must answer such a key as S3 does (store it), or at worst refuse it with a 4xx, never fail with a 5xx.
     */
    @Test
    void aKeySegmentLongerThanAFileNameIsNotA5xx() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            String target = "/bedrock/files/" + BUCKET + "/hardening/" + "k".repeat(300);
            for (Request request : List.of(new Request("PUT", target).body(CONTENT), new Request("GET", target),
                    new Request("DELETE", target))) {
                Response response = send(request);
                assertTrue(response.status() < 500, request.method + " -> " + response.summary());
            }
        });
    }

    /** A raw '#' is not part of a request target; what follows it must not be parsed as the query. */
    @ParameterizedTest(name = "GET {0}")
    @ValueSource(strings = {"/bedrock/files/" + BUCKET + "/k#x?a=%zz", "/bedrock/files/" + BUCKET + "/k#?%ff=%"})
    void aFragmentFollowedByABadQueryIsNotA500(String target) {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertClean4xx(target, "GET",
                send(new Request("GET", target))));
    }

    /**
     * For a provider whose objects are its files, a key that is no file id of it (here one that looks like a path) is
     * S3's 404 NoSuchKey saying how to name a file, never a read of anything else; a multipart upload, which a file
     * cannot be, is S3's 501 NotImplemented naming the provider.
     */
    @ParameterizedTest(name = "x-model-provider: {0}")
    @ValueSource(strings = {"openai", "anthropic", "gemini"})
    void aProviderFileKeyThatIsNoFileIdIsNoSuchKey(String provider) {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            String target = "/bedrock/files/" + BUCKET + "/hardening/provider.jsonl";
            Response response = send(new Request("GET", target).header("x-model-provider", provider));
            assertEquals(404, response.status());
            assertTrue(response.text().contains("<Code>NoSuchKey</Code>") && response.text().contains("IfMatch"),
                    response.text());
            Response multipart = send(new Request("POST", "/bedrock/files/" + BUCKET + "/big.jsonl?uploads")
                    .header("x-model-provider", provider));
            assertEquals(501, multipart.status());
            assertTrue(multipart.text().contains("<Code>NotImplemented</Code>")
                    && multipart.text().contains("'" + provider + "'"), multipart.text());
        });
    }

    /**
     * The client declares a body and goes quiet. After caravan.s3.body-idle-timeout (5 s here) Caravan must give
     * up and answer, within a bound.
     */
    @Test
    void aStalledPutIsAnsweredWithinTheBodyIdleTimeout() {
        assertTimeoutPreemptively(Duration.ofSeconds(40), () -> {
            Response response = sendStalledPut();
            assertTrue(response.status() != 0, "closed without an answer");
        });
    }

    /** ... and the answer is S3's for a caller that stopped sending: 400 RequestTimeout, not a store failure. */
    @Test
    void aStalledPutIsA400RequestTimeout() {
        assertTimeoutPreemptively(Duration.ofSeconds(40), () -> {
            Response response = sendStalledPut();
            assertClean4xx("/bedrock/files/x", "PUT", response);
            assertEquals("RequestTimeout", SurfaceAnswers.s3Code(response), response.summary());
        });
    }

    private Response sendStalledPut() throws Exception {
        Request request = new Request("PUT", "/bedrock/files/" + BUCKET + "/stalled-" + UUID.randomUUID())
                .streamedBody(1024, out -> {
                    out.write(CONTENT);
                    out.flush();
                    try {
                        Thread.sleep(Duration.ofMinutes(5).toMillis());
                    } catch (InterruptedException stop) {
                        Thread.currentThread().interrupt();
                    }
                });
        try {
            Response response = http.send(request, Duration.ofSeconds(30));
            System.out.println("stalled S3 PUT: " + response.summary());
            return response;
        } catch (SocketTimeoutException hang) {
            fail("no answer 30 s after the client stalled, with a 5 s body idle timeout");
            return null;
        }
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private Response send(Request request) throws Exception {
        return http.send(request, READ);
    }

    private void assertStoredUnderTheLiteralKey(String target, String literalKey) throws Exception {
        Response get = send(new Request("GET", target));
        assertEquals(200, get.status(), get.summary());
        assertEquals(new String(CONTENT, StandardCharsets.UTF_8), get.text());
        Response list = send(new Request("GET", "/bedrock/files/" + BUCKET + "?list-type=2&encoding-type=url&prefix="
                + URLEncoder.encode(literalKey, StandardCharsets.UTF_8)));
        assertEquals(200, list.status(), list.summary());
        assertTrue(listedKeys(list).contains(literalKey), "stored, but not under the literal key "
                + RawHttp.printable(literalKey, 200) + ": " + list.text());
        assertEquals(204, send(new Request("DELETE", target)).status());
    }

    /** A path's percent-decoding as S3 does it: {@code +} stays a plus. */
    private static String decodePath(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static List<String> listedKeys(Response list) throws Exception {
        NodeList keys = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(list.body())).getElementsByTagName("Key");
        List<String> decoded = new ArrayList<>();
        for (int i = 0; i < keys.getLength(); i++) {
            decoded.add(URLDecoder.decode(keys.item(i).getTextContent(), StandardCharsets.UTF_8));
        }
        return decoded;
    }
}
