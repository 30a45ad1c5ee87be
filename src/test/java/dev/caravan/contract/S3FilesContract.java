package dev.caravan.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.EncodingType;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ListPartsResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * What a user of the official AWS SDK for Java v2 may rely on from an S3 endpoint used as a files API: the boto3
 * files flow of the Bedrock guide, key encoding, listing, multipart uploads, checksums, conditional requests and
 * errors. It only uses behaviour real S3 has, so the same contract runs against S3Proxy directly and against
 * Caravan's S3-compatible surface.
 *
 * <p>Subclasses say where the endpoint is and how to sign for it; the contract chooses each client's checksum
 * policy, because several checks are about exactly what goes on the wire. Test methods are protected so that an
 * implementation in another package can override one it does not meet with {@code @Disabled} and the reason.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class S3FilesContract {

    private static final int MIB = 1024 * 1024;
    private static final Duration CLOCK_TOLERANCE = Duration.ofMinutes(2);
    private static final String BEDROCK_JSONL_TYPE = "application/jsonl";

    private final String runId = HexFormat.of().formatHex(randomBytes(4, new Random()));
    private final WireLog wire = new WireLog();
    private S3Client client;
    private S3Client whenRequiredClient;
    private String bucket;
    private List<String> pagingKeys;

    /**
     * A builder pointed at the implementation: endpoint, region, credentials, path-style addressing, HTTP client.
     * Leave the checksum settings alone, the contract sets them.
     */
    protected abstract S3ClientBuilder clientBuilder();

    /** Makes an empty bucket the clients can write to. */
    protected abstract void createBucket(String name);

    /** The SDK's default policy, spelled out: a CRC32 on every upload, aws-chunked with a trailer for streams. */
    protected S3Client client() {
        if (client == null) {
            client = build(RequestChecksumCalculation.WHEN_SUPPORTED);
        }
        return client;
    }

    /** Computes no checksum of its own, so a hand-set Content-MD5 or x-amz-checksum-* header goes out alone. */
    protected S3Client whenRequiredClient() {
        if (whenRequiredClient == null) {
            whenRequiredClient = build(RequestChecksumCalculation.WHEN_REQUIRED);
        }
        return whenRequiredClient;
    }

    /** One bucket per run, so earlier runs against a long-lived endpoint cannot show up in listings. */
    protected String bucket() {
        if (bucket == null) {
            bucket = "caravan-contract-" + runId;
            createBucket(bucket);
        }
        return bucket;
    }

    /** Idempotent, so a subclass can close the clients before it stops the server they are connected to. */
    @AfterAll
    protected void closeClients() {
        if (client != null) {
            client.close();
            client = null;
        }
        if (whenRequiredClient != null) {
            whenRequiredClient.close();
            whenRequiredClient = null;
        }
    }

    // ---- the files flow of the Bedrock guide (boto3 put/list/head/get/delete) -------------------------------------

    @Test
    protected void batchInputFileGoesThroughPutListHeadGetDeleteAsInTheBedrockGuide() {
        // The guide passes the ETag with its quotes stripped, and boto3 sends If-Match exactly as given.
        runBedrockGuideFilesFlow(eTag -> eTag.replace("\"", ""));
    }

    /** The guide's put_object, list_objects_v2, head_object, get_object and delete_object, with its If-Match use. */
    protected void runBedrockGuideFilesFlow(UnaryOperator<String> ifMatchForm) {
        byte[] jsonl = bedrockBatchJsonl(2);
        String key = "deepintshield-batch-input/batch_input_" + Instant.now().getEpochSecond() + ".jsonl";

        PutObjectResponse put = client().putObject(b -> b.bucket(bucket()).key(key).contentType(BEDROCK_JSONL_TYPE),
                RequestBody.fromBytes(jsonl));
        assertEquals(quoted(md5Hex(jsonl)), put.eTag(), "the ETag of a single PUT is the quoted MD5 of the bytes");
        String fileId = ifMatchForm.apply(put.eTag());

        ListObjectsV2Response listed = client().listObjectsV2(b -> b.bucket(bucket())
                .prefix("deepintshield-batch-input/"));
        S3Object object = listed.contents().stream().filter(o -> o.key().equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError(key + " not listed in " + listed.contents()));
        assertEquals(jsonl.length, object.size());
        assertEquals(put.eTag(), object.eTag());
        assertRecent(object.lastModified());

        HeadObjectResponse head = client().headObject(b -> b.bucket(bucket()).key(key).ifMatch(fileId));
        assertEquals(jsonl.length, head.contentLength());
        assertEquals(BEDROCK_JSONL_TYPE, head.contentType());
        assertEquals(put.eTag(), head.eTag());
        assertEquals(object.lastModified(), head.lastModified(), "HEAD and the listing agree on Last-Modified");

        ResponseBytes<GetObjectResponse> got = client().getObjectAsBytes(b -> b.bucket(bucket()).key(key)
                .ifMatch(fileId));
        assertArrayEquals(jsonl, got.asByteArray());
        assertEquals(BEDROCK_JSONL_TYPE, got.response().contentType());

        DeleteObjectResponse deleted = client().deleteObject(b -> b.bucket(bucket()).key(key).ifMatch(fileId));
        assertEquals(204, deleted.sdkHttpResponse().statusCode());

        assertStatus(404, () -> client().headObject(b -> b.bucket(bucket()).key(key)));
        NoSuchKeyException gone = assertThrows(NoSuchKeyException.class,
                () -> client().getObjectAsBytes(b -> b.bucket(bucket()).key(key)));
        assertEquals(404, gone.statusCode());
        assertEquals("NoSuchKey", gone.awsErrorDetails().errorCode());
        assertTrue(client().listObjectsV2(b -> b.bucket(bucket()).prefix(key)).contents().isEmpty(),
                "a deleted key is no longer listed");
    }

    // ---- keys ------------------------------------------------------------------------------------------------

    @Test
    protected void keysWithUrlReservedCharactersRoundTrip() {
        // "%20" and "%2F" must survive as text: a server that decodes twice turns them into a space and a slash.
        assertKeysRoundTrip("keys-reserved/", List.of("with space.jsonl", "plus+sign.jsonl", "percent%20and%2F.jsonl",
                "100%.jsonl", "equals=sign.jsonl", "amp&ersand.jsonl", "question?mark.jsonl", "hash#tag.jsonl",
                "all of + % = & ? # together.jsonl"));
    }

    @Test
    protected void keysWithNonAsciiCharactersRoundTrip() {
        assertKeysRoundTrip("keys-unicode/", List.of("caf\u00e9.jsonl", "\u65e5\u672c/\u30c7\u30fc\u30bf.jsonl",
                "mixed \u00e9 \u65e5\u672c + %.jsonl"));
    }

    @Test
    protected void nestedKeysRoundTrip() {
        assertKeysRoundTrip("keys-nested/", List.of("a/b/c/d.jsonl", "a/b.jsonl", "a.jsonl"));
    }

    @Test
    protected void keysWithAnEmptyPathSegmentRoundTrip() {
        assertKeysRoundTrip("keys-empty-segment/", List.of("a//b.jsonl", "c/.jsonl"));
    }

    @Test
    protected void keyWithATrailingSpaceRoundTrips() {
        assertKeysRoundTrip("keys-trailing-space/", List.of("name ", "dir /file.jsonl"));
    }

    // ---- listing ---------------------------------------------------------------------------------------------

    @Test
    protected void listingPagesThroughEveryKeyOnceInAscendingOrder() {
        List<String> keys = pagingKeys();
        String prefix = pagingPrefix();

        List<String> listed = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String token = null;
        do {
            String requested = token;
            ListObjectsV2Response page = client().listObjectsV2(b -> b.bucket(bucket()).prefix(prefix).maxKeys(1000)
                    .continuationToken(requested));
            pageSizes.add(page.contents().size());
            page.contents().forEach(o -> listed.add(o.key()));
            assertEquals(page.contents().size(), page.keyCount(), "KeyCount is the number of keys on the page");
            assertEquals(1000, page.maxKeys());
            if (requested != null) {
                assertEquals(requested, page.continuationToken(), "the request's token is echoed");
            }
            if (page.isTruncated()) {
                assertNotNull(page.nextContinuationToken(), "a truncated page says where to continue");
            } else {
                assertNull(page.nextContinuationToken(), "the last page has no continuation token");
            }
            token = page.nextContinuationToken();
        } while (token != null && pageSizes.size() < 10);

        assertEquals(List.of(1000, 1000, 500), pageSizes);
        assertEquals(keys, listed, "every key exactly once, in ascending UTF-8 order");
    }

    @Test
    protected void listingStartsAfterTheGivenKey() {
        List<String> keys = pagingKeys();

        ListObjectsV2Response page = client().listObjectsV2(b -> b.bucket(bucket()).prefix(pagingPrefix())
                .startAfter(keys.get(2489)));

        assertEquals(keys.subList(2490, 2500), page.contents().stream().map(S3Object::key).toList());
        assertEquals(keys.get(2489), page.startAfter());
        assertFalse(page.isTruncated());
        assertEquals(10, page.keyCount());
    }

    @Test
    protected void delimiterRollsSubfoldersUpIntoCommonPrefixes() {
        String prefix = "tree-" + runId + "/";
        putAll(List.of(prefix + "a.jsonl", prefix + "b/1.jsonl", prefix + "b/2.jsonl", prefix + "c.jsonl",
                prefix + "c/d/3.jsonl", prefix + "e/5.jsonl"));

        ListObjectsV2Response top = client().listObjectsV2(b -> b.bucket(bucket()).prefix(prefix).delimiter("/"));

        assertEquals(List.of(prefix + "a.jsonl", prefix + "c.jsonl"), keysOf(top));
        assertEquals(List.of(prefix + "b/", prefix + "c/", prefix + "e/"), prefixesOf(top));
        assertEquals("/", top.delimiter());
        assertEquals(prefix, top.prefix());
        assertEquals(5, top.keyCount(), "KeyCount counts keys and common prefixes alike");

        ListObjectsV2Response folder = client().listObjectsV2(b -> b.bucket(bucket()).prefix(prefix + "b/")
                .delimiter("/"));
        assertEquals(List.of(prefix + "b/1.jsonl", prefix + "b/2.jsonl"), keysOf(folder));
        assertTrue(folder.commonPrefixes().isEmpty());
    }

    @Test
    protected void delimiterListingPagesOverKeysAndCommonPrefixesTogether() {
        String prefix = "tree-pages-" + runId + "/";
        putAll(List.of(prefix + "a.jsonl", prefix + "b/1.jsonl", prefix + "b/2.jsonl", prefix + "c.jsonl",
                prefix + "c/d/3.jsonl", prefix + "e/5.jsonl"));

        List<String> entries = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String token = null;
        do {
            String requested = token;
            ListObjectsV2Response page = client().listObjectsV2(b -> b.bucket(bucket()).prefix(prefix).delimiter("/")
                    .maxKeys(2).continuationToken(requested));
            entries.addAll(keysOf(page));
            entries.addAll(prefixesOf(page));
            pageSizes.add(page.contents().size() + page.commonPrefixes().size());
            token = page.nextContinuationToken();
        } while (token != null && pageSizes.size() < 10);

        // MaxKeys bounds keys and prefixes together, and a prefix is never repeated on a later page.
        assertEquals(List.of(2, 2, 1), pageSizes);
        assertEquals(List.of(prefix + "a.jsonl", prefix + "b/", prefix + "c.jsonl", prefix + "c/", prefix + "e/"),
                entries.stream().sorted(utf8Order()).toList());
    }

    @Test
    protected void urlEncodedListingComesBackDecoded() {
        String prefix = "encoded " + runId + "/";
        String plain = prefix + "a b+c.jsonl";
        String nested = prefix + "sub dir+x/y%z.jsonl";
        putAll(List.of(plain, nested));

        ListObjectsV2Response page = client().listObjectsV2(b -> b.bucket(bucket()).prefix(prefix).delimiter("/")
                .encodingType(EncodingType.URL));

        assertEquals(List.of(plain), keysOf(page));
        assertEquals(List.of(prefix + "sub dir+x/"), prefixesOf(page));
        assertEquals(prefix, page.prefix());
        ListObjectsV2Response flat = client().listObjectsV2(b -> b.bucket(bucket()).prefix(prefix)
                .encodingType(EncodingType.URL));
        assertEquals(List.of(plain, nested), keysOf(flat));
    }

    // ---- multipart -------------------------------------------------------------------------------------------

    @Test
    protected void multipartUploadOf64MiBCompletesByteIdenticalWithAPartCountETag() throws IOException {
        String key = "multipart/" + runId + "/big.jsonl";
        int size = 64 * MIB;
        int partSize = 5 * MIB;
        // No flexible checksums: with WHEN_SUPPORTED the SDK adds a CRC32 to each part of an upload created without
        // one, and real S3 then refuses to complete it (aws/aws-sdk-java-v2#6518).
        S3Client s3 = whenRequiredClient();
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket()).key(key).contentType(BEDROCK_JSONL_TYPE))
                .uploadId();

        MessageDigest sha256 = digest("SHA-256");
        MessageDigest md5OfPartMd5s = digest("MD5");
        List<CompletedPart> completed = new ArrayList<>();
        List<Long> partSizes = new ArrayList<>();
        Random random = new Random(64);
        for (int offset = 0, number = 1; offset < size; offset += partSize, number++) {
            byte[] part = randomBytes(Math.min(partSize, size - offset), random);
            sha256.update(part);
            byte[] partMd5 = digest("MD5").digest(part);
            md5OfPartMd5s.update(partMd5);
            int partNumber = number;
            UploadPartResponse uploaded = s3.uploadPart(b -> b.bucket(bucket()).key(key).uploadId(uploadId)
                    .partNumber(partNumber), RequestBody.fromBytes(part));
            assertEquals(quoted(HexFormat.of().formatHex(partMd5)), uploaded.eTag(), "part " + partNumber);
            completed.add(CompletedPart.builder().partNumber(partNumber).eTag(uploaded.eTag()).build());
            partSizes.add((long) part.length);
        }
        assertEquals(13, completed.size(), "12 parts of 5 MiB and a last one of 4 MiB");

        ListPartsResponse parts = s3.listParts(b -> b.bucket(bucket()).key(key).uploadId(uploadId));
        assertEquals(IntStream.rangeClosed(1, 13).boxed().toList(), parts.parts().stream().map(Part::partNumber)
                .toList());
        assertEquals(partSizes, parts.parts().stream().map(Part::size).toList());
        assertEquals(completed.stream().map(CompletedPart::eTag).toList(), parts.parts().stream().map(Part::eTag)
                .toList());

        String expectedETag = quoted(HexFormat.of().formatHex(md5OfPartMd5s.digest()) + "-13");
        String eTag = s3.completeMultipartUpload(b -> b.bucket(bucket()).key(key).uploadId(uploadId)
                .multipartUpload(m -> m.parts(completed))).eTag();
        assertEquals(expectedETag, eTag, "a multipart ETag is the MD5 of the part MD5s and the part count");

        try (ResponseInputStream<GetObjectResponse> body = s3.getObject(b -> b.bucket(bucket()).key(key))) {
            assertEquals(size, body.response().contentLength());
            assertEquals(expectedETag, body.response().eTag());
            assertArrayEquals(sha256.digest(), sha256Of(body), "the object is the parts, byte for byte");
        }
    }

    @Test
    protected void completedMultipartUploadIsNoLongerAnUpload() {
        String key = "multipart/" + runId + "/completed.jsonl";
        S3Client s3 = whenRequiredClient();
        byte[] content = bedrockBatchJsonl(2);
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket()).key(key)).uploadId();
        String eTag = s3.uploadPart(b -> b.bucket(bucket()).key(key).uploadId(uploadId).partNumber(1),
                RequestBody.fromBytes(content)).eTag();
        s3.completeMultipartUpload(b -> b.bucket(bucket()).key(key).uploadId(uploadId)
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(eTag).build())));

        assertArrayEquals(content, getBytes(key));
        assertTrue(s3.listMultipartUploads(b -> b.bucket(bucket()).prefix(key)).uploads().stream()
                .noneMatch(u -> u.uploadId().equals(uploadId)), "the completed upload is not listed");
        S3Exception noUpload = assertStatus(404, () -> s3.listParts(b -> b.bucket(bucket()).key(key)
                .uploadId(uploadId)));
        assertEquals("NoSuchUpload", noUpload.awsErrorDetails().errorCode());
    }

    @Test
    protected void multipartUploadWithCrc32PartChecksumsCompletesWithACompositeChecksum() {
        String key = "multipart/" + runId + "/crc32.jsonl";
        Random random = new Random(32);
        List<byte[]> parts = List.of(randomBytes(5 * MIB, random), randomBytes(MIB + 7, random));
        // The algorithm is declared up front, as real S3 requires once parts carry checksums.
        String uploadId = client().createMultipartUpload(b -> b.bucket(bucket()).key(key)
                .checksumAlgorithm(ChecksumAlgorithm.CRC32)).uploadId();

        List<CompletedPart> completed = new ArrayList<>();
        CRC32 crcOfPartCrcs = new CRC32();
        for (int i = 0; i < parts.size(); i++) {
            int partNumber = i + 1;
            byte[] part = parts.get(i);
            String crc = crc32Base64(part);
            UploadPartResponse uploaded = client().uploadPart(b -> b.bucket(bucket()).key(key).uploadId(uploadId)
                    .partNumber(partNumber).checksumAlgorithm(ChecksumAlgorithm.CRC32), RequestBody.fromBytes(part));
            crcOfPartCrcs.update(Base64.getDecoder().decode(crc));
            completed.add(CompletedPart.builder().partNumber(partNumber).eTag(uploaded.eTag()).checksumCRC32(crc)
                    .build());
        }
        ListPartsResponse listed = client().listParts(b -> b.bucket(bucket()).key(key).uploadId(uploadId));
        client().completeMultipartUpload(b -> b.bucket(bucket()).key(key).uploadId(uploadId)
                .multipartUpload(m -> m.parts(completed)));

        byte[] whole = ByteBuffer.allocate(parts.get(0).length + parts.get(1).length).put(parts.get(0))
                .put(parts.get(1)).array();
        assertArrayEquals(whole, client().getObjectAsBytes(b -> b.bucket(bucket()).key(key)).asByteArray());
        assertEquals(completed.stream().map(CompletedPart::checksumCRC32).toList(),
                listed.parts().stream().map(Part::checksumCRC32).toList(), "ListParts shows each part's CRC32");
        HeadObjectResponse head = client().headObject(b -> b.bucket(bucket()).key(key)
                .checksumMode(ChecksumMode.ENABLED));
        String composite = Base64.getEncoder().encodeToString(crc32Bytes(crcOfPartCrcs.getValue())) + "-2";
        assertEquals(composite, head.checksumCRC32(), "the CRC32 of the part CRC32s, and the part count");
    }

    @Test
    protected void uploadsEchoTheChecksumTheyVerified() {
        String key = "checksums/" + runId + "/echo.jsonl";
        byte[] content = bedrockBatchJsonl(4);

        PutObjectResponse put = client().putObject(b -> b.bucket(bucket()).key(key)
                .checksumAlgorithm(ChecksumAlgorithm.CRC32), RequestBody.fromBytes(content));
        assertEquals(crc32Base64(content), put.checksumCRC32(), "PutObject");

        String mpuKey = key + ".multipart";
        String uploadId = client().createMultipartUpload(b -> b.bucket(bucket()).key(mpuKey)
                .checksumAlgorithm(ChecksumAlgorithm.CRC32)).uploadId();
        try {
            UploadPartResponse part = client().uploadPart(b -> b.bucket(bucket()).key(mpuKey).uploadId(uploadId)
                    .partNumber(1).checksumAlgorithm(ChecksumAlgorithm.CRC32), RequestBody.fromBytes(content));
            assertEquals(crc32Base64(content), part.checksumCRC32(), "UploadPart");
        } finally {
            client().abortMultipartUpload(b -> b.bucket(bucket()).key(mpuKey).uploadId(uploadId));
        }
    }

    @Test
    protected void abortedMultipartUploadLeavesNothingBehind() {
        String key = "multipart/" + runId + "/aborted.jsonl";
        S3Client s3 = whenRequiredClient();
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket()).key(key)).uploadId();
        s3.uploadPart(b -> b.bucket(bucket()).key(key).uploadId(uploadId).partNumber(1),
                RequestBody.fromBytes(randomBytes(MIB, new Random(1))));

        s3.abortMultipartUpload(b -> b.bucket(bucket()).key(key).uploadId(uploadId));

        assertStatus(404, () -> s3.headObject(b -> b.bucket(bucket()).key(key)));
        assertTrue(s3.listMultipartUploads(b -> b.bucket(bucket()).prefix(key)).uploads().stream()
                .noneMatch(u -> u.uploadId().equals(uploadId)), "the aborted upload is not listed");
        S3Exception noUpload = assertStatus(404, () -> s3.listParts(b -> b.bucket(bucket()).key(key)
                .uploadId(uploadId)));
        assertEquals("NoSuchUpload", noUpload.awsErrorDetails().errorCode());
    }

    // ---- checksums and digests -------------------------------------------------------------------------------

    @Test
    protected void chunkedUploadWithATrailingCrc32StoresExactlyTheOriginalBytes() {
        String key = "checksums/" + runId + "/chunked.jsonl";
        // Several SDK chunks (128 KiB each), and a length that is not a multiple of the chunk size.
        byte[] content = randomBytes(MIB + 12_345, new Random(7));

        PutObjectResponse put = client().putObject(b -> b.bucket(bucket()).key(key)
                        .checksumAlgorithm(ChecksumAlgorithm.CRC32),
                RequestBody.fromInputStream(new ByteArrayInputStream(content), content.length));

        SdkHttpRequest sent = wire.last("PutObject");
        assertTrue(sent.firstMatchingHeader("Content-Encoding").orElse("").contains("aws-chunked"),
                "the SDK streamed the body aws-chunked: " + sent.headers());
        assertEquals("x-amz-checksum-crc32", sent.firstMatchingHeader("x-amz-trailer").orElse(null));
        assertEquals(quoted(md5Hex(content)), put.eTag(), "the ETag is the MD5 of the decoded bytes");

        ResponseBytes<GetObjectResponse> got = client().getObjectAsBytes(b -> b.bucket(bucket()).key(key)
                .checksumMode(ChecksumMode.ENABLED));
        assertArrayEquals(content, got.asByteArray(), "no chunk framing or trailer in the stored object");
        assertEquals(content.length, client().headObject(b -> b.bucket(bucket()).key(key)).contentLength());
    }

    @Test
    protected void getWithChecksumModeReturnsTheCrc32TheObjectWasUploadedWith() {
        String key = "checksums/" + runId + "/checksum-mode.jsonl";
        byte[] content = randomBytes(MIB + 12_345, new Random(8));
        client().putObject(b -> b.bucket(bucket()).key(key).checksumAlgorithm(ChecksumAlgorithm.CRC32),
                RequestBody.fromInputStream(new ByteArrayInputStream(content), content.length));

        ResponseBytes<GetObjectResponse> got = client().getObjectAsBytes(b -> b.bucket(bucket()).key(key)
                .checksumMode(ChecksumMode.ENABLED));

        assertArrayEquals(content, got.asByteArray());
        assertEquals(crc32Base64(content), got.response().checksumCRC32(), "GET");
        assertEquals(crc32Base64(content), client().headObject(b -> b.bucket(bucket()).key(key)
                .checksumMode(ChecksumMode.ENABLED)).checksumCRC32(), "HEAD");
    }

    @Test
    protected void wrongContentMd5IsRejectedAsBadDigestAndNothingIsStored() {
        String key = "checksums/" + runId + "/bad-md5.jsonl";
        byte[] content = bedrockBatchJsonl(3);
        String otherMd5 = Base64.getEncoder().encodeToString(digest("MD5").digest("other".getBytes(
                StandardCharsets.UTF_8)));

        S3Exception rejected = assertStatus(400, () -> whenRequiredClient().putObject(b -> b.bucket(bucket()).key(key)
                .contentMD5(otherMd5), RequestBody.fromBytes(content)));

        assertEquals("BadDigest", rejected.awsErrorDetails().errorCode());
        assertEquals(otherMd5, wire.last("PutObject").firstMatchingHeader("Content-MD5").orElse(null),
                "the wrong digest really went out");
        assertStatus(404, () -> client().headObject(b -> b.bucket(bucket()).key(key)));
    }

    @Test
    protected void wrongCrc32HeaderIsRejectedAsBadDigestAndNothingIsStored() {
        String key = "checksums/" + runId + "/bad-crc32.jsonl";
        byte[] content = bedrockBatchJsonl(3);

        S3Exception rejected = assertStatus(400, () -> whenRequiredClient().putObject(b -> b.bucket(bucket()).key(key)
                .checksumCRC32("AAAAAA=="), RequestBody.fromBytes(content)));

        assertEquals("BadDigest", rejected.awsErrorDetails().errorCode());
        assertEquals("AAAAAA==", wire.last("PutObject").firstMatchingHeader("x-amz-checksum-crc32").orElse(null),
                "the wrong checksum really went out");
        assertStatus(404, () -> client().headObject(b -> b.bucket(bucket()).key(key)));
    }

    // ---- conditional requests --------------------------------------------------------------------------------

    @Test
    protected void putWithIfNoneMatchStarOnlyCreates() {
        String key = "conditional/" + runId + "/create-only.jsonl";
        byte[] first = bedrockBatchJsonl(1);
        client().putObject(b -> b.bucket(bucket()).key(key).ifNoneMatch("*"), RequestBody.fromBytes(first));

        S3Exception refused = assertStatus(412, () -> client().putObject(b -> b.bucket(bucket()).key(key)
                .ifNoneMatch("*"), RequestBody.fromBytes(bedrockBatchJsonl(2))));

        assertEquals("PreconditionFailed", refused.awsErrorDetails().errorCode());
        assertArrayEquals(first, getBytes(key), "the existing object is untouched");
    }

    @Test
    protected void getAndHeadWithAStaleIfMatchFailWith412() {
        String key = "conditional/" + runId + "/stale.jsonl";
        String stale = put(key, bedrockBatchJsonl(1)).eTag();
        put(key, bedrockBatchJsonl(2));

        S3Exception get = assertStatus(412, () -> client().getObjectAsBytes(b -> b.bucket(bucket()).key(key)
                .ifMatch(stale)));
        assertEquals("PreconditionFailed", get.awsErrorDetails().errorCode());
        assertStatus(412, () -> client().headObject(b -> b.bucket(bucket()).key(key).ifMatch(stale)));
    }

    @Test
    protected void getAndHeadWithIfNoneMatchOfTheCurrentETagAnswer304() {
        String key = "conditional/" + runId + "/not-modified.jsonl";
        byte[] content = bedrockBatchJsonl(1);
        String eTag = put(key, content).eTag();

        assertStatus(304, () -> client().getObjectAsBytes(b -> b.bucket(bucket()).key(key).ifNoneMatch(eTag)));
        assertStatus(304, () -> client().headObject(b -> b.bucket(bucket()).key(key).ifNoneMatch(eTag)));
        assertArrayEquals(content, client().getObjectAsBytes(b -> b.bucket(bucket()).key(key)
                .ifNoneMatch(quoted(md5Hex(new byte[0])))).asByteArray(), "another ETag does not match");
    }

    @Test
    protected void deleteWithAStaleIfMatchFailsAndKeepsTheObject() {
        String key = "conditional/" + runId + "/delete.jsonl";
        String stale = put(key, bedrockBatchJsonl(1)).eTag();
        byte[] current = bedrockBatchJsonl(2);
        String eTag = put(key, current).eTag();

        S3Exception refused = assertStatus(412, () -> client().deleteObject(b -> b.bucket(bucket()).key(key)
                .ifMatch(stale)));

        assertEquals("PreconditionFailed", refused.awsErrorDetails().errorCode());
        assertArrayEquals(current, getBytes(key), "the object is still there");
        client().deleteObject(b -> b.bucket(bucket()).key(key).ifMatch(eTag));
        assertStatus(404, () -> client().headObject(b -> b.bucket(bucket()).key(key)));
    }

    @Test
    protected void ifMatchAcceptsTheETagWithAndWithoutQuotes() {
        String key = "conditional/" + runId + "/quotes.jsonl";
        byte[] content = bedrockBatchJsonl(1);
        String quotedETag = put(key, content).eTag();
        String bare = quotedETag.replace("\"", "");

        for (String eTag : List.of(quotedETag, bare)) {
            assertArrayEquals(content, client().getObjectAsBytes(b -> b.bucket(bucket()).key(key).ifMatch(eTag))
                    .asByteArray(), "GET If-Match: " + eTag);
            assertEquals(quotedETag, client().headObject(b -> b.bucket(bucket()).key(key).ifMatch(eTag)).eTag(),
                    "HEAD If-Match: " + eTag);
        }
        client().deleteObject(b -> b.bucket(bucket()).key(key).ifMatch(bare));
        assertStatus(404, () -> client().headObject(b -> b.bucket(bucket()).key(key)));
    }

    // ---- errors and ranges -----------------------------------------------------------------------------------

    @Test
    protected void getOfAMissingKeyIsNoSuchKey() {
        NoSuchKeyException missing = assertThrows(NoSuchKeyException.class, () -> client().getObjectAsBytes(b -> b
                .bucket(bucket()).key("errors/" + runId + "/never-written.jsonl")));

        assertEquals(404, missing.statusCode());
        assertEquals("NoSuchKey", missing.awsErrorDetails().errorCode());
    }

    @Test
    protected void listingAMissingBucketIsNoSuchBucket() {
        assertNoSuchBucket(() -> client().listObjectsV2(b -> b.bucket(missingBucket())));
    }

    @Test
    protected void putIntoAMissingBucketIsNoSuchBucket() {
        assertNoSuchBucket(() -> client().putObject(b -> b.bucket(missingBucket()).key("in/k.jsonl"),
                RequestBody.fromBytes(bedrockBatchJsonl(1))));
    }

    @Test
    protected void getFromAMissingBucketIsNoSuchBucket() {
        assertNoSuchBucket(() -> client().getObjectAsBytes(b -> b.bucket(missingBucket()).key("in/k.jsonl")));
    }

    @Test
    protected void deletingAMissingKeySucceedsWith204() {
        DeleteObjectResponse deleted = client().deleteObject(b -> b.bucket(bucket())
                .key("errors/" + runId + "/never-written.jsonl"));

        assertEquals(204, deleted.sdkHttpResponse().statusCode());
    }

    @Test
    protected void rangeRequestsReturnExactlyTheRequestedBytes() {
        String key = "ranges/" + runId + "/hundred.bin";
        byte[] content = randomBytes(100, new Random(100));
        put(key, content);

        ResponseBytes<GetObjectResponse> head = client().getObjectAsBytes(b -> b.bucket(bucket()).key(key)
                .range("bytes=0-9"));
        assertEquals(206, head.response().sdkHttpResponse().statusCode());
        assertEquals("bytes 0-9/100", head.response().contentRange());
        assertEquals(10, head.response().contentLength());
        assertArrayEquals(slice(content, 0, 10), head.asByteArray());

        ResponseBytes<GetObjectResponse> tail = client().getObjectAsBytes(b -> b.bucket(bucket()).key(key)
                .range("bytes=-5"));
        assertEquals(206, tail.response().sdkHttpResponse().statusCode());
        assertEquals("bytes 95-99/100", tail.response().contentRange());
        assertArrayEquals(slice(content, 95, 100), tail.asByteArray());
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private S3Client build(RequestChecksumCalculation calculation) {
        S3ClientBuilder builder = clientBuilder().requestChecksumCalculation(calculation);
        return builder.overrideConfiguration(builder.overrideConfiguration().toBuilder()
                .addExecutionInterceptor(wire).build()).build();
    }

    protected PutObjectResponse put(String key, byte[] content) {
        return client().putObject(b -> b.bucket(bucket()).key(key), RequestBody.fromBytes(content));
    }

    protected byte[] getBytes(String key) {
        return client().getObjectAsBytes(b -> b.bucket(bucket()).key(key)).asByteArray();
    }

    private void assertKeysRoundTrip(String folder, List<String> names) {
        String prefix = folder + runId + "/";
        List<String> keys = names.stream().map(name -> prefix + name).toList();
        for (String key : keys) {
            byte[] content = key.getBytes(StandardCharsets.UTF_8);
            PutObjectResponse put = put(key, content);
            HeadObjectResponse head = client().headObject(b -> b.bucket(bucket()).key(key));
            assertEquals(content.length, head.contentLength(), "HEAD " + key);
            assertEquals(put.eTag(), head.eTag(), "HEAD " + key);
            assertArrayEquals(content, getBytes(key), "GET " + key);
        }
        List<String> expected = keys.stream().sorted(utf8Order()).toList();
        for (EncodingType encoding : new EncodingType[] {null, EncodingType.URL}) {
            ListObjectsV2Response listed = client().listObjectsV2(b -> b.bucket(bucket()).prefix(prefix)
                    .encodingType(encoding));
            assertEquals(expected, keysOf(listed), "listed exactly, encoding-type " + encoding);
        }
    }

    private String pagingPrefix() {
        return "paging-" + runId + "/";
    }

    /** 2,500 keys whose numbers are not zero-padded, so their listing order is not their numeric order. */
    private List<String> pagingKeys() {
        if (pagingKeys == null) {
            List<String> keys = IntStream.range(0, 2_500).mapToObj(i -> pagingPrefix() + "batch-" + i + ".jsonl")
                    .toList();
            putAll(keys);
            pagingKeys = keys.stream().sorted(utf8Order()).toList();
        }
        return pagingKeys;
    }

    private void putAll(List<String> keys) {
        // Resolved here, not lazily on the pool's threads, where they would race to create two clients or buckets.
        S3Client s3 = client();
        String target = bucket();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> puts = new ArrayList<>();
            for (String key : keys) {
                puts.add(pool.submit(() -> s3.putObject(b -> b.bucket(target).key(key),
                        RequestBody.fromString(key))));
            }
            for (Future<?> put : puts) {
                put.get();
            }
        } catch (ExecutionException e) {
            throw new AssertionError("a PUT failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while uploading", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<String> keysOf(ListObjectsV2Response page) {
        return page.contents().stream().map(S3Object::key).toList();
    }

    private static List<String> prefixesOf(ListObjectsV2Response page) {
        return page.commonPrefixes().stream().map(CommonPrefix::prefix).toList();
    }

    /** S3 lists keys in the order of their UTF-8 bytes, which differs from String order beyond the BMP. */
    private static Comparator<String> utf8Order() {
        return (a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8),
                b.getBytes(StandardCharsets.UTF_8));
    }

    private String missingBucket() {
        return "caravan-missing-" + runId;
    }

    private static void assertNoSuchBucket(Executable call) {
        S3Exception error = assertStatus(404, call);
        assertEquals("NoSuchBucket", error.awsErrorDetails().errorCode());
    }

    /** Asserts the call fails with this HTTP status, whatever the SDK's exception subtype. */
    protected static S3Exception assertStatus(int status, Executable call) {
        S3Exception error = assertThrows(S3Exception.class, call);
        assertEquals(status, error.statusCode(), () -> "HTTP status of " + error.getMessage());
        return error;
    }

    private static void assertRecent(Instant instant) {
        Instant now = Instant.now();
        assertTrue(instant.isAfter(now.minus(CLOCK_TOLERANCE)) && instant.isBefore(now.plus(CLOCK_TOLERANCE)),
                "Last-Modified " + instant + " is about now (" + now + ")");
    }

    /** The seed guide's create_bedrock_batch_jsonl, byte for byte as Python's json.dumps writes it. */
    protected static byte[] bedrockBatchJsonl(int records) {
        String lines = IntStream.rangeClosed(1, records).mapToObj(i -> String.format("{\"recordId\": \"request-%d\", "
                + "\"modelInput\": {\"messages\": [{\"role\": \"user\", \"content\": [{\"text\": \"Hello, this is "
                + "test message %d. Say hi back briefly.\"}]}], \"inferenceConfig\": {\"maxTokens\": 100}}}", i, i))
                .collect(Collectors.joining("\n"));
        return lines.getBytes(StandardCharsets.UTF_8);
    }

    protected static String quoted(String eTag) {
        return "\"" + eTag + "\"";
    }

    protected static String md5Hex(byte[] bytes) {
        return HexFormat.of().formatHex(digest("MD5").digest(bytes));
    }

    /** S3's checksum encoding: the CRC32 as 4 big-endian bytes, base64. */
    protected static String crc32Base64(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return Base64.getEncoder().encodeToString(crc32Bytes(crc.getValue()));
    }

    private static byte[] crc32Bytes(long value) {
        return ByteBuffer.allocate(4).putInt((int) value).array();
    }

    protected static byte[] sha256Of(InputStream in) {
        MessageDigest sha256 = digest("SHA-256");
        byte[] buffer = new byte[64 * 1024];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                sha256.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sha256.digest();
    }

    protected static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    protected static byte[] randomBytes(int count, Random random) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] slice(byte[] bytes, int from, int to) {
        return Arrays.copyOfRange(bytes, from, to);
    }

    /** The last request each operation put on the wire, after signing: what the server really received. */
    private static final class WireLog implements ExecutionInterceptor {

        private final Map<String, SdkHttpRequest> lastByOperation = new ConcurrentHashMap<>();

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            lastByOperation.put(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), context.httpRequest());
        }

        SdkHttpRequest last(String operation) {
            SdkHttpRequest request = lastByOperation.get(operation);
            assertNotNull(request, "no " + operation + " was sent");
            return request;
        }
    }
}
