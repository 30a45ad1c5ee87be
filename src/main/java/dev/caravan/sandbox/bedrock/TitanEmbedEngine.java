package dev.caravan.sandbox.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.sandbox.Words;
import dev.caravan.wire.Json;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;

/**
 * Amazon Titan Text Embeddings: {@code {inputText}} (V2 also {@code dimensions} 256/512/1024, default 1024, and
 * {@code normalize}, default true; V1 always 1536 and neither option) → {@code {embedding: [...],
 * inputTextTokenCount}}. The vector is drawn from a generator seeded by a hash of the model and the text: equal inputs
 * embed equally, different inputs differ, nothing is random between runs.
 */
final class TitanEmbedEngine implements InferenceEngine {

    @Override
    public Inference invoke(JsonNode body, RecordContext context) {
        String input = ModelInput.requiredString(body, "inputText", "#");
        boolean v2 = context.model().baseId().startsWith("amazon.titan-embed-text-v2");
        int dimensions = 1536;
        boolean normalize = false;
        if (v2) {
            Integer asked = ModelInput.integer(body, "dimensions", "#", 1);
            if (asked != null && asked != 256 && asked != 512 && asked != 1024) {
                throw ModelInputException.malformed("#/dimensions: " + asked + " is not a valid enum value");
            }
            dimensions = asked == null ? 1024 : asked;
            JsonNode flag = body.get("normalize");
            if (flag != null && !flag.isBoolean()) {
                throw ModelInputException.wrongType("#/normalize", "Boolean", ModelInput.typeName(flag));
            }
            normalize = flag == null || flag.asBoolean();
        } else {
            for (String key : new String[] {"dimensions", "normalize"}) {
                if (body.has(key)) {
                    throw ModelInputException.extraneousKey("#", key);
                }
            }
        }
        int tokens = Words.count(input);
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode values = out.putArray("embedding");
        for (double value : vector(context.model().baseId(), input, dimensions, normalize)) {
            values.add(value);
        }
        out.put("inputTextTokenCount", tokens);
        return new Inference(out, tokens, 0);
    }

    private static double[] vector(String model, String input, int dimensions, boolean normalize) {
        SplittableRandom random = new SplittableRandom(ByteBuffer.wrap(Ids.digest(model, input)).getLong());
        double[] vector = new double[dimensions];
        double norm = 0;
        for (int i = 0; i < dimensions; i++) {
            vector[i] = random.nextDouble(-1, 1);
            norm += vector[i] * vector[i];
        }
        double scale = normalize && norm > 0 ? 1 / Math.sqrt(norm) : 1;
        for (int i = 0; i < dimensions; i++) {
            // float precision, as the service returns them
            vector[i] = (float) (vector[i] * scale);
        }
        return vector;
    }
}
