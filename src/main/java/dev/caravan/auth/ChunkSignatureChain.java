package dev.caravan.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The signatures of an aws-chunked body signed chunk by chunk (provider-apis.md §7.9 step 5). The chain starts at
 * the request's own signature (the seed); each chunk, the final empty one included, is signed over the previous
 * signature and the chunk's SHA-256, and the trailer over the final chunk's signature and the canonical trailer lines.
 * A chunk cannot be altered, dropped, reordered or replayed from another request without breaking the chain.
 *
 * <p>Not thread-safe: one body, read by one reader.
 */
public final class ChunkSignatureChain {

    private static final String CHUNK_ALGORITHM = "AWS4-HMAC-SHA256-PAYLOAD";
    private static final String TRAILER_ALGORITHM = "AWS4-HMAC-SHA256-TRAILER";

    private final SigningKey key;
    private final String amzDate;
    private final boolean signedTrailer;
    private String previous;

    /**
     * @param seedSignature the Signature of the request's Authorization header, already verified
     * @param signedTrailer whether the body ends in a signed trailer (…-PAYLOAD-TRAILER)
     */
    public ChunkSignatureChain(SigningKey key, String amzDate, String seedSignature, boolean signedTrailer) {
        this.key = key;
        this.amzDate = amzDate;
        this.previous = seedSignature;
        this.signedTrailer = signedTrailer;
    }

    public boolean signedTrailer() {
        return signedTrailer;
    }

    /**
     * Checks the next chunk's signature and moves the chain on.
     *
     * @param claimed the {@code chunk-signature} the chunk header carried
     * @param dataSha256 the SHA-256 of the chunk's data (of no bytes for the final chunk)
     * @return whether it matched; after a mismatch the chain is broken for good
     */
    public boolean nextChunk(String claimed, byte[] dataSha256) {
        String expected = key.sign(CHUNK_ALGORITHM + '\n' + amzDate + '\n' + key.scope() + '\n' + previous + '\n'
                + Sha256.EMPTY_HEX + '\n' + Sha256.hex(dataSha256));
        return advance(claimed, expected);
    }

    /**
     * Checks the trailer's {@code x-amz-trailer-signature}.
     *
     * @param canonicalTrailers every trailer line but the signature, each as {@code name:value\n}
     */
    public boolean trailer(String claimed, String canonicalTrailers) {
        String expected = key.sign(TRAILER_ALGORITHM + '\n' + amzDate + '\n' + key.scope() + '\n' + previous + '\n'
                + Sha256.hexOf(canonicalTrailers));
        return advance(claimed, expected);
    }

    private boolean advance(String claimed, String expected) {
        // Constant time over equal lengths: a signature that is not 64 characters is wrong whatever its content.
        boolean matches = claimed != null && claimed.length() == expected.length()
                && MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                        claimed.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
        // A broken chain stays broken: nothing after a bad chunk can verify against a signature we never accepted.
        previous = matches ? expected : "";
        return matches;
    }

    @Override
    public String toString() {
        return "ChunkSignatureChain[" + key.scope() + (signedTrailer ? ", signed trailer]" : "]");
    }
}
