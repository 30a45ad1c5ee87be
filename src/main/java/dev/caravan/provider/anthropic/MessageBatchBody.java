package dev.caravan.provider.anthropic;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.AbstractHttpEntity;

/**
 * The body of {@code POST /v1/messages/batches}, {@code {"requests":[…]}}, written as it is sent: the requests are
 * read from their source one at a time while the bytes go out, so a batch from a large stored file never sits in
 * memory. Its length was measured by {@link RequestsCheck}; a source that writes anything else this time (a stored
 * file replaced in between) fails the send rather than sending something that was not checked.
 */
final class MessageBatchBody extends AbstractHttpEntity {

    private final RequestSource source;
    private final long length;

    MessageBatchBody(RequestSource source, long length) {
        super(ContentType.APPLICATION_JSON, null, false);
        this.source = source;
        this.length = length;
    }

    @Override
    public long getContentLength() {
        return length;
    }

    @Override
    public boolean isRepeatable() {
        return true;
    }

    @Override
    public boolean isStreaming() {
        return false;
    }

    @Override
    public InputStream getContent() throws IOException {
        return new Json(source.open());
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        long written = 0;
        try (InputStream content = getContent()) {
            byte[] buffer = new byte[64 * 1024];
            for (int read = content.read(buffer); read != -1; read = content.read(buffer)) {
                written += read;
                if (written > length) {
                    break;
                }
                out.write(buffer, 0, read);
            }
        }
        if (written != length) {
            throw new IOException("the batch's requests changed after they were checked (" + written + " bytes, "
                    + "checked " + length + ")");
        }
    }

    @Override
    public void close() {
        // every pass opens and closes its own source
    }

    /** {@code {"requests":[} then each request, comma-separated, then {@code ]}}, produced as it is read. */
    private static final class Json extends InputStream {

        private final RequestSource.Requests requests;
        private byte[] chunk = RequestsCheck.PREFIX;
        private int position;
        private boolean first = true;
        private boolean ended;

        Json(RequestSource.Requests requests) {
            this.requests = requests;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] target, int offset, int count) throws IOException {
            if (count == 0) {
                return 0;
            }
            while (chunk != null && position == chunk.length) {
                chunk = nextChunk();
                position = 0;
            }
            if (chunk == null) {
                return -1;
            }
            int n = Math.min(count, chunk.length - position);
            System.arraycopy(chunk, position, target, offset, n);
            position += n;
            return n;
        }

        private byte[] nextChunk() throws IOException {
            if (ended) {
                return null;
            }
            String request = requests.next();
            if (request == null) {
                ended = true;
                return RequestsCheck.SUFFIX;
            }
            String separated = first ? request : "," + request;
            first = false;
            return separated.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws IOException {
            requests.close();
        }
    }
}
