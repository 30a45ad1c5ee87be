package dev.caravan.surface.openai.upload;

import dev.caravan.model.GatewayError;
import dev.caravan.model.Provider;
import dev.caravan.model.command.ArrivingFile;
import dev.caravan.model.command.StorageConfig;
import dev.caravan.model.command.StreamedUpload;
import dev.caravan.model.command.UploadFile;
import dev.caravan.surface.s3.body.RequestBodyStream;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One files.create request as it arrives: the form is read up to the start of the file part, and from there the file
 * is either streamed on ({@link #streamed()}, with {@link #bytes()} and {@link #complete()} for the provider) or
 * spooled whole ({@link #spooled()}). Either way every byte of the file goes through the spool file, so a streamed
 * attempt that has to be given up can still be completed through the spool. Not thread-safe: one route at a time.
 *
 * <p>A parameter is looked up as before, when the HTTP layer put form fields, HTTP headers and query parameters into
 * one set of Camel headers: the form field first, then an HTTP header of that name, then the query parameter.
 */
public final class ArrivingUpload implements ArrivingFile, AutoCloseable {

    /** The exchange property that holds the upload while its request is being answered. */
    public static final String PROPERTY = "caravanUpload";

    private static final String PROVIDER = "provider";
    private static final String PURPOSE = "purpose";
    private static final int MAX_FIELD_BYTES = 64 * 1024;
    /**
     * Optional upload fields passed on to the provider: OpenAI's expiry, and {@code model}, the batch model for
     * providers whose files are converted at upload (bedrock) when the lines name none (Gemini lines). The ones
     * forwarded are named rather than guessed; a provider refuses the ones it has no use for.
     */
    private static final List<String> FORWARDED_FIELDS =
            List.of("expires_after[anchor]", "expires_after[seconds]", "model");

    private final HttpServerRequest request;
    private final Map<String, List<String>> query;
    private final UploadSettings settings;
    private final Map<String, String> fields = new LinkedHashMap<>();
    private final FileBytes fileBytes = new FileBytes();

    private MultipartReader form;
    private MultipartReader.Part file;
    private GrowingSpool spool;
    private boolean fileEnded;
    private long fileSize;
    private boolean formEnded;
    private boolean streaming;
    private StreamedBatchCheck check;
    // What the streamed attempt sent before the file, to be held against the whole form once it has arrived.
    private String streamedPurpose;
    private Map<String, String> streamedFields = Map.of();

    /** Nothing is read yet: {@link #readUpToFile()} starts. */
    ArrivingUpload(HttpServerRequest request, UploadSettings settings) {
        this.request = request;
        this.query = new QueryStringDecoder("?" + (request.query() == null ? "" : request.query())).parameters();
        this.settings = settings;
    }

    /**
     * Reads the form up to the first byte of its file part (or to its end, when it has none). A body declared over
     * the limit is refused unread; one that is no multipart form is read and answered as a form without a file.
     */
    void readUpToFile() {
        String declared = request.getHeader("Content-Length");
        if (declared != null && declaredLength(declared) > settings.maxBodyBytes()) {
            throw BodyLimit.tooLarge(settings.maxBodyBytes());
        }
        InputStream body = new BodyLimit(new RequestBodyStream(request, settings.idleTimeout(),
                RequestBodyStream.DEFAULT_MAX_BUFFERED_BYTES, OpenAiUploads.FAILURES), settings.maxBodyBytes());
        String contentType = request.getHeader("Content-Type");
        try {
            if (!isMultipart(contentType)) {
                body.transferTo(OutputStream.nullOutputStream());
                formEnded = true;
                throw missingFile();
            }
            form = new MultipartReader(body, MultipartReader.boundaryOf(contentType));
            readFields(false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file part started, with its purpose known, for OpenAI (named, or no provider named, which is OpenAI). */
    public boolean streamsToOpenAi() {
        if (!settings.streaming() || file == null || blank(param(PURPOSE))) {
            return false;
        }
        return isOpenAi(param(PROVIDER));
    }

    /** The upload as a command that streams: its file part goes on as it arrives. */
    public StreamedUpload streamed() {
        streaming = true;
        String purpose = param(PURPOSE);
        if ("batch".equals(purpose)) {
            try {
                check = StreamedBatchCheck.start(settings.validator(), spool(), settings.workers());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        streamedPurpose = purpose;
        streamedFields = forwardedFields();
        return new StreamedUpload(param(PROVIDER), file.filename(), purpose, streamedFields, this);
    }

    @Override
    public InputStream bytes() {
        return fileBytes;
    }

    @Override
    public Map<String, String> complete() {
        try {
            readRest();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!isOpenAi(param(PROVIDER))) {
            throw new UploadNotStreamed("a field after the file part names another provider");
        }
        if (!streamedPurpose.equals(param(PURPOSE))) {
            throw new UploadNotStreamed("a field after the file part changes the purpose");
        }
        if (check != null && settings.validator().tooLarge(fileSize)) {
            throw new UploadNotStreamed("the batch file is over the size limit");
        }
        if (check != null && !check.passed()) {
            throw new UploadNotStreamed("the batch file failed its line checks");
        }
        Map<String, String> later = new LinkedHashMap<>();
        for (Map.Entry<String, String> field : forwardedFields().entrySet()) {
            String sent = streamedFields.get(field.getKey());
            if (sent == null) {
                later.put(field.getKey(), field.getValue());
            } else if (!sent.equals(field.getValue())) {
                // a form field after the file part wins over the header or query value already sent
                throw new UploadNotStreamed("a field after the file part changes '" + field.getKey() + "'");
            }
        }
        return later;
    }

    /**
     * The whole upload, spooled: the rest of the request is read (continuing wherever a streamed attempt stopped) and
     * the upload made into the command the providers take, with today's answers to a missing file or purpose.
     */
    public UploadFile spooled() {
        stopStreaming();
        try {
            readRest();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (file == null) {
            throw missingFile();
        }
        String purpose = param(PURPOSE);
        if (blank(purpose)) {
            throw GatewayError.invalid(PURPOSE, "Missing required parameter: 'purpose'.");
        }
        return new UploadFile(param(PROVIDER), file.filename(), purpose, spool.path(), fileSize, forwardedFields(),
                StorageConfig.from(this::param));
    }

    /**
     * Before an error is answered: the rest of the caller's body is read and dropped (bounded by the body limit),
     * so a client still sending hears the answer instead of a reset. Whatever fails here has been answered already.
     */
    public void discardRest() {
        stopStreaming();
        try {
            readRest();
        } catch (RuntimeException | IOException ignored) {
            // the answer on its way says what went wrong first
        }
    }

    /**
     * After an error answer to a request whose form was not read to its end (the body broke off, stalled, was too
     * large or malformed): what is left of it cannot be told from a next request, so the connection closes once the
     * answer is out (and the answer says so), as RequestGuards does for the same failures.
     */
    public boolean closeConnectionIfFormUnfinished() {
        if (formEnded && request.isEnded()) {
            return false;
        }
        request.response().endHandler(done -> request.connection().close());
        return true;
    }

    @Override
    public void close() {
        stopStreaming();
        if (spool != null) {
            spool.delete();
        }
    }

    private void stopStreaming() {
        streaming = false;
        if (check != null) {
            check.cancel();
        }
        if (spool != null) {
            spool.abandonReaders();
        }
    }

    private String param(String name) {
        String value = fields.get(name);
        if (value == null) {
            value = request.getHeader(name);
        }
        if (value == null) {
            List<String> values = query.get(name);
            value = values == null || values.isEmpty() ? null : values.get(0);
        }
        return value;
    }

    private Map<String, String> forwardedFields() {
        Map<String, String> forwarded = new LinkedHashMap<>();
        for (String name : FORWARDED_FIELDS) {
            String value = param(name);
            if (value != null) {
                forwarded.put(name, value);
            }
        }
        return forwarded;
    }

    private static boolean isOpenAi(String provider) {
        if (blank(provider)) {
            return true;
        }
        try {
            return Provider.parse(provider) == Provider.OPENAI;
        } catch (GatewayError unknown) {
            return false;
        }
    }

    private static GatewayError missingFile() {
        return GatewayError.invalid("file", "Missing required parameter: 'file' (a multipart file part with a "
                + "filename).");
    }

    private static boolean isMultipart(String contentType) {
        return contentType != null && contentType.trim().toLowerCase(Locale.ROOT).startsWith("multipart/");
    }

    private static long declaredLength(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private GrowingSpool spool() throws IOException {
        if (spool == null) {
            spool = new GrowingSpool(settings.newSpoolFile());
        }
        return spool;
    }

    /** The rest of the file part (into the spool), then every later field, then the end of the body. */
    private void readRest() throws IOException {
        if (formEnded || form == null) {
            return;
        }
        if (file != null && !fileEnded) {
            // the spool keeps every byte read, so the rest only needs reading
            fileBytes.transferTo(OutputStream.nullOutputStream());
        }
        readFields(true);
    }

    private void readFields(boolean toTheEnd) throws IOException {
        for (MultipartReader.Part part; (part = form.next()) != null; ) {
            if (part.isFile()) {
                if (file == null && "file".equals(part.name()) && !toTheEnd) {
                    file = part;
                    spool();
                    return;
                }
                continue;
            }
            if (part.name() == null) {
                continue;
            }
            fields.putIfAbsent(part.name(), MultipartReader.text(part, MAX_FIELD_BYTES));
        }
        form.skipEpilogue();
        formEnded = true;
    }

    /** The file part's bytes as they are read, appended to the spool; checked on the way while streaming. */
    private final class FileBytes extends InputStream {

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            if (file == null || fileEnded) {
                return -1;
            }
            if (streaming && check != null) {
                // give up early: the upstream upload could never be finished
                if (check.failed()) {
                    throw new UploadNotStreamed("the batch file failed its line checks");
                }
                if (settings.validator().tooLarge(fileSize)) {
                    throw new UploadNotStreamed("the batch file is over the size limit");
                }
            }
            int n = file.body().read(target, offset, length);
            if (n < 0) {
                fileEnded = true;
                spool.finish();
                return -1;
            }
            spool.append(target, offset, n);
            fileSize += n;
            return n;
        }
    }
}
