package dev.caravan.provider.bedrock;

import dev.caravan.model.ErrorKind;
import dev.caravan.model.GatewayError;
import dev.caravan.model.command.AbortMultipartUpload;
import dev.caravan.model.command.CompleteMultipartUpload;
import dev.caravan.model.command.CreateMultipartUpload;
import dev.caravan.model.command.DeleteObject;
import dev.caravan.model.command.GetObject;
import dev.caravan.model.command.ListMultipartUploads;
import dev.caravan.model.command.ListObjects;
import dev.caravan.model.command.ListParts;
import dev.caravan.model.command.ObjectCommand;
import dev.caravan.model.command.PutObject;
import dev.caravan.model.command.UploadPart;
import dev.caravan.model.object.ObjectAddress;
import dev.caravan.model.object.ObjectBody;
import dev.caravan.model.object.ObjectData;
import dev.caravan.model.object.ObjectData.ContentRange;
import dev.caravan.model.object.ObjectDeleted;
import dev.caravan.model.object.ObjectInfo;
import dev.caravan.model.object.ObjectListing;
import dev.caravan.model.object.MultipartUpload;
import dev.caravan.model.object.ObjectWritten;
import dev.caravan.model.object.PartListing;
import dev.caravan.model.object.Preconditions;
import dev.caravan.model.object.UploadListing;
import dev.caravan.provider.UpstreamBreaker;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.EncodingType;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ListPartsResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * The bedrock provider's file store: objects in a real S3 bucket, which is where Bedrock batch jobs read their
 * input. Bytes stream both ways (a write hands S3 the caller's verifying stream with its exact length; a read hands
 * back S3's response stream). Conditional writes are checked against a fresh HEAD and also sent upstream, so the
 * precondition holds even on an S3-compatible store that ignores the headers.
 *
 * <p>Why the SDK client and not camel-aws2-s3's producer: the producer has no ListObjectsV2, no conditional or
 * checksummed PutObject, no HeadObject preconditions and no part-level multipart calls; its own multipart path reads a
 * stream of unknown length into the heap; and its endpoint probes a bucket when it starts, which would make Caravan's
 * boot depend on S3 being up. The component still supplies the S3 SDK this class uses.
 */
public class S3ObjectStore extends ServiceSupport {

    private final S3StoreSettings settings;
    private final SdkHttpClient http;
    /** Calls without a request body: retried with backoff when the store is briefly unreachable. */
    private final S3Client s3;
    /** Calls that stream the caller's body: retried only while the body is untouched (see UploadAttempts). */
    private final S3Client s3Uploads;
    private final Set<String> bucketsSeen = ConcurrentHashMap.newKeySet();
    private final UpstreamBreaker breaker;

    private static final String SHARED = "caravanBedrockObjectStore";

    /**
     * The one store of a Camel context, which the bedrock provider's files and jobs share (one S3 client, one
     * breaker). Made on first use, after the sandbox (if any) has pointed the settings at its embedded store.
     */
    public static S3ObjectStore shared(CamelContext context) {
        synchronized (context) {
            S3ObjectStore store = context.getRegistry().lookupByNameAndType(SHARED, S3ObjectStore.class);
            if (store == null) {
                store = new S3ObjectStore(S3StoreSettings.from(context.getPropertiesComponent()));
                try {
                    context.addService(store, true, true);
                } catch (Exception e) {
                    throw new IllegalStateException("the bedrock S3 store did not start", e);
                }
                context.getRegistry().bind(SHARED, store);
            }
            return store;
        }
    }

    public S3ObjectStore(S3StoreSettings settings) {
        this.settings = settings;
        this.breaker = new UpstreamBreaker("bedrock-s3", "The S3 store", settings.breaker());
        this.http = ApacheHttpClient.builder()
                .maxConnections(128)
                .connectionTimeout(settings.connectTimeout())
                .socketTimeout(settings.readTimeout())
                .build();
        this.s3 = client(settings, http, AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(settings.maxAttempts()).build());
        this.s3Uploads = client(settings, http, UploadAttempts.retryStrategy(settings.maxAttempts()));
    }

    private static S3Client client(S3StoreSettings settings, SdkHttpClient http, RetryStrategy retries) {
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials(settings))
                .forcePathStyle(settings.pathStyle())
                // the caller's checksums are verified by Caravan and passed on as values; the SDK's own aws-chunked
                // re-encoding is only asked for when a checksum must be computed on the way up
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClient(http)
                .overrideConfiguration(override -> override.retryStrategy(retries));
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
        }
        return builder.build();
    }

    private static AwsCredentialsProvider credentials(S3StoreSettings settings) {
        if (settings.accessKey().isEmpty()) {
            return DefaultCredentialsProvider.builder().build();
        }
        return StaticCredentialsProvider.create(
                AwsBasicCredentials.create(settings.accessKey(), settings.secretKey()));
    }

    public ObjectWritten put(PutObject command) {
        ObjectAddress address = allowed(command);
        return call(address, () -> {
            createBucketOnFirstUse(address.bucket());
            checkWrite(command.preconditions(), address);
            ObjectBody body = command.body();
            PutObjectRequest.Builder request = PutObjectRequest.builder()
                    .bucket(address.bucket()).key(address.key())
                    .contentLength(body.length())
                    .contentType(body.contentType())
                    .metadata(body.metadata())
                    .contentMD5(body.contentMd5())
                    .ifMatch(command.preconditions().ifMatch())
                    .ifNoneMatch(command.preconditions().ifNoneMatch());
            Checksums.request(body, request::checksumAlgorithm, request::checksumCRC32, request::checksumCRC32C,
                    request::checksumCRC64NVME, request::checksumSHA1, request::checksumSHA256);
            PutObjectResponse response = UploadAttempts.upload(body,
                    content -> s3Uploads.putObject(request.build(), content));
            try {
                StoredBytes.check(response.eTag(), response.serverSideEncryptionAsString(),
                        response.sseCustomerAlgorithm(), body.computedMd5Hex().get());
            } catch (GatewayError corrupted) {
                s3.deleteObject(delete -> delete.bucket(address.bucket()).key(address.key()));
                throw corrupted;
            }
            return new ObjectWritten(response.eTag(), Checksums.echoed(body, Checksums.of(response.checksumCRC32(),
                    response.checksumCRC32C(), response.checksumCRC64NVME(), response.checksumSHA1(),
                    response.checksumSHA256())), response.versionId());
        });
    }

    public ObjectData get(GetObject command) {
        ObjectAddress address = allowed(command);
        return call(address, () -> command.metadataOnly() ? head(command) : read(command));
    }

    private ObjectData head(GetObject command) {
        HeadObjectRequest.Builder request = HeadObjectRequest.builder()
                .bucket(command.address().bucket()).key(command.address().key());
        if (command.range() != null) {
            request.range(command.range().header());
        }
        if (command.checksumMode() && command.range() == null) {
            request.checksumMode(ChecksumMode.ENABLED);
        }
        HeadObjectResponse response = s3.headObject(request.build());
        ContentRange range = ContentRanges.parse(response.contentRange());
        ObjectInfo info = info(response, range);
        command.preconditions().checkRead(info);
        return new ObjectData(info, null, response.contentLength(), range);
    }

    private ObjectData read(GetObject command) {
        GetObjectRequest.Builder request = GetObjectRequest.builder()
                .bucket(command.address().bucket()).key(command.address().key());
        if (command.range() != null) {
            request.range(command.range().header());
        }
        if (command.checksumMode() && command.range() == null) {
            request.checksumMode(ChecksumMode.ENABLED);
        }
        ResponseInputStream<GetObjectResponse> content = s3.getObject(request.build());
        GetObjectResponse response = content.response();
        ContentRange range = ContentRanges.parse(response.contentRange());
        ObjectInfo info = new ObjectInfo(response.eTag(), range == null ? response.contentLength() : range.total(),
                response.lastModified(), response.contentType(), response.metadata(),
                Checksums.of(response.checksumCRC32(), response.checksumCRC32C(), response.checksumCRC64NVME(),
                        response.checksumSHA1(), response.checksumSHA256()));
        try {
            // checked against the very response being served, so the bytes belong to the ETag that matched
            command.preconditions().checkRead(info);
        } catch (GatewayError failed) {
            content.abort();
            throw failed;
        }
        return new ObjectData(info, content, response.contentLength(), range);
    }

    public ObjectDeleted delete(DeleteObject command) {
        ObjectAddress address = allowed(command);
        return call(address, () -> {
            checkWrite(command.preconditions(), address);
            s3.deleteObject(request -> request.bucket(address.bucket()).key(address.key())
                    .ifMatch(command.preconditions().ifMatch()));
            return new ObjectDeleted(address);
        });
    }

    public ObjectListing list(ListObjects command) {
        ObjectAddress address = allowed(command);
        return call(address, () -> {
            ListObjectsV2Response response = s3.listObjectsV2(ListObjectsV2Request.builder()
                    .bucket(address.bucket())
                    .prefix(command.prefix())
                    .delimiter(command.delimiter())
                    .maxKeys(command.maxKeys())
                    .continuationToken(command.continuationToken())
                    .startAfter(command.startAfter())
                    .fetchOwner(command.fetchOwner())
                    // keys may hold characters XML cannot carry; encoded, the listing always parses (the SDK decodes)
                    .encodingType(EncodingType.URL)
                    .build());
            return new ObjectListing(
                    response.contents().stream().map(object -> new ObjectListing.Entry(object.key(),
                            object.lastModified(), object.eTag(), object.size(), object.storageClassAsString()))
                            .toList(),
                    response.commonPrefixes().stream().map(prefix -> prefix.prefix()).toList(),
                    Boolean.TRUE.equals(response.isTruncated()), response.nextContinuationToken());
        });
    }

    public MultipartUpload createMultipartUpload(CreateMultipartUpload command) {
        ObjectAddress address = allowed(command);
        return call(address, () -> {
            createBucketOnFirstUse(address.bucket());
            String uploadId = s3.createMultipartUpload(request -> request
                    .bucket(address.bucket()).key(address.key())
                    .contentType(command.contentType())
                    .metadata(command.metadata())
                    .checksumAlgorithm(command.checksumAlgorithm())).uploadId();
            return new MultipartUpload(address, uploadId);
        });
    }

    public ObjectWritten uploadPart(UploadPart command) {
        ObjectAddress address = allowed(command);
        return call(address, () -> {
            ObjectBody body = command.body();
            UploadPartRequest.Builder request = UploadPartRequest.builder()
                    .bucket(address.bucket()).key(address.key())
                    .uploadId(command.uploadId()).partNumber(command.partNumber())
                    .contentLength(body.length())
                    .contentMD5(body.contentMd5());
            Checksums.request(body, request::checksumAlgorithm, request::checksumCRC32, request::checksumCRC32C,
                    request::checksumCRC64NVME, request::checksumSHA1, request::checksumSHA256);
            UploadPartResponse response = UploadAttempts.upload(body,
                    content -> s3Uploads.uploadPart(request.build(), content));
            // a part that does not stand is replaced by the caller's retry of the same part number
            StoredBytes.check(response.eTag(), response.serverSideEncryptionAsString(), response.sseCustomerAlgorithm(),
                    body.computedMd5Hex().get());
            return new ObjectWritten(response.eTag(), Checksums.echoed(body, Checksums.of(response.checksumCRC32(),
                    response.checksumCRC32C(), response.checksumCRC64NVME(), response.checksumSHA1(),
                    response.checksumSHA256())), null);
        });
    }

    public ObjectWritten completeMultipartUpload(CompleteMultipartUpload command) {
        ObjectAddress address = allowed(command);
        return call(address, () -> {
            checkWrite(command.preconditions(), address);
            CompleteMultipartUploadResponse response = s3.completeMultipartUpload(request -> request
                    .bucket(address.bucket()).key(address.key()).uploadId(command.uploadId())
                    .ifMatch(command.preconditions().ifMatch())
                    .ifNoneMatch(command.preconditions().ifNoneMatch())
                    .multipartUpload(upload -> upload.parts(command.parts().stream()
                            .map(S3ObjectStore::completedPart).toList())));
            return new ObjectWritten(response.eTag(), Checksums.of(response.checksumCRC32(),
                    response.checksumCRC32C(), response.checksumCRC64NVME(), response.checksumSHA1(),
                    response.checksumSHA256()), response.versionId());
        });
    }

    private static CompletedPart completedPart(CompleteMultipartUpload.Part part) {
        CompletedPart.Builder completed = CompletedPart.builder().partNumber(part.partNumber()).eTag(part.etag());
        Map<String, String> sums = part.checksums();
        completed.checksumCRC32(sums.get("CRC32")).checksumCRC32C(sums.get("CRC32C"))
                .checksumCRC64NVME(sums.get("CRC64NVME")).checksumSHA1(sums.get("SHA1"))
                .checksumSHA256(sums.get("SHA256"));
        return completed.build();
    }

    public ObjectDeleted abortMultipartUpload(AbortMultipartUpload command) {
        ObjectAddress address = allowed(command);
        return call(address, () -> {
            s3.abortMultipartUpload(request -> request.bucket(address.bucket()).key(address.key())
                    .uploadId(command.uploadId()));
            return new ObjectDeleted(address);
        });
    }

    public PartListing listParts(ListParts command) {
        ObjectAddress address = allowed(command);
        return call(address, () -> {
            ListPartsResponse response = s3.listParts(request -> request
                    .bucket(address.bucket()).key(address.key()).uploadId(command.uploadId())
                    .maxParts(command.maxParts())
                    .partNumberMarker(command.partNumberMarker() == 0 ? null : command.partNumberMarker()));
            if (response.parts().isEmpty() && !uploadExists(command)) {
                // some S3-compatible stores list no parts for an upload that is gone; S3 says it is gone
                throw new GatewayError(ErrorKind.NOT_FOUND, 404, "The specified upload does not exist. The upload "
                        + "ID may be invalid, or the upload may have been aborted or completed.", null,
                        "NoSuchUpload", null);
            }
            return new PartListing(response.parts().stream().map(part -> new PartListing.Part(part.partNumber(),
                    part.lastModified(), part.eTag(), part.size(), Checksums.of(part.checksumCRC32(),
                    part.checksumCRC32C(), part.checksumCRC64NVME(), part.checksumSHA1(), part.checksumSHA256())))
                    .toList(),
                    Boolean.TRUE.equals(response.isTruncated()),
                    response.nextPartNumberMarker() == null ? 0 : response.nextPartNumberMarker());
        });
    }

    private boolean uploadExists(ListParts command) {
        return s3.listMultipartUploadsPaginator(request -> request.bucket(command.address().bucket())
                .prefix(command.address().key())).uploads().stream()
                .anyMatch(upload -> upload.uploadId().equals(command.uploadId())
                        && upload.key().equals(command.address().key()));
    }

    public UploadListing listMultipartUploads(ListMultipartUploads command) {
        ObjectAddress address = allowed(command);
        return call(address, () -> {
            ListMultipartUploadsResponse response = s3.listMultipartUploads(request -> request
                    .bucket(address.bucket()).prefix(command.prefix()).keyMarker(command.keyMarker())
                    .uploadIdMarker(command.uploadIdMarker()).maxUploads(command.maxUploads())
                    // as for objects: encoded, the listing parses whatever the keys hold (the SDK decodes)
                    .encodingType(EncodingType.URL));
            return new UploadListing(response.uploads().stream().map(upload -> new UploadListing.Upload(
                    upload.key(), upload.uploadId(), upload.initiated())).toList(),
                    Boolean.TRUE.equals(response.isTruncated()), response.nextKeyMarker(),
                    response.nextUploadIdMarker());
        });
    }

    private ObjectAddress allowed(ObjectCommand command) {
        requireAllowed(command.address().bucket());
        return command.address();
    }

    /** Callers reach only the buckets of caravan.bedrock.s3.allowed-buckets (any, when it is empty). */
    public void requireAllowed(String bucket) {
        if (!settings.allows(bucket)) {
            throw new GatewayError(ErrorKind.UNAUTHORIZED, 403, "Access Denied", null, "AccessDenied", null);
        }
    }

    /** Writes with If-Match / If-None-Match are judged against what is stored right now. */
    private void checkWrite(Preconditions preconditions, ObjectAddress address) {
        if (preconditions.ifMatch() == null && preconditions.ifNoneMatch() == null) {
            return;
        }
        preconditions.checkWrite(existing(address), address);
    }

    private ObjectInfo existing(ObjectAddress address) {
        try {
            return info(s3.headObject(request -> request.bucket(address.bucket()).key(address.key())), null);
        } catch (S3Exception missing) {
            if (missing.statusCode() == 404 && !(missing instanceof NoSuchBucketException)) {
                return null;
            }
            throw missing;
        }
    }

    private void createBucketOnFirstUse(String bucket) {
        if (!settings.createBuckets() || bucketsSeen.contains(bucket)) {
            return;
        }
        try {
            s3.headBucket(request -> request.bucket(bucket));
        } catch (NoSuchBucketException missing) {
            s3.createBucket(request -> request.bucket(bucket));
        } catch (S3Exception failure) {
            if (failure.statusCode() != 404) {
                throw failure;
            }
            s3.createBucket(request -> request.bucket(bucket));
        }
        bucketsSeen.add(bucket);
    }

    private static ObjectInfo info(HeadObjectResponse response, ContentRange range) {
        return new ObjectInfo(response.eTag(), range == null ? response.contentLength() : range.total(),
                response.lastModified(), response.contentType(), response.metadata(),
                Checksums.of(response.checksumCRC32(), response.checksumCRC32C(), response.checksumCRC64NVME(),
                        response.checksumSHA1(), response.checksumSHA256()));
    }

    /** Every store call goes through the store's breaker; S3's own answers keep their code and status. */
    private <T> T call(ObjectAddress address, Supplier<T> operation) {
        return breaker.call(operation, failure -> S3Failures.translate(failure, address));
    }

    @Override
    protected void doStop() {
        s3.close();
        s3Uploads.close();
        http.close();
    }
}
