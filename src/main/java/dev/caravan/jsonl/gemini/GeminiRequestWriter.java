package dev.caravan.jsonl.gemini;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.caravan.jsonl.LineError;
import dev.caravan.jsonl.OptionalFields;
import dev.caravan.jsonl.RequestLineWriter;
import dev.caravan.jsonl.canonical.BatchRequest;
import dev.caravan.jsonl.canonical.Endpoint;
import dev.caravan.jsonl.canonical.Message;
import dev.caravan.jsonl.canonical.Parameters;
import dev.caravan.jsonl.canonical.Part;
import dev.caravan.jsonl.canonical.Role;
import java.io.IOException;
import java.util.List;

/**
 * Writes canonical requests as Gemini batch file lines (provider-apis.md §5.5): keyed {@code {key, request}}, or
 * {@code {request, metadata:{key}}} when asked, with a camelCase GenerateContentRequest. System messages become
 * {@code systemInstruction}, assistant turns {@code model} turns, parameters {@code generationConfig} fields.
 *
 * <p>The request's model is not written: a Gemini batch names its model once, in the batch-create call
 * ({@code models/{model}:batchGenerateContent}), and its file lines carry none.
 */
final class GeminiRequestWriter implements RequestLineWriter {

    private static final String TARGET = "Gemini";
    /** "The set of character sequences (up to 5) that will stop output generation" (GenerationConfig reference). */
    static final int MAX_STOP_SEQUENCES = 5;
    /** A Files API file's URI; the one https form a Gemini request can point at. */
    static final String FILES_API_URI = "https://generativelanguage.googleapis.com/";

    private final boolean metadataForm;

    GeminiRequestWriter(boolean metadataForm) {
        this.metadataForm = metadataForm;
    }

    @Override
    public void write(BatchRequest request, JsonGenerator out) throws IOException {
        int n = request.lineNumber();
        if (request.endpoint() == Endpoint.EMBEDDINGS) {
            // embeddings run through batchEmbedContents, a different batch than the generateContent one of a file
            throw LineError.at(n, "embeddings requests (" + Endpoint.EMBEDDINGS.url() + ") cannot run in a Gemini "
                    + "batchGenerateContent batch");
        }
        Parameters p = request.parameters();
        checkParameters(p, n);
        boolean hasSystem = checkMessages(request.messages(), n);
        out.writeStartObject();
        if (!metadataForm) {
            out.writeStringField("key", request.id());
        }
        out.writeObjectFieldStart("request");
        if (hasSystem) {
            writeSystem(request.messages(), out);
        }
        out.writeArrayFieldStart("contents");
        for (Message message : request.messages()) {
            if (message.role() != Role.SYSTEM) {
                out.writeStartObject();
                out.writeStringField("role", message.role() == Role.USER ? "user" : "model");
                writeParts(message.content(), out);
                out.writeEndObject();
            }
        }
        out.writeEndArray();
        writeGenerationConfig(p, out);
        out.writeEndObject();
        if (metadataForm) {
            out.writeObjectFieldStart("metadata");
            out.writeStringField("key", request.id());
            out.writeEndObject();
        }
        out.writeEndObject();
    }

    private static void checkParameters(Parameters p, int n) {
        if (!p.unmapped().isEmpty()) {
            throw LineError.unsupported(n, p.unmapped().keySet().iterator().next(), TARGET);
        }
        if (p.stop() != null && p.stop().size() > MAX_STOP_SEQUENCES) {
            throw LineError.at(n, "stop has " + p.stop().size() + " sequences; Gemini allows at most "
                    + MAX_STOP_SEQUENCES);
        }
        if (p.seed() != null && (p.seed() < Integer.MIN_VALUE || p.seed() > Integer.MAX_VALUE)) {
            throw LineError.at(n, "seed " + p.seed() + " does not fit Gemini's 32-bit seed");
        }
    }

    /** System messages lead (one systemInstruction, text only); images must be inline or a Files API/gs:// URI. */
    private static boolean checkMessages(List<Message> messages, int n) {
        boolean hasSystem = false;
        boolean hasTurn = false;
        for (int i = 0; i < messages.size(); i++) {
            Message message = messages.get(i);
            if (message.content().isEmpty()) {
                throw LineError.at(n, "messages[" + i + "] has no content; Gemini needs at least one part");
            }
            if (message.role() == Role.SYSTEM) {
                if (hasTurn) {
                    // moving it ahead of the turns it follows would change what the model is told, and when
                    throw LineError.at(n, "messages[" + i + "] is a system message after the conversation started; "
                            + "Gemini takes system instructions only ahead of the turns");
                }
                if (!message.textOnly()) {
                    throw LineError.at(n, "messages[" + i + "] is a system message with an image; Gemini system "
                            + "instructions convert as text only");
                }
                hasSystem = true;
                continue;
            }
            hasTurn = true;
            for (Part part : message.content()) {
                if (part instanceof Part.Image) {
                    checkImage((Part.Image) part, n, i);
                }
            }
        }
        if (!hasTurn) {
            throw LineError.at(n, "the request has no user or assistant message; Gemini needs at least one turn");
        }
        return hasSystem;
    }

    private static void checkImage(Part.Image image, int n, int message) {
        if (image.inline()) {
            if (image.mediaType() == null) {
                throw LineError.at(n, "messages[" + message + "] has an inline image without a media type");
            }
            return;
        }
        String url = image.url();
        if (!url.startsWith("gs://") && !url.startsWith(FILES_API_URI)) {
            // a Gemini request cannot fetch a URL itself: it takes inline bytes or a Files API / gs:// file
            throw LineError.at(n, "messages[" + message + "] has an image by URL (" + abbreviated(url) + "); Gemini "
                    + "batches take images inline (base64 data URL) or as Files API or gs:// URIs");
        }
    }

    private static void writeSystem(List<Message> messages, JsonGenerator out) throws IOException {
        out.writeObjectFieldStart("systemInstruction");
        out.writeArrayFieldStart("parts");
        for (Message message : messages) {
            if (message.role() != Role.SYSTEM) {
                break;
            }
            for (Part part : message.content()) {
                out.writeStartObject();
                out.writeStringField("text", ((Part.Text) part).text());
                out.writeEndObject();
            }
        }
        out.writeEndArray();
        out.writeEndObject();
    }

    private static void writeParts(List<Part> parts, JsonGenerator out) throws IOException {
        out.writeArrayFieldStart("parts");
        for (Part part : parts) {
            out.writeStartObject();
            if (part instanceof Part.Text) {
                out.writeStringField("text", ((Part.Text) part).text());
            } else {
                Part.Image image = (Part.Image) part;
                if (image.inline()) {
                    out.writeObjectFieldStart("inlineData");
                    out.writeStringField("mimeType", image.mediaType());
                    out.writeStringField("data", image.data());
                } else {
                    out.writeObjectFieldStart("fileData");
                    if (image.mediaType() != null) {
                        out.writeStringField("mimeType", image.mediaType());
                    }
                    out.writeStringField("fileUri", image.url());
                }
                out.writeEndObject();
            }
            out.writeEndObject();
        }
        out.writeEndArray();
    }

    private static void writeGenerationConfig(Parameters p, JsonGenerator out) throws IOException {
        if (p.maxTokens() == null && p.temperature() == null && p.topP() == null && p.topK() == null
                && p.stop() == null && p.n() == null && p.jsonMode() == null && p.seed() == null
                && p.presencePenalty() == null && p.frequencyPenalty() == null) {
            return;
        }
        out.writeObjectFieldStart("generationConfig");
        if (p.maxTokens() != null) {
            out.writeNumberField("maxOutputTokens", p.maxTokens());
        }
        OptionalFields.number(out, "temperature", p.temperature());
        OptionalFields.number(out, "topP", p.topP());
        if (p.topK() != null) {
            out.writeNumberField("topK", p.topK());
        }
        if (p.stop() != null) {
            out.writeArrayFieldStart("stopSequences");
            for (String sequence : p.stop()) {
                out.writeString(sequence);
            }
            out.writeEndArray();
        }
        if (p.n() != null) {
            out.writeNumberField("candidateCount", p.n());
        }
        if (p.jsonMode() != null) {
            out.writeStringField("responseMimeType", p.jsonMode() ? GeminiParameters.JSON_MIME_TYPE
                    : GeminiParameters.TEXT_MIME_TYPE);
        }
        if (p.seed() != null) {
            out.writeNumberField("seed", p.seed().intValue());
        }
        OptionalFields.number(out, "presencePenalty", p.presencePenalty());
        OptionalFields.number(out, "frequencyPenalty", p.frequencyPenalty());
        out.writeEndObject();
    }


    /** Data URLs can be megabytes; an error message needs only the start. */
    private static String abbreviated(String url) {
        return url.length() <= 80 ? url : url.substring(0, 77) + "...";
    }
}
