package dev.caravan.surface.s3;

import dev.caravan.auth.ChunkSignatureChain;
import dev.caravan.auth.Sha256;
import dev.caravan.auth.VerifiedRequest;
import dev.caravan.model.ErrorKind;
import dev.caravan.model.GatewayError;
import dev.caravan.model.object.ObjectBody;
import dev.caravan.surface.s3.body.AwsChunkedInputStream;
import dev.caravan.surface.s3.body.ChecksumAlgorithm;
import dev.caravan.surface.s3.body.ExpectedChecksum;
import dev.caravan.surface.s3.body.RequestBodyStream;
import dev.caravan.surface.s3.body.VerifyingInputStream;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Opens the body of a write as a stream that is decoded (aws-chunked, with or without signatures and trailers) and
 * verified (a hex {@code x-amz-content-sha256}, Content-MD5, {@code x-amz-checksum-*} headers or trailer, size limit,
 * and the chunk and trailer signatures of a signed aws-chunked body) while it flows (provider-apis.md §7.7-7.9).
 * Everything that can be judged from the headers is judged before a byte is read, so a refused upload is refused
 * before the client sends it ({@code Expect: 100-continue}).
 *
 * <p>A hex {@code x-amz-content-sha256} is checked whether or not authentication is on: the client states what it
 * sends, as with Content-MD5, and S3 holds it to that.
 */
public class S3RequestBodies {

    /** CompleteMultipartUpload lists at most 10,000 parts; a few hundred bytes each. */
    private static final int MAX_DOCUMENT_BYTES = 4 * 1024 * 1024;
    private static final String DEFAULT_CONTENT_TYPE = "binary/octet-stream";

    private final long maxObjectBytes;
    private final Duration idleTimeout;

    public S3RequestBodies(long maxObjectBytes, Duration idleTimeout) {
        this.maxObjectBytes = maxObjectBytes;
        this.idleTimeout = idleTimeout;
    }

    /**
     * @param verified the request's verified signature, whose chunk signatures the body must carry; null when
     *     authentication is off
     */
    public ObjectBody object(HttpServerRequest request, VerifiedRequest verified) {
        MultiMap headers = request.headers();
        boolean awsChunked = isAwsChunked(headers);
        long length = length(headers, awsChunked);
        if (length > maxObjectBytes) {
            throw new GatewayError(ErrorKind.TOO_LARGE, 400, "Your proposed upload exceeds the maximum allowed size",
                    null, "EntityTooLarge", null);
        }
        List<ExpectedChecksum> expected = new ArrayList<>();
        Map<String, String> claimed = new LinkedHashMap<>();
        for (ChecksumAlgorithm algorithm : ChecksumAlgorithm.values()) {
            String value = headers.get(algorithm.headerName());
            if (value != null) {
                expected.add(ExpectedChecksum.ofHeader(algorithm, value));
                claimed.put(algorithm.sdkName(), value);
            }
        }
        if (awsChunked && payloadSha256(headers) != null) {
            // The hash would have to be of the framing or of the data, and no client sends this; were it accepted,
            // a Content-Encoding added on the way (it need not be signed) could swap a signed body for unsigned chunks.
            throw invalidRequest("An aws-chunked body needs a STREAMING-… x-amz-content-sha256, not a SHA-256.");
        }
        ChecksumAlgorithm algorithm = algorithm(headers.get("x-amz-sdk-checksum-algorithm"));
        // an empty plain body has already ended (the request was resumed as body-less): nothing is left to read
        InputStream body = length == 0 && !awsChunked ? InputStream.nullInputStream()
                : new RequestBodyStream(request, idleTimeout);
        String trailer = headers.get("x-amz-trailer");
        if (awsChunked) {
            ChunkSignatureChain signatures = verified == null ? null : verified.chunkSignatures();
            AwsChunkedInputStream chunked = new AwsChunkedInputStream(body, length, signatures);
            if (trailer != null) {
                ChecksumAlgorithm trailed = ChecksumAlgorithm.fromHeaderName(trailer.trim())
                        .orElseThrow(() -> invalidRequest("The value specified in the x-amz-trailer header is not "
                                + "supported"));
                expected.add(ExpectedChecksum.ofTrailer(trailed, chunked));
                algorithm = trailed;
            }
            body = chunked;
        } else if (trailer != null) {
            throw invalidRequest("x-amz-trailer is only valid with Content-Encoding: aws-chunked");
        }
        VerifyingInputStream verifying = new VerifyingInputStream(body, payloadSha256(headers),
                headers.get("Content-MD5"), expected, algorithm, maxObjectBytes);
        if (length == 0) {
            // an empty body is never read by the store, but its checksums must still hold
            drain(verifying);
        }
        return new ObjectBody(verifying, length, contentType(headers), metadata(headers), headers.get("Content-MD5"),
                claimed, algorithm == null ? null : algorithm.sdkName(), () -> computed(verifying),
                () -> verifying.result().md5Hex());
    }

    /** A small XML request body (CompleteMultipartUpload), read whole: it is bounded. */
    public InputStream document(HttpServerRequest request) {
        String declared = request.headers().get("Content-Length");
        if (declared != null && parseLength(declared, "Content-Length") > MAX_DOCUMENT_BYTES) {
            throw new GatewayError(ErrorKind.TOO_LARGE, 400, "Your request body is too large.", null,
                    "MaxMessageLengthExceeded", null);
        }
        try (InputStream body = new RequestBodyStream(request, idleTimeout)) {
            byte[] bytes = body.readNBytes(MAX_DOCUMENT_BYTES + 1);
            if (bytes.length > MAX_DOCUMENT_BYTES) {
                throw new GatewayError(ErrorKind.TOO_LARGE, 400, "Your request body is too large.", null,
                        "MaxMessageLengthExceeded", null);
            }
            byte[] signed = payloadSha256(request.headers());
            if (signed != null && !MessageDigest.isEqual(signed, Sha256.newDigest().digest(bytes))) {
                throw new GatewayError(ErrorKind.INVALID_REQUEST, 400, "The provided 'x-amz-content-sha256' header "
                        + "does not match what was computed.", null, "XAmzContentSHA256Mismatch", null);
            }
            return new ByteArrayInputStream(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String contentType(MultiMap headers) {
        String type = headers.get("Content-Type");
        return type == null || type.isBlank() ? DEFAULT_CONTENT_TYPE : type;
    }

    /** {@code x-amz-meta-*} headers, named without the prefix and in lower case, as S3 stores them. */
    static Map<String, String> metadata(MultiMap headers) {
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Map.Entry<String, String> header : headers) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (name.startsWith("x-amz-meta-")) {
                metadata.put(name.substring("x-amz-meta-".length()), header.getValue());
            }
        }
        return metadata;
    }

    /** The body's SHA-256 as a hex x-amz-content-sha256 states it, or null for any other value or none. */
    private static byte[] payloadSha256(MultiMap headers) {
        return Sha256.parseHex(headers.get("x-amz-content-sha256"));
    }

    /** Detected by either sign (§7.9 step 1); the HTTP layer has already removed any Transfer-Encoding framing. */
    private static boolean isAwsChunked(MultiMap headers) {
        String encoding = headers.get("Content-Encoding");
        String payload = headers.get("x-amz-content-sha256");
        return (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("aws-chunked"))
                || (payload != null && payload.startsWith("STREAMING-"));
    }

    private static long length(MultiMap headers, boolean awsChunked) {
        String name = awsChunked ? "x-amz-decoded-content-length" : "Content-Length";
        String value = headers.get(name);
        if (value == null) {
            throw new GatewayError(ErrorKind.INVALID_REQUEST, 411, "You must provide the Content-Length HTTP header.",
                    null, "MissingContentLength", null);
        }
        return parseLength(value, name);
    }

    private static long parseLength(String value, String name) {
        try {
            long length = Long.parseLong(value.trim());
            if (length >= 0) {
                return length;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw S3Requests.invalidArgument(name, "The value of " + name + " is not a valid length.");
    }

    private static ChecksumAlgorithm algorithm(String name) {
        if (name == null) {
            return null;
        }
        return ChecksumAlgorithm.fromName(name.trim())
                .orElseThrow(() -> invalidRequest("Checksum algorithm provided is unsupported."));
    }

    private static Map<String, String> computed(VerifyingInputStream verifying) {
        Map<String, String> sums = new LinkedHashMap<>();
        verifying.result().checksums().forEach((algorithm, value) -> sums.put(algorithm.sdkName(), value));
        return sums;
    }

    private static void drain(InputStream body) {
        try {
            body.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static GatewayError invalidRequest(String message) {
        return new GatewayError(ErrorKind.INVALID_REQUEST, 400, message, null, "InvalidRequest", null);
    }
}
