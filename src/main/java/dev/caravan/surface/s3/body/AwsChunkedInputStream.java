package dev.caravan.surface.s3.body;

import dev.caravan.auth.ChunkSignatureChain;
import dev.caravan.auth.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Decodes a {@code Content-Encoding: aws-chunked} body (provider-apis.md 7.9) while it streams: signed and unsigned
 * chunks, the final zero chunk, and the trailer. The HTTP layer must already have removed any
 * {@code Transfer-Encoding: chunked} framing. Only a small line buffer is held; chunk data goes straight through.
 *
 * <p>Given a {@link ChunkSignatureChain} (a STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER] body of an authenticated
 * request), every chunk signature and the trailer signature are verified (§7.9 step 5). A chunk's data is handed on
 * before its signature can be checked (the check needs all of it), but read() never returns -1 before every signature
 * has held, and the {@link VerifyingInputStream} this feeds holds the body's last byte back until then: a tampered
 * body fails with SignatureDoesNotMatch and is never stored.
 *
 * <p>Not thread-safe: one reader at a time, as for any {@link InputStream}.
 */
public final class AwsChunkedInputStream extends InputStream {

    /** Longest chunk-header or trailer line, without its CRLF. A SigV4a chunk header is under 200 bytes. */
    public static final int MAX_LINE_BYTES = 4096;
    /** Most trailer lines, the trailer signature included; real clients send one checksum and maybe a signature. */
    public static final int MAX_TRAILERS = 16;

    private static final String TRAILER_SIGNATURE = "x-amz-trailer-signature";
    private static final String DECODED_LENGTH_HEADER = "x-amz-decoded-content-length";
    private static final String CHUNK_SIGNATURE = "chunk-signature=";
    private static final int MAX_HEX_DIGITS = 16;

    private enum State { CHUNK_HEADER, CHUNK_DATA, DONE }

    private final InputStream in;
    private final long declaredLength;
    private final ChunkSignatureChain signatures;
    private final MessageDigest chunkDigest;
    private final byte[] buffer = new byte[8192];
    private final byte[] line = new byte[MAX_LINE_BYTES];
    private final byte[] single = new byte[1];
    private int position;
    private int limit;
    private State state = State.CHUNK_HEADER;
    private long chunkRemaining;
    private String chunkSignature;
    private long decoded;
    private Map<String, String> trailers;
    private RuntimeException failure;

    /**
     * @param in the body as it came off the wire, HTTP framing removed
     * @param declaredLength {@code x-amz-decoded-content-length}, or -1 when the request did not send it
     */
    public AwsChunkedInputStream(InputStream in, long declaredLength) {
        this(in, declaredLength, null);
    }

    /**
     * @param signatures the chain every chunk (and the trailer, if it signs one) must verify against, or null to
     *     skip any chunk signatures (unsigned streams, or authentication off)
     */
    public AwsChunkedInputStream(InputStream in, long declaredLength, ChunkSignatureChain signatures) {
        this.in = Objects.requireNonNull(in, "in");
        this.declaredLength = declaredLength;
        this.signatures = signatures;
        this.chunkDigest = signatures == null ? null : Sha256.newDigest();
    }

    /** The trailer lines by lower-case name, without {@code x-amz-trailer-signature}; known only once read() gave -1. */
    public Map<String, String> trailers() {
        if (state != State.DONE) {
            throw new IllegalStateException("the aws-chunked trailer is known only after the end of the body");
        }
        return trailers;
    }

    /** How many decoded bytes have been delivered so far. */
    public long decodedLength() {
        return decoded;
    }

    @Override
    public int read() throws IOException {
        int n = read(single, 0, 1);
        return n < 0 ? -1 : single[0] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, target.length);
        if (failure != null) {
            // After a framing error the position in the stream means nothing; never decode past it.
            throw failure;
        }
        if (length == 0) {
            return 0;
        }
        try {
            return decode(target, offset, length);
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        }
    }

    private int decode(byte[] target, int offset, int length) throws IOException {
        while (true) {
            switch (state) {
                case DONE:
                    return -1;
                case CHUNK_DATA:
                    if (chunkRemaining > 0) {
                        return readData(target, offset, (int) Math.min(length, chunkRemaining));
                    }
                    expectCrlfAfterData();
                    verifyChunkSignature();
                    state = State.CHUNK_HEADER;
                    break;
                case CHUNK_HEADER:
                    readChunkHeader();
                    break;
                default:
                    throw new IllegalStateException(state.name());
            }
        }
    }

    @Override
    public int available() throws IOException {
        return state == State.CHUNK_DATA ? (int) Math.min(limit - position, chunkRemaining) : 0;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private int readData(byte[] target, int offset, int length) throws IOException {
        int n;
        if (position < limit) {
            n = Math.min(length, limit - position);
            System.arraycopy(buffer, position, target, offset, n);
            position += n;
        } else {
            // Nothing buffered: read straight into the caller's array, so big chunks cost no extra copy.
            n = in.read(target, offset, length);
            if (n < 0) {
                throw truncated();
            }
        }
        if (chunkDigest != null) {
            chunkDigest.update(target, offset, n);
        }
        chunkRemaining -= n;
        decoded += n;
        return n;
    }

    private void readChunkHeader() throws IOException {
        String header = readLine();
        if (header == null) {
            throw truncated();
        }
        int semicolon = header.indexOf(';');
        // What follows ';' is the chunk signature (";chunk-signature=<hex>", longer for SigV4a); it is checked once
        // the chunk's data has been read, or skipped when the stream is not one whose chunks are signed.
        long size = parseHexSize(semicolon < 0 ? header : header.substring(0, semicolon));
        if (signatures != null) {
            chunkSignature = chunkSignature(semicolon < 0 ? "" : header.substring(semicolon + 1));
        }
        if (declaredLength >= 0 && size > declaredLength - decoded) {
            // Fail before streaming bytes the declared length says cannot be there.
            throw incomplete();
        }
        if (size > 0) {
            chunkRemaining = size;
            state = State.CHUNK_DATA;
            return;
        }
        verifyChunkSignature();
        trailers = readTrailers();
        if (declaredLength >= 0 && decoded != declaredLength) {
            throw incomplete();
        }
        state = State.DONE;
    }

    private static long parseHexSize(String hex) {
        if (hex.isEmpty() || hex.length() > MAX_HEX_DIGITS) {
            throw malformed("chunk size '" + hex + "' is not a hex number");
        }
        for (int i = 0; i < hex.length(); i++) {
            if (Character.digit(hex.charAt(i), 16) < 0) {
                throw malformed("chunk size '" + hex + "' is not a hex number");
            }
        }
        long size = Long.parseUnsignedLong(hex, 16);
        if (size < 0) {
            throw malformed("chunk size '" + hex + "' is too large");
        }
        return size;
    }

    private Map<String, String> readTrailers() throws IOException {
        Map<String, String> parsed = new LinkedHashMap<>();
        StringBuilder canonical = new StringBuilder();
        String trailerSignature = null;
        int lines = 0;
        while (true) {
            String trailer = readLine();
            if (trailer == null || trailer.isEmpty()) {
                // A stream that ends where the closing empty line belongs is accepted (7.9 step 2).
                break;
            }
            if (++lines > MAX_TRAILERS) {
                throw malformed("more than " + MAX_TRAILERS + " trailer lines");
            }
            int colon = trailer.indexOf(':');
            if (colon <= 0) {
                throw malformed("trailer line without a name");
            }
            String name = trailer.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = trailer.substring(colon + 1).trim();
            if (name.equals(TRAILER_SIGNATURE)) {
                if (trailerSignature != null) {
                    throw malformed("trailer '" + name + "' sent twice");
                }
                trailerSignature = value;
                continue;
            }
            if (parsed.putIfAbsent(name, value) != null) {
                // Two values for one checksum would leave it open which one was verified.
                throw malformed("trailer '" + name + "' sent twice");
            }
            canonical.append(name).append(':').append(value).append('\n');
        }
        if (signatures != null && signatures.signedTrailer()
                && (trailerSignature == null || !signatures.trailer(trailerSignature, canonical.toString()))) {
            // Without this an unsigned trailer could swap in a checksum that matches a body changed on the way.
            throw signatureMismatch("The trailer signature of the aws-chunked body is missing or does not match the "
                    + "one we calculated.");
        }
        if (fill() > 0) {
            throw malformed("data after the end of the aws-chunked body");
        }
        return Collections.unmodifiableMap(parsed);
    }

    /** The signature of a chunk-extension such as {@code chunk-signature=<64 hex>}; a signed stream must have one. */
    private static String chunkSignature(String extension) {
        String trimmed = extension.trim();
        if (!trimmed.startsWith(CHUNK_SIGNATURE)) {
            throw signatureMismatch("A chunk of the signed aws-chunked body has no chunk-signature.");
        }
        return trimmed.substring(CHUNK_SIGNATURE.length()).trim();
    }

    /** Checks the chunk just read (the final empty one included) against the chain. */
    private void verifyChunkSignature() {
        if (signatures == null) {
            return;
        }
        if (!signatures.nextChunk(chunkSignature, chunkDigest.digest())) {
            throw signatureMismatch("A chunk signature of the aws-chunked body does not match the one we calculated. "
                    + "Check your key and signing method.");
        }
    }

    private void expectCrlfAfterData() throws IOException {
        int cr = readByte();
        int lf = cr < 0 ? -1 : readByte();
        if (cr < 0 || lf < 0) {
            throw truncated();
        }
        if (cr != '\r' || lf != '\n') {
            throw malformed("chunk data is not followed by CRLF");
        }
    }

    /** One CRLF-terminated line without its CRLF; null when the stream ends before the line's first byte. */
    private String readLine() throws IOException {
        int length = 0;
        while (true) {
            int b = readByte();
            if (b < 0) {
                if (length == 0) {
                    return null;
                }
                throw truncated();
            }
            if (b == '\r') {
                int lf = readByte();
                if (lf < 0) {
                    throw truncated();
                }
                if (lf != '\n') {
                    throw malformed("CR without LF");
                }
                return new String(line, 0, length, StandardCharsets.ISO_8859_1);
            }
            if (b == '\n') {
                throw malformed("line ends in LF without CR");
            }
            if (length == MAX_LINE_BYTES) {
                throw malformed("line longer than " + MAX_LINE_BYTES + " bytes");
            }
            line[length++] = (byte) b;
        }
    }

    private int readByte() throws IOException {
        if (position == limit && fill() < 0) {
            return -1;
        }
        return buffer[position++] & 0xff;
    }

    private int fill() throws IOException {
        if (position < limit) {
            return limit - position;
        }
        int n;
        do {
            n = in.read(buffer, 0, buffer.length);
        } while (n == 0);
        if (n < 0) {
            return -1;
        }
        position = 0;
        limit = n;
        return n;
    }

    private static RuntimeException signatureMismatch(String message) {
        return S3BodyError.SIGNATURE_DOES_NOT_MATCH.error(message, null);
    }

    private static RuntimeException truncated() {
        return S3BodyError.INCOMPLETE_BODY.error(S3BodyError.INCOMPLETE_BODY_MESSAGE, null);
    }

    private static RuntimeException incomplete() {
        return S3BodyError.INCOMPLETE_BODY.error(S3BodyError.INCOMPLETE_BODY_MESSAGE, DECODED_LENGTH_HEADER);
    }

    // S3's own wording for broken aws-chunked framing is not known (UNCONFIRMED); InvalidRequest with a message that
    // says what was wrong is the closest documented code.
    private static RuntimeException malformed(String detail) {
        return S3BodyError.INVALID_REQUEST.error("The aws-chunked request body is malformed: " + detail + ".", null);
    }
}
