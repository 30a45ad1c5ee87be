package dev.caravan.jsonl.bedrock;

import dev.caravan.jsonl.OptionalFields;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.caravan.jsonl.LineError;
import dev.caravan.jsonl.canonical.BatchRequest;
import dev.caravan.jsonl.canonical.Message;
import dev.caravan.jsonl.canonical.Parameters;
import dev.caravan.jsonl.canonical.Part;
import dev.caravan.jsonl.canonical.Role;
import java.io.IOException;

/**
 * The Anthropic Messages body Claude takes on Bedrock InvokeModel (Bedrock user guide, "Anthropic Claude Messages
 * API"; batch example in "Code example for batch inference"): {@code anthropic_version}, {@code max_tokens},
 * {@code system}, {@code messages} of content blocks, {@code temperature}, {@code top_p}, {@code top_k},
 * {@code stop_sequences}.
 */
final class ClaudeBodyWriter implements ModelInputWriter {

    /** The only version Bedrock's Messages API accepts. */
    static final String ANTHROPIC_VERSION = "bedrock-2023-05-31";

    private static final String TARGET = BedrockModelFamily.CLAUDE.description() + " (InvokeModel)";
    private static final ParameterSupport SUPPORT = ParameterSupport.of(TARGET, true, true);

    @Override
    public Conversation check(BatchRequest request, Target target) {
        SUPPORT.check(request);
        if (request.parameters() == null || request.parameters().maxTokens() == null) {
            // Anthropic's Messages API has no default; inventing one would decide the caller's cost and cut-off
            throw LineError.at(request.lineNumber(), "max_tokens is required for Claude (the Anthropic Messages "
                    + "API has no default); set max_tokens or max_completion_tokens");
        }
        return Conversation.of(request, TARGET, true);
    }

    @Override
    public void write(BatchRequest request, Target target, Conversation conversation, JsonGenerator out)
            throws IOException {
        Parameters p = request.parameters();
        out.writeStartObject();
        out.writeStringField("anthropic_version", ANTHROPIC_VERSION);
        out.writeNumberField("max_tokens", p.maxTokens());
        if (!conversation.system().isEmpty()) {
            out.writeStringField("system", conversation.joinedSystem());
        }
        out.writeArrayFieldStart("messages");
        for (Message message : conversation.turns()) {
            out.writeStartObject();
            out.writeStringField("role", message.role() == Role.USER ? "user" : "assistant");
            out.writeArrayFieldStart("content");
            for (Part part : message.content()) {
                out.writeStartObject();
                if (part instanceof Part.Text) {
                    out.writeStringField("type", "text");
                    out.writeStringField("text", ((Part.Text) part).text());
                } else {
                    Part.Image image = (Part.Image) part;
                    out.writeStringField("type", "image");
                    out.writeObjectFieldStart("source");
                    out.writeStringField("type", "base64");
                    out.writeStringField("media_type", ImageFormats.claudeMediaType(image.mediaType()));
                    out.writeStringField("data", image.data());
                    out.writeEndObject();
                }
                out.writeEndObject();
            }
            out.writeEndArray();
            out.writeEndObject();
        }
        out.writeEndArray();
        OptionalFields.number(out, "temperature", p.temperature());
        OptionalFields.number(out, "top_p", p.topP());
        OptionalFields.number(out, "top_k", p.topK());
        OptionalFields.strings(out, "stop_sequences", p.stop());
        out.writeEndObject();
    }
}
