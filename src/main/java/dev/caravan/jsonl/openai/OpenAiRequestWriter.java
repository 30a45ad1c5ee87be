package dev.caravan.jsonl.openai;

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
import java.util.stream.Collectors;

/**
 * Writes canonical requests as OpenAI batch lines, for a file in another provider's format that is to run on OpenAI.
 * Chat uses {@code max_completion_tokens} (accepted by every chat model, required by the reasoning ones), or
 * {@code max_tokens} when the settings say the file being given back was written with it.
 */
final class OpenAiRequestWriter implements RequestLineWriter {

    private static final String TARGET = "OpenAI";

    private final ConversionSettings settings;

    OpenAiRequestWriter(ConversionSettings settings) {
        this.settings = settings;
    }

    @Override
    public void write(BatchRequest request, JsonGenerator out) throws IOException {
        int n = request.lineNumber();
        String model = request.model() != null ? request.model() : settings.model();
        if (model == null || model.isBlank()) {
            throw LineError.at(n, "missing model: the line names none and the batch gives none");
        }
        Parameters parameters = request.parameters();
        if (!parameters.unmapped().isEmpty()) {
            throw LineError.unsupported(n, parameters.unmapped().keySet().iterator().next(), TARGET);
        }
        if (parameters.topK() != null) {
            throw LineError.unsupported(n, "top_k", TARGET);
        }
        out.writeStartObject();
        out.writeStringField("custom_id", request.id());
        out.writeStringField("method", "POST");
        out.writeStringField("url", request.endpoint().url());
        out.writeObjectFieldStart("body");
        out.writeStringField("model", model);
        if (request.endpoint() == Endpoint.EMBEDDINGS) {
            writeEmbeddings(request, out);
        } else if (request.endpoint() == Endpoint.RESPONSES) {
            writeResponses(request, out);
        } else {
            writeChat(request, out);
        }
        out.writeEndObject();
        out.writeEndObject();
    }

    private void writeChat(BatchRequest request, JsonGenerator out) throws IOException {
        out.writeArrayFieldStart("messages");
        for (Message message : request.messages()) {
            out.writeStartObject();
            out.writeStringField("role", role(message.role()));
            writeContent(message, out, "text", "image_url");
            out.writeEndObject();
        }
        out.writeEndArray();
        Parameters p = request.parameters();
        OptionalFields.number(out, settings.openAiTokensField(), p.maxTokens());
        OptionalFields.number(out, "temperature", p.temperature());
        OptionalFields.number(out, "top_p", p.topP());
        if (p.stop() != null) {
            out.writeArrayFieldStart("stop");
            for (String sequence : p.stop()) {
                out.writeString(sequence);
            }
            out.writeEndArray();
        }
        OptionalFields.number(out, "n", p.n());
        if (p.jsonMode() != null) {
            out.writeObjectFieldStart("response_format");
            out.writeStringField("type", p.jsonMode() ? "json_object" : "text");
            out.writeEndObject();
        }
        if (p.seed() != null) {
            out.writeNumberField("seed", p.seed());
        }
        OptionalFields.number(out, "presence_penalty", p.presencePenalty());
        OptionalFields.number(out, "frequency_penalty", p.frequencyPenalty());
    }

    /** The Responses API has no stop sequences, choices, seed or penalties. */
    private static void writeResponses(BatchRequest request, JsonGenerator out) throws IOException {
        Parameters p = request.parameters();
        int n = request.lineNumber();
        rejectIfSet(n, "stop", p.stop());
        rejectIfSet(n, "n", p.n());
        rejectIfSet(n, "seed", p.seed());
        rejectIfSet(n, "presence_penalty", p.presencePenalty());
        rejectIfSet(n, "frequency_penalty", p.frequencyPenalty());
        String instructions = request.messages().stream().filter(m -> m.role() == Role.SYSTEM)
                .map(Message::joinedText).collect(Collectors.joining("\n"));
        if (!instructions.isEmpty()) {
            out.writeStringField("instructions", instructions);
        }
        out.writeArrayFieldStart("input");
        for (Message message : request.messages()) {
            if (message.role() == Role.SYSTEM) {
                continue;
            }
            out.writeStartObject();
            out.writeStringField("role", role(message.role()));
            writeContent(message, out, message.role() == Role.ASSISTANT ? "output_text" : "input_text",
                    "input_image");
            out.writeEndObject();
        }
        out.writeEndArray();
        OptionalFields.number(out, "max_output_tokens", p.maxTokens());
        OptionalFields.number(out, "temperature", p.temperature());
        OptionalFields.number(out, "top_p", p.topP());
        if (p.jsonMode() != null) {
            out.writeObjectFieldStart("text");
            out.writeObjectFieldStart("format");
            out.writeStringField("type", p.jsonMode() ? "json_object" : "text");
            out.writeEndObject();
            out.writeEndObject();
        }
    }

    private static void writeEmbeddings(BatchRequest request, JsonGenerator out) throws IOException {
        Parameters p = request.parameters();
        int n = request.lineNumber();
        rejectIfSet(n, "max_tokens", p.maxTokens());
        rejectIfSet(n, "temperature", p.temperature());
        rejectIfSet(n, "top_p", p.topP());
        rejectIfSet(n, "stop", p.stop());
        out.writeArrayFieldStart("input");
        for (String input : request.inputs()) {
            out.writeString(input);
        }
        out.writeEndArray();
    }

    private static void writeContent(Message message, JsonGenerator out, String textType, String imageType)
            throws IOException {
        List<Part> parts = message.content();
        if (parts.size() == 1 && parts.get(0) instanceof Part.Text text && textType.equals("text")) {
            out.writeStringField("content", text.text());
            return;
        }
        out.writeArrayFieldStart("content");
        for (Part part : parts) {
            out.writeStartObject();
            if (part instanceof Part.Text text) {
                out.writeStringField("type", textType);
                out.writeStringField("text", text.text());
            } else {
                Part.Image image = (Part.Image) part;
                String url = image.inline() ? "data:" + image.mediaType() + ";base64," + image.data() : image.url();
                out.writeStringField("type", imageType);
                if (imageType.equals("image_url")) {
                    out.writeObjectFieldStart("image_url");
                    out.writeStringField("url", url);
                    out.writeEndObject();
                } else {
                    out.writeStringField("image_url", url);
                }
            }
            out.writeEndObject();
        }
        out.writeEndArray();
    }

    private static String role(Role role) {
        return role == Role.SYSTEM ? "system" : role == Role.USER ? "user" : "assistant";
    }

    private static void rejectIfSet(int n, String parameter, Object value) {
        if (value != null) {
            throw LineError.unsupported(n, parameter, "this OpenAI endpoint");
        }
    }


}
