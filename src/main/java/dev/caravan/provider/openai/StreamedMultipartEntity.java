package dev.caravan.provider.openai;

import dev.caravan.model.command.StreamedUpload;
import dev.caravan.provider.CallerSideFailure;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.AbstractHttpEntity;

/**
 * OpenAI's files.create body (purpose, the forwarded fields, the file) written while the caller's file arrives. The
 * closing boundary goes out only once the caller's whole request arrived and checked out ({@code complete()}); if
 * anything fails before that, writeTo throws, httpclient drops the connection, and OpenAI never sees a finished form,
 * so it stores nothing. Sent chunked: its length is not known before the caller's body has ended.
 *
 * <p>UNCONFIRMED: that OpenAI accepts a chunked multipart upload (its SDKs always send a length). HTTP/1.1 requires
 * servers to accept chunked request bodies (RFC 9112 §6.1), and the alternative, holding the body until its length
 * is known, is the store-and-forward this replaces.
 */
final class StreamedMultipartEntity extends AbstractHttpEntity {

    private static final byte[] CRLF = {'\r', '\n'};
    private static final int CHUNK = 64 * 1024;

    private final StreamedUpload upload;
    private final String boundary;

    private StreamedMultipartEntity(StreamedUpload upload, String boundary) {
        super(ContentType.MULTIPART_FORM_DATA.withParameters(
                new org.apache.hc.core5.http.message.BasicNameValuePair("boundary", boundary)), null, true);
        this.upload = upload;
        this.boundary = boundary;
    }

    static StreamedMultipartEntity of(StreamedUpload upload) {
        return new StreamedMultipartEntity(upload, "caravan-" + UUID.randomUUID().toString().replace("-", ""));
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        text(out, "purpose", upload.purpose());
        for (Map.Entry<String, String> field : upload.fields().entrySet()) {
            text(out, field.getKey(), field.getValue());
        }
        ascii(out, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + quoted(upload.filename()) + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
        InputStream file = upload.file().bytes();
        byte[] chunk = new byte[CHUNK];
        for (int n; (n = callerSide(() -> file.read(chunk))) >= 0; ) {
            out.write(chunk, 0, n);
        }
        Map<String, String> later = callerSide(() -> upload.file().complete());
        out.write(CRLF);
        for (Map.Entry<String, String> field : later.entrySet()) {
            text(out, field.getKey(), field.getValue());
        }
        ascii(out, "--" + boundary + "--\r\n");
        out.flush();
    }

    /** What reading the caller's side throws is the caller's failure; what writing upstream throws is not. */
    private static <T> T callerSide(CallerRead<T> read) {
        try {
            return read.get();
        } catch (IOException e) {
            throw new CallerSideFailure(new UncheckedIOException(e));
        } catch (RuntimeException e) {
            throw new CallerSideFailure(e);
        }
    }

    @FunctionalInterface
    private interface CallerRead<T> {
        T get() throws IOException;
    }

    private void text(OutputStream out, String name, String value) throws IOException {
        ascii(out, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + quoted(name)
                + "\"\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n");
        out.write(value.getBytes(StandardCharsets.UTF_8));
        out.write(CRLF);
    }

    private static void ascii(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A quoted-string's content: quotes and backslashes escaped, line breaks (which would end the header) dropped. */
    private static String quoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\r", "").replace("\n", "");
    }

    @Override
    public long getContentLength() {
        return -1;
    }

    @Override
    public InputStream getContent() {
        throw new UnsupportedOperationException("a streamed upload can only be written, once");
    }

    @Override
    public boolean isRepeatable() {
        return false;
    }

    @Override
    public boolean isStreaming() {
        return true;
    }

    @Override
    public void close() {
        // the caller's request owns the stream
    }
}
