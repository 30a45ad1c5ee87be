package dev.caravan.jsonl.bedrock;

import dev.caravan.jsonl.OptionalFields;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.caravan.jsonl.canonical.BatchRequest;
import dev.caravan.jsonl.canonical.Message;
import dev.caravan.jsonl.canonical.Parameters;
import dev.caravan.jsonl.canonical.Part;
import dev.caravan.jsonl.canonical.Role;
import java.io.IOException;

/**
 * Two bodies of one shape: Nova's InvokeModel body ({@code schemaVersion: "messages-v1"}, Nova user guide "Complete
 * request schema") and a Converse request (Bedrock API reference, Converse), which a job with
 * {@code modelInvocationType=Converse} takes as its modelInput for any model. Both have {@code system: [{text}]},
 * {@code messages: [{role, content: [{text} | {image: {format, source: {bytes}}}]}]} and {@code inferenceConfig};
 * in JSON the image bytes are base64 in both. They differ on top_k: Nova's InvokeModel body has
 * {@code inferenceConfig.topK}, Converse has no top_k and passes it in {@code additionalModelRequestFields}, whose
 * keys are the model's own ({@code top_k} for Claude, {@code inferenceConfig.topK} for Nova, per the Converse and
 * Nova pages).
 */
final class ConverseBodyWriter implements ModelInputWriter {

    private static final String NOVA = BedrockModelFamily.NOVA.description() + " (InvokeModel)";
    private static final String CONVERSE = "Bedrock Converse";

    private final boolean converse;
    /** The Converse target's name and rules depend on the model: kept for the file's (usually only) model. */
    private Target lastTarget;
    private String lastName;
    private ParameterSupport lastSupport;

    private ConverseBodyWriter(boolean converse) {
        this.converse = converse;
    }

    static ConverseBodyWriter nova() {
        return new ConverseBodyWriter(false);
    }

    static ConverseBodyWriter converse() {
        return new ConverseBodyWriter(true);
    }

    @Override
    public Conversation check(BatchRequest request, Target target) {
        if (target != lastTarget) {
            lastName = converse ? CONVERSE + " for " + target.modelId() : NOVA;
            // UNCONFIRMED that batch jobs pass additionalModelRequestFields through: the batch page says modelInput
            // is "the request body of the Converse API", which includes it; only the two documented key shapes are used
            boolean topK = !converse || target.family() == BedrockModelFamily.CLAUDE
                    || target.family() == BedrockModelFamily.NOVA;
            lastSupport = ParameterSupport.of(lastName, topK, true);
            lastTarget = target;
        }
        lastSupport.check(request);
        return Conversation.of(request, lastName, true);
    }

    @Override
    public void write(BatchRequest request, Target target, Conversation conversation, JsonGenerator out)
            throws IOException {
        Parameters p = request.parameters() == null ? Parameters.NONE : request.parameters();
        out.writeStartObject();
        if (!converse) {
            out.writeStringField("schemaVersion", "messages-v1");
        }
        if (!conversation.system().isEmpty()) {
            out.writeArrayFieldStart("system");
            for (String text : conversation.system()) {
                out.writeStartObject();
                out.writeStringField("text", text);
                out.writeEndObject();
            }
            out.writeEndArray();
        }
        messages(conversation, out, request.lineNumber(), lastName);
        boolean novaTopK = !converse && p.topK() != null;
        if (p.maxTokens() != null || p.temperature() != null || p.topP() != null || novaTopK
                || (p.stop() != null && !p.stop().isEmpty())) {
            out.writeObjectFieldStart("inferenceConfig");
            OptionalFields.number(out, "maxTokens", p.maxTokens());
            OptionalFields.number(out, "temperature", p.temperature());
            OptionalFields.number(out, "topP", p.topP());
            if (novaTopK) {
                out.writeNumberField("topK", p.topK());
            }
            OptionalFields.strings(out, "stopSequences", p.stop());
            out.writeEndObject();
        }
        if (converse && p.topK() != null) {
            out.writeObjectFieldStart("additionalModelRequestFields");
            if (target.family() == BedrockModelFamily.CLAUDE) {
                out.writeNumberField("top_k", p.topK());
            } else {
                out.writeObjectFieldStart("inferenceConfig");
                out.writeNumberField("topK", p.topK());
                out.writeEndObject();
            }
            out.writeEndObject();
        }
        out.writeEndObject();
    }

    private static void messages(Conversation conversation, JsonGenerator out, int n, String targetName)
            throws IOException {
        out.writeArrayFieldStart("messages");
        for (Message message : conversation.turns()) {
            out.writeStartObject();
            out.writeStringField("role", message.role() == Role.USER ? "user" : "assistant");
            out.writeArrayFieldStart("content");
            for (Part part : message.content()) {
                out.writeStartObject();
                if (part instanceof Part.Text) {
                    out.writeStringField("text", ((Part.Text) part).text());
                } else {
                    Part.Image image = (Part.Image) part;
                    out.writeObjectFieldStart("image");
                    // already checked by Conversation, so this cannot throw here
                    out.writeStringField("format", ImageFormats.bedrockFormat(image.mediaType(), n, "", targetName));
                    out.writeObjectFieldStart("source");
                    out.writeStringField("bytes", image.data());
                    out.writeEndObject();
                    out.writeEndObject();
                }
                out.writeEndObject();
            }
            out.writeEndArray();
            out.writeEndObject();
        }
        out.writeEndArray();
    }
}
