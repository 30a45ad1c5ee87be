package dev.caravan.surface.s3.body;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Checks a request body against its signed {@code x-amz-content-sha256}, its Content-MD5, its claimed checksums and
 * a size limit while it streams, and <b>holds back the body's last byte</b> until the wrapped stream has ended and
 * every check has passed. On a mismatch read() throws instead of releasing that byte.
 *
 * <p>Why: the consumer streams this into an upstream S3 PUT with a fixed Content-Length. If the last byte never comes,
 * that PUT fails and the upstream stores nothing, so a corrupt body never becomes an object.
 *
 * <p>A zero-length body has no byte to hold back, and a consumer with Content-Length 0 may never call read(); call
 * read() once yourself in that case, so the checks still run.
 *
 * <p>Not thread-safe: one reader at a time, as for any {@link InputStream}.
 */
public final class VerifyingInputStream extends InputStream {

    private static final String CONTENT_MD5 = "Content-MD5";

    private final InputStream in;
    private final byte[] expectedSha256;
    private final MessageDigest sha256;
    private final byte[] expectedMd5;
    private final List<ExpectedChecksum> expected;
    private final long maxBytes;
    private final MessageDigest md5 = ChecksumAlgorithm.messageDigest("MD5");
    private final Map<ChecksumAlgorithm, RunningChecksum> running = new EnumMap<>(ChecksumAlgorithm.class);
    private final byte[] scratch = new byte[16384];
    private final byte[] single = new byte[1];
    private long count;
    private boolean holding;
    private byte held;
    private VerifiedBody result;
    private Exception failure;

    /**
     * @param in the body, already aws-chunked-decoded where it was aws-chunked
     * @param contentMd5 the {@code Content-MD5} header, or null; a value that is not base64 of 16 bytes is rejected now
     * @param expected the checksums the client claimed, from headers or from the trailer
     * @param computeAlso a checksum to compute even with no claimed value (from {@code x-amz-sdk-checksum-algorithm},
     *     so the caller can echo it), or null
     * @param maxBytes the most bytes the body may have, or -1 for no limit
     */
    public VerifyingInputStream(InputStream in, String contentMd5, List<ExpectedChecksum> expected,
            ChecksumAlgorithm computeAlso, long maxBytes) {
        this(in, null, contentMd5, expected, computeAlso, maxBytes);
    }

    /**
     * @param payloadSha256 the SHA-256 the request's {@code x-amz-content-sha256} says the body has (a signed
     *     payload), or null when it named none (UNSIGNED-PAYLOAD, aws-chunked, no header)
     */
    public VerifyingInputStream(InputStream in, byte[] payloadSha256, String contentMd5,
            List<ExpectedChecksum> expected, ChecksumAlgorithm computeAlso, long maxBytes) {
        this.in = Objects.requireNonNull(in, "in");
        this.expectedSha256 = payloadSha256 == null ? null : payloadSha256.clone();
        this.sha256 = payloadSha256 == null ? null : ChecksumAlgorithm.messageDigest("SHA-256");
        this.expectedMd5 = contentMd5 == null ? null : decodeContentMd5(contentMd5);
        this.expected = List.copyOf(expected);
        this.maxBytes = maxBytes;
        for (ExpectedChecksum checksum : this.expected) {
            running.computeIfAbsent(checksum.algorithm(), ChecksumAlgorithm::newChecksum);
        }
        if (computeAlso != null) {
            running.computeIfAbsent(computeAlso, ChecksumAlgorithm::newChecksum);
        }
    }

    /** The measured body; available once read() has returned -1 (or released the last byte). */
    public VerifiedBody result() {
        if (result == null) {
            throw new IllegalStateException("the body has not been read to its end and verified");
        }
        return result;
    }

    /** How many bytes have come from the wrapped stream so far, the held-back byte included. */
    public long bytesRead() {
        return count;
    }

    @Override
    public int read() throws IOException {
        int n = read(single, 0, 1);
        return n < 0 ? -1 : single[0] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, target.length);
        rethrowFailure();
        if (length == 0) {
            return 0;
        }
        try {
            return readHoldingBack(target, offset, length);
        } catch (IOException | RuntimeException e) {
            // Remember it, so a caller that retries can never get past the failure to the held byte.
            failure = e;
            throw e;
        }
    }

    @Override
    public int available() throws IOException {
        if (result != null) {
            return holding ? 1 : 0;
        }
        // Of what the wrapped stream has ready, the last byte would become the held one.
        return holding ? in.available() : Math.max(0, in.available() - 1);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private int readHoldingBack(byte[] target, int offset, int length) throws IOException {
        while (true) {
            if (result != null) {
                return releaseHeld(target, offset);
            }
            int n = in.read(scratch, 0, Math.min(length, scratch.length));
            if (n < 0) {
                result = verify();
                return releaseHeld(target, offset);
            }
            if (n == 0) {
                continue;
            }
            count += n;
            if (maxBytes >= 0 && count > maxBytes) {
                throw S3BodyError.ENTITY_TOO_LARGE.error("Your proposed upload exceeds the maximum allowed size", null);
            }
            md5.update(scratch, 0, n);
            if (sha256 != null) {
                sha256.update(scratch, 0, n);
            }
            for (RunningChecksum checksum : running.values()) {
                checksum.update(scratch, 0, n);
            }
            // Deliver the byte held so far and all new bytes but the last, which becomes the new held byte.
            int delivered = 0;
            if (holding) {
                target[offset] = held;
                delivered = 1;
            }
            System.arraycopy(scratch, 0, target, offset + delivered, n - 1);
            delivered += n - 1;
            held = scratch[n - 1];
            holding = true;
            if (delivered > 0) {
                return delivered;
            }
        }
    }

    private int releaseHeld(byte[] target, int offset) {
        if (!holding) {
            return -1;
        }
        holding = false;
        target[offset] = held;
        return 1;
    }

    private VerifiedBody verify() {
        // First: x-amz-content-sha256 is what the signature covers, so a body that misses it was changed on the way
        // (or the signer lied) whatever the other checks say.
        if (expectedSha256 != null && !MessageDigest.isEqual(expectedSha256, sha256.digest())) {
            throw S3BodyError.CONTENT_SHA256_MISMATCH.error("The provided 'x-amz-content-sha256' header does not "
                    + "match what was computed.", null);
        }
        byte[] md5Bytes = md5.digest();
        // UNCONFIRMED which check S3 reports first when several fail; Content-MD5 is the older, more general one.
        if (expectedMd5 != null && !MessageDigest.isEqual(expectedMd5, md5Bytes)) {
            throw S3BodyError.BAD_DIGEST.error("The Content-MD5 you specified did not match what we received.",
                    CONTENT_MD5);
        }
        Map<ChecksumAlgorithm, byte[]> computed = new EnumMap<>(ChecksumAlgorithm.class);
        running.forEach((algorithm, checksum) -> computed.put(algorithm, checksum.finish()));
        for (ExpectedChecksum checksum : expected) {
            String claimed = checksum.value().get();
            if (claimed == null) {
                // x-amz-trailer promised this checksum but the trailer lacks it. S3's answer is UNCONFIRMED;
                // InvalidRequest is the code S3 uses for checksum values that are missing or malformed.
                throw S3BodyError.INVALID_REQUEST.error("The " + checksum.algorithm().headerName()
                        + " trailer named in x-amz-trailer was not sent.", checksum.algorithm().headerName());
            }
            if (!MessageDigest.isEqual(checksum.decode(claimed), computed.get(checksum.algorithm()))) {
                throw S3BodyError.BAD_DIGEST.error("The " + checksum.algorithm().sdkName()
                        + " you specified did not match the calculated checksum.", checksum.algorithm().headerName());
            }
        }
        Map<ChecksumAlgorithm, String> encoded = new EnumMap<>(ChecksumAlgorithm.class);
        computed.forEach((algorithm, bytes) -> encoded.put(algorithm, Base64.getEncoder().encodeToString(bytes)));
        return new VerifiedBody(count, HexFormat.of().formatHex(md5Bytes),
                Base64.getEncoder().encodeToString(md5Bytes), encoded);
    }

    private void rethrowFailure() throws IOException {
        if (failure instanceof IOException) {
            throw new IOException(failure.getMessage(), failure);
        }
        if (failure instanceof RuntimeException) {
            throw (RuntimeException) failure;
        }
    }

    private static byte[] decodeContentMd5(String contentMd5) {
        byte[] bytes = null;
        try {
            bytes = Base64.getDecoder().decode(contentMd5.trim());
        } catch (IllegalArgumentException notBase64) {
            bytes = null;
        }
        if (bytes == null || bytes.length != 16) {
            throw S3BodyError.INVALID_DIGEST.error("The Content-MD5 you specified is not valid.", CONTENT_MD5);
        }
        return bytes;
    }
}
