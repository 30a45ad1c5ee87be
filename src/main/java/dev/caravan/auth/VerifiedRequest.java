package dev.caravan.auth;

/**
 * A request whose SigV4 signature checked out: who signed it and what it says about its body. The signing key stays
 * inside, only to verify the body's chunk signatures.
 *
 * @param keyId the Caravan key id that signed it (not a secret, but still kept out of logs and answers)
 * @param payloadMode what x-amz-content-sha256 says about the body (the signature covers that header's value)
 */
public record VerifiedRequest(String keyId, PayloadMode payloadMode, SigningKey signingKey, String amzDate,
                              String seedSignature) {

    /** A fresh chain for the body's chunk signatures, or null when its chunks are not signed. */
    public ChunkSignatureChain chunkSignatures() {
        if (!payloadMode.signedChunks()) {
            return null;
        }
        return new ChunkSignatureChain(signingKey, amzDate, seedSignature, payloadMode.signedTrailer());
    }

    @Override
    public String toString() {
        return "VerifiedRequest[" + payloadMode + ", " + signingKey.scope() + ']';
    }
}
