package dev.caravan.surface.s3.body;

import java.util.Base64;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A checksum the client claims for the body. {@code value} is asked for only at the end of the body, so it can come
 * from a header (known up front) or from the aws-chunked trailer (known only at the end); it yields null when the
 * client did not send it after all.
 */
public record ExpectedChecksum(ChecksumAlgorithm algorithm, Supplier<String> value, boolean fromTrailer) {

    public ExpectedChecksum {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(value, "value");
    }

    /** From an {@code x-amz-checksum-*} request header; a malformed value is rejected now, before any body is read. */
    public static ExpectedChecksum ofHeader(ChecksumAlgorithm algorithm, String headerValue) {
        ExpectedChecksum expected = new ExpectedChecksum(algorithm, () -> headerValue, false);
        expected.decode(headerValue);
        return expected;
    }

    /** From the aws-chunked trailer of {@code body}, which is read when {@code body} has ended. */
    public static ExpectedChecksum ofTrailer(ChecksumAlgorithm algorithm, AwsChunkedInputStream body) {
        Objects.requireNonNull(body, "body");
        return new ExpectedChecksum(algorithm, () -> body.trailers().get(algorithm.headerName()), true);
    }

    /**
     * The claimed checksum bytes. S3 answers a value that is not base64 of the algorithm's length with InvalidRequest
     * and this message ([3rd]: tests run against S3 by several S3 clones and SDKs expect it word for word).
     */
    byte[] decode(String claimed) {
        byte[] bytes = null;
        if (claimed != null) {
            try {
                bytes = Base64.getDecoder().decode(claimed);
            } catch (IllegalArgumentException notBase64) {
                bytes = null;
            }
        }
        // Only the canonical padded form is accepted, the form every SDK sends (UNCONFIRMED whether S3 is as strict).
        // Java's decoder alone would take "HNe1bB==" for "HNe1bA==" (it ignores the spare low bits), and an
        // unpadded value; a claim that is not exactly what we would echo back is better refused than half-matched.
        if (bytes == null || bytes.length != algorithm.length()
                || !Base64.getEncoder().encodeToString(bytes).equals(claimed)) {
            // "trailing header" for the trailer is by analogy with S3's header message (UNCONFIRMED).
            String where = fromTrailer ? " trailing header" : " header";
            throw S3BodyError.INVALID_REQUEST.error(
                    "Value for " + algorithm.headerName() + where + " is invalid.", algorithm.headerName());
        }
        return bytes;
    }
}
