package dev.caravan.jsonl.bedrock;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.jsonl.LineError;
import dev.caravan.jsonl.canonical.BatchRequest;
import dev.caravan.jsonl.canonical.Parameters;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Titan Text Embeddings' InvokeModel body (Bedrock user guide, Amazon Titan Embeddings Text): one
 * {@code inputText} per call, and for V2 an optional {@code dimensions} of 256, 512 or 1024 and {@code normalize}.
 * OpenAI's {@code dimensions} maps onto the former (a Titan line read back keeps both under their own names);
 * {@code encoding_format: "float"} is what Titan returns anyway, so it is carried by doing nothing, while
 * {@code base64} has no equivalent.
 */
final class TitanEmbedBodyWriter implements ModelInputWriter {

    private static final String TARGET = BedrockModelFamily.TITAN_EMBED.description() + " (InvokeModel)";
    private static final String DIMENSIONS = "dimensions";
    private static final String NORMALIZE = "normalize";
    private static final String ENCODING = "encoding_format";
    private static final ParameterSupport SUPPORT =
            new ParameterSupport(TARGET, false, false, false, Set.of(DIMENSIONS, NORMALIZE, ENCODING));

    @Override
    public Conversation check(BatchRequest request, Target target) {
        int n = request.lineNumber();
        List<String> inputs = request.inputs();
        if (inputs == null || inputs.size() != 1) {
            throw LineError.at(n, "Titan embeddings take one input per request; this line has "
                    + (inputs == null ? 0 : inputs.size()) + " (send one line per input)");
        }
        SUPPORT.check(request);
        Map<String, JsonNode> unmapped = unmapped(request);
        boolean v2 = target.baseId().startsWith("amazon.titan-embed-text-v2");
        for (String v2Only : List.of(DIMENSIONS, NORMALIZE)) {
            if (unmapped.containsKey(v2Only) && !v2) {
                throw LineError.unsupported(n, v2Only, target.modelId() + " (only Titan Text Embeddings V2 takes it)");
            }
        }
        JsonNode normalize = unmapped.get(NORMALIZE);
        if (normalize != null && !normalize.isBoolean()) {
            throw LineError.at(n, "normalize must be a boolean");
        }
        JsonNode dimensions = unmapped.get(DIMENSIONS);
        if (dimensions != null) {
            int value = dimensions.asInt();
            if (!dimensions.isIntegralNumber() || (value != 256 && value != 512 && value != 1024)) {
                throw LineError.at(n, "dimensions must be 256, 512 or 1024 for Titan Text Embeddings V2");
            }
        }
        JsonNode encoding = unmapped.get(ENCODING);
        if (encoding != null && !"float".equals(encoding.asText())) {
            throw LineError.at(n, "parameter 'encoding_format' \"" + encoding.asText() + "\" has no equivalent in "
                    + TARGET + ", which returns floats; remove it or use \"float\"");
        }
        return null;
    }

    @Override
    public void write(BatchRequest request, Target target, Conversation conversation, JsonGenerator out)
            throws IOException {
        out.writeStartObject();
        out.writeStringField("inputText", request.inputs().get(0));
        JsonNode dimensions = unmapped(request).get(DIMENSIONS);
        if (dimensions != null) {
            out.writeNumberField(DIMENSIONS, dimensions.asInt());
        }
        JsonNode normalize = unmapped(request).get(NORMALIZE);
        if (normalize != null) {
            out.writeBooleanField(NORMALIZE, normalize.asBoolean());
        }
        out.writeEndObject();
    }

    private static Map<String, JsonNode> unmapped(BatchRequest request) {
        Parameters p = request.parameters();
        return p == null || p.unmapped() == null ? Map.of() : p.unmapped();
    }
}
