package dev.caravan.sandbox.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Locale;

/**
 * A spooled {@code multipart/related} upload body (provider-apis.md §4.2: part 1 the JSON {@code {"file":{...}}},
 * part 2 the bytes), split on disk: the metadata part is read (at most 1 MB), and the media part, which runs from
 * after its headers to the last delimiter, is copied out and hashed in a stream. Never in memory whole.
 *
 * @param metadata  the parsed first part, or null when it was empty
 * @param mediaType the second part's Content-Type, or null
 * @param size      the media part's length, copied to the target file
 * @param sha256    base64 of its SHA-256
 */
record MultipartBody(JsonNode metadata, String mediaType, long size, String sha256) {

    private static final int MAX_HEADER_BYTES = 16 * 1024;

    /** The boundary of a {@code multipart/related; boundary=...} Content-Type; 400 for any other. */
    static String boundary(String contentType) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/related")) {
            throw ApiError.invalid("A multipart upload needs Content-Type: multipart/related; boundary=...");
        }
        for (String parameter : contentType.split(";")) {
            String trimmed = parameter.trim();
            if (trimmed.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
                String boundary = trimmed.substring("boundary=".length());
                if (boundary.length() > 1 && boundary.startsWith("\"") && boundary.endsWith("\"")) {
                    boundary = boundary.substring(1, boundary.length() - 1);
                }
                if (!boundary.isEmpty() && boundary.length() <= 70) {
                    return boundary;
                }
            }
        }
        throw ApiError.invalid("The multipart/related Content-Type has no valid boundary.");
    }

    /** Splits {@code body}, copying the media part to {@code media}. */
    static MultipartBody split(Path body, String boundary, Path media) throws IOException {
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
        byte[] closing = ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII);
        long mediaStart;
        JsonNode metadata;
        String mediaType;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(body))) {
            long[] position = {0};
            expect(readLine(in, position), delimiter);
            readHeaders(in, position);
            byte[] json = readUntil(in, position, closing, Uploads.MAX_METADATA_BYTES);
            readLine(in, position); // the rest of the delimiter line
            mediaType = readHeaders(in, position);
            mediaStart = position[0];
            metadata = json.length == 0 ? null : parseJson(json);
        }
        long mediaEnd = lastIndexOf(body, closing, mediaStart);
        if (mediaEnd < 0) {
            throw ApiError.invalid("The multipart body has no closing delimiter.");
        }
        MessageDigest digest = Uploads.sha256();
        try (InputStream in = Files.newInputStream(body); OutputStream out = Files.newOutputStream(media)) {
            in.skipNBytes(mediaStart);
            byte[] buffer = new byte[64 * 1024];
            long left = mediaEnd - mediaStart;
            while (left > 0) {
                int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (read < 0) {
                    throw new IOException("the spooled body ended early");
                }
                digest.update(buffer, 0, read);
                out.write(buffer, 0, read);
                left -= read;
            }
        }
        return new MultipartBody(metadata, mediaType, mediaEnd - mediaStart, Uploads.base64(digest));
    }

    private static JsonNode parseJson(byte[] json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw ApiError.invalid("Invalid JSON payload received in the metadata part.");
        }
    }

    private static void expect(byte[] line, byte[] delimiter) {
        if (!java.util.Arrays.equals(line, delimiter)) {
            throw ApiError.invalid("The multipart body does not start with its boundary.");
        }
    }

    /** Reads header lines up to the blank one; returns the part's Content-Type, or null. */
    private static String readHeaders(InputStream in, long[] position) throws IOException {
        String contentType = null;
        while (true) {
            byte[] line = readLine(in, position);
            if (line.length == 0) {
                return contentType;
            }
            String header = new String(line, StandardCharsets.ISO_8859_1);
            int colon = header.indexOf(':');
            if (colon > 0 && header.substring(0, colon).trim().equalsIgnoreCase("content-type")) {
                contentType = header.substring(colon + 1).trim();
            }
        }
    }

    /** A line without its CRLF (or LF). */
    private static byte[] readLine(InputStream in, long[] position) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw ApiError.invalid("The multipart body ended inside a part's headers.");
            }
            position[0]++;
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return java.util.Arrays.copyOf(bytes, length);
            }
            if (line.size() >= MAX_HEADER_BYTES) {
                throw ApiError.invalid("A multipart header line is too long.");
            }
            line.write(b);
        }
    }

    /** The bytes before {@code marker} (consumed too), at most {@code limit} of them. */
    private static byte[] readUntil(InputStream in, long[] position, byte[] marker, int limit) throws IOException {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        int matched = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw ApiError.invalid("The multipart body ended inside its metadata part.");
            }
            position[0]++;
            read.write(b);
            matched = b == marker[matched] ? matched + 1 : b == marker[0] ? 1 : 0;
            if (matched == marker.length) {
                byte[] bytes = read.toByteArray();
                return java.util.Arrays.copyOf(bytes, bytes.length - marker.length);
            }
            if (read.size() > limit + marker.length) {
                throw ApiError.invalid("The multipart metadata part is larger than " + limit + " bytes.");
            }
        }
    }

    /** Where the last {@code marker} starts, searching back from the end (only an epilogue may follow it). */
    private static long lastIndexOf(Path file, byte[] marker, long notBefore) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            int window = (int) Math.min(length - notBefore, 64 * 1024 + marker.length);
            if (window < marker.length) {
                return -1;
            }
            byte[] tail = new byte[window];
            raf.seek(length - window);
            raf.readFully(tail);
            for (int i = window - marker.length; i >= 0; i--) {
                boolean found = true;
                for (int j = 0; j < marker.length && found; j++) {
                    found = tail[i + j] == marker[j];
                }
                if (found) {
                    return length - window + i;
                }
            }
            return -1;
        }
    }
}
