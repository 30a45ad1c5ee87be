package dev.caravan.jsonl.anthropic;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.caravan.jsonl.ConversionSettings;
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
 * Writes canonical requests as Anthropic batch request lines {@code {custom_id, params}} (provider-apis.md §3.2):
 * system messages become {@code system}, the turns {@code messages} (a plain string when a turn is one text part),
 * images base64 or url sources, and the parameters their Messages API names.
 *
 * <p>{@code max_tokens} is required by the Messages API and has no default here: no value is right for every Claude
 * model (their output limits differ), and an invented one would cut answers short unseen, so a request without it
 * is a line error, as Anthropic itself would answer, only before anything is uploaded.
 */
final class AnthropicRequestWriter implements RequestLineWriter {

    private static final String TARGET = "Anthropic";
    /** The Messages API's temperature range is 0 to 1 (OpenAI's goes to 2). */
    static final double MAX_TEMPERATURE = 1.0;

    private final ConversionSettings settings;

    AnthropicRequestWriter(ConversionSettings settings) {
        this.settings = settings;
    }

    @Override
    public void write(BatchRequest request, JsonGenerator out) throws IOException {
        int n = request.lineNumber();
        if (request.endpoint() == Endpoint.EMBEDDINGS) {
            throw LineError.at(n, "embeddings requests (" + Endpoint.EMBEDDINGS.url() + ") have no Anthropic "
                    + "equivalent");
        }
        checkCustomId(request.id(), n);
        String model = request.model() != null ? request.model() : settings.model();
        if (model == null || model.isBlank()) {
            throw LineError.at(n, "missing model: the line names none and the batch gives none");
        }
        Parameters p = request.parameters();
        checkParameters(p, n);
        boolean hasSystem = checkMessages(request.messages(), n);

        out.writeStartObject();
        out.writeStringField("custom_id", request.id());
        out.writeObjectFieldStart("params");
        out.writeStringField("model", model);
        out.writeNumberField("max_tokens", p.maxTokens());
        if (hasSystem) {
            writeSystem(request.messages(), out);
        }
        out.writeArrayFieldStart("messages");
        for (Message message : request.messages()) {
            if (message.role() != Role.SYSTEM) {
                out.writeStartObject();
                out.writeStringField("role", message.role() == Role.USER ? "user" : "assistant");
                writeContent(message.content(), out);
                out.writeEndObject();
            }
        }
        out.writeEndArray();
        OptionalFields.number(out, "temperature", p.temperature());
        OptionalFields.number(out, "top_p", p.topP());
        if (p.topK() != null) {
            out.writeNumberField("top_k", p.topK());
        }
        if (p.stop() != null) {
            out.writeArrayFieldStart("stop_sequences");
            for (String sequence : p.stop()) {
                out.writeString(sequence);
            }
            out.writeEndArray();
        }
        out.writeEndObject();
        out.writeEndObject();
    }

    private static void checkCustomId(String id, int n) {
        if (!AnthropicCustomIds.valid(id)) {
            throw LineError.at(n, AnthropicCustomIds.problem(id));
        }
    }

    private static void checkParameters(Parameters p, int n) {
        if (!p.unmapped().isEmpty()) {
            throw LineError.unsupported(n, p.unmapped().keySet().iterator().next(), TARGET);
        }
        if (p.maxTokens() == null) {
            throw LineError.at(n, "max_tokens is required by Anthropic; set max_tokens (or max_completion_tokens)");
        }
        if (p.n() != null && p.n() > 1) {
            throw LineError.at(n, "n = " + p.n() + ": Anthropic returns one completion per request");
        }
        if (Boolean.TRUE.equals(p.jsonMode())) {
            throw LineError.unsupported(n, "response_format json_object", TARGET);
        }
        if (p.seed() != null) {
            throw LineError.unsupported(n, "seed", TARGET);
        }
        if (p.presencePenalty() != null) {
            throw LineError.unsupported(n, "presence_penalty", TARGET);
        }
        if (p.frequencyPenalty() != null) {
            throw LineError.unsupported(n, "frequency_penalty", TARGET);
        }
        if (p.temperature() != null && (p.temperature() < 0 || p.temperature() > MAX_TEMPERATURE)) {
            throw LineError.at(n, "temperature " + p.temperature() + " is outside Anthropic's range 0 to 1");
        }
    }

    /**
     * System messages lead and are text; the first turn is the user's, as the Messages API answers
     * {@code messages: first message must use the "user" role} otherwise. Consecutive turns of one role are written
     * as they are: the API documents that it combines them into a single turn.
     */
    private static boolean checkMessages(List<Message> messages, int n) {
        boolean hasSystem = false;
        boolean hasTurn = false;
        for (int i = 0; i < messages.size(); i++) {
            Message message = messages.get(i);
            if (message.content().isEmpty()) {
                throw LineError.at(n, "messages[" + i + "] has no content");
            }
            if (message.role() == Role.SYSTEM) {
                if (hasTurn) {
                    // moving it ahead of the turns it follows would change what the model is told, and when
                    throw LineError.at(n, "messages[" + i + "] is a system message after the conversation started; "
                            + "Anthropic takes a system prompt only ahead of the turns");
                }
                if (!message.textOnly()) {
                    throw LineError.at(n, "messages[" + i + "] is a system message with an image; an Anthropic "
                            + "system prompt is text only");
                }
                hasSystem = true;
                continue;
            }
            if (!hasTurn && message.role() == Role.ASSISTANT) {
                throw LineError.at(n, "messages[" + i + "]: the first turn is the assistant's; Anthropic requires "
                        + "the first message to use the \"user\" role");
            }
            hasTurn = true;
            for (Part part : message.content()) {
                if (part instanceof Part.Image) {
                    checkImage((Part.Image) part, n, i);
                }
            }
        }
        if (!hasTurn) {
            throw LineError.at(n, "the request has no user message; Anthropic needs at least one");
        }
        return hasSystem;
    }

    /** Claude takes JPEG, PNG, GIF and WebP, inline or by http(s) URL (Messages API image source types). */
    private static void checkImage(Part.Image image, int n, int message) {
        if (image.inline()) {
            String type = image.mediaType();
            if (!"image/jpeg".equals(type) && !"image/png".equals(type) && !"image/gif".equals(type)
                    && !"image/webp".equals(type)) {
                throw LineError.at(n, "messages[" + message + "] has an image of type " + type + "; Anthropic "
                        + "takes image/jpeg, image/png, image/gif and image/webp");
            }
        } else if (!image.url().startsWith("https://") && !image.url().startsWith("http://")) {
            throw LineError.at(n, "messages[" + message + "] has an image at " + image.url() + "; Anthropic "
                    + "fetches images by http(s) URL only");
        }
    }

    /** One text part overall is written as a string (the common case); several as text blocks, in order. */
    private static void writeSystem(List<Message> messages, JsonGenerator out) throws IOException {
        Message first = messages.get(0);
        boolean single = first.content().size() == 1 && (messages.size() < 2 || messages.get(1).role() != Role.SYSTEM);
        if (single) {
            out.writeStringField("system", ((Part.Text) first.content().get(0)).text());
            return;
        }
        out.writeArrayFieldStart("system");
        for (Message message : messages) {
            if (message.role() != Role.SYSTEM) {
                break;
            }
            for (Part part : message.content()) {
                writeText(((Part.Text) part).text(), out);
            }
        }
        out.writeEndArray();
    }

    private static void writeContent(List<Part> parts, JsonGenerator out) throws IOException {
        if (parts.size() == 1 && parts.get(0) instanceof Part.Text) {
            out.writeStringField("content", ((Part.Text) parts.get(0)).text());
            return;
        }
        out.writeArrayFieldStart("content");
        for (Part part : parts) {
            if (part instanceof Part.Text) {
                writeText(((Part.Text) part).text(), out);
                continue;
            }
            Part.Image image = (Part.Image) part;
            out.writeStartObject();
            out.writeStringField("type", "image");
            out.writeObjectFieldStart("source");
            if (image.inline()) {
                out.writeStringField("type", "base64");
                out.writeStringField("media_type", image.mediaType());
                out.writeStringField("data", image.data());
            } else {
                out.writeStringField("type", "url");
                out.writeStringField("url", image.url());
            }
            out.writeEndObject();
            out.writeEndObject();
        }
        out.writeEndArray();
    }

    private static void writeText(String text, JsonGenerator out) throws IOException {
        out.writeStartObject();
        out.writeStringField("type", "text");
        out.writeStringField("text", text);
        out.writeEndObject();
    }

}
