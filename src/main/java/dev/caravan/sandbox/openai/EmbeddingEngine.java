package dev.caravan.sandbox.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A deterministic stand-in for {@code POST /v1/embeddings}: a unit vector seeded by a hash of model and input, so
 * equal inputs embed equally and different inputs differ.
 */
final class EmbeddingEngine implements RequestEngine {

    static final EmbeddingEngine INSTANCE = new EmbeddingEngine();

    private static final int MAX_DIMENSIONS = 3072;

    private EmbeddingEngine() {
    }

    @Override
    public Execution execute(JsonNode body, String customId, long createdSeconds) {
        try {
            String model = ChatCompletionEngine.readModel(body);
            List<String> inputs = readInputs(body.get("input"));
            int dimensions = readDimensions(body, model);
            boolean base64 = readBase64(body.get("encoding_format"));
            ObjectNode response = WireFormat.MAPPER.createObjectNode();
            response.put("object", "list");
            ArrayNode data = response.putArray("data");
            long tokens = 0;
            for (int i = 0; i < inputs.size(); i++) {
                float[] vector = vector(model, inputs.get(i), dimensions);
                ObjectNode item = data.addObject();
                item.put("object", "embedding");
                item.put("index", i);
                if (base64) {
                    item.put("embedding", encode(vector));
                } else {
                    ArrayNode values = item.putArray("embedding");
                    for (float value : vector) {
                        values.add(value);
                    }
                }
                tokens += WordCounter.count(inputs.get(i));
            }
            response.put("model", model);
            ObjectNode usage = response.putObject("usage");
            usage.put("prompt_tokens", tokens);
            usage.put("total_tokens", tokens);
            return new Execution(200, response, tokens, 0);
        } catch (ApiError rejected) {
            return new Execution(rejected.status(), rejected.error().envelope(), 0, 0);
        }
    }

    @Override
    public int inputCount(JsonNode body) {
        JsonNode input = body.get("input");
        // An array of token ids is one input; an array of strings or of token arrays is one input per element.
        if (input != null && input.isArray() && !input.isEmpty() && !input.get(0).isNumber()) {
            return input.size();
        }
        return 1;
    }

    /** Token-id inputs are embedded via their JSON text; they count one word per id. */
    private static List<String> readInputs(JsonNode input) {
        if (input == null || input.isNull()) {
            throw ApiError.missingParameter("input");
        }
        if (input.isTextual()) {
            return List.of(input.asText());
        }
        if (!input.isArray()) {
            throw ChatCompletionEngine.invalidType("input", "a string or array", input);
        }
        if (input.isEmpty()) {
            throw ApiError.badRequest("'$.input' is invalid. Please check the API reference: "
                    + "https://platform.openai.com/docs/api-reference.", "input", null);
        }
        if (input.get(0).isNumber()) {
            return List.of(tokenText(input));
        }
        List<String> inputs = new ArrayList<>(input.size());
        for (JsonNode item : input) {
            if (item.isTextual()) {
                inputs.add(item.asText());
            } else if (item.isArray()) {
                inputs.add(tokenText(item));
            } else {
                throw ChatCompletionEngine.invalidType("input", "a string or array", item);
            }
        }
        return inputs;
    }

    private static String tokenText(JsonNode tokens) {
        StringBuilder text = new StringBuilder();
        tokens.forEach(token -> text.append(token.asText()).append(' '));
        return text.toString();
    }

    /** text-embedding-3-large has 3072 dimensions, the other OpenAI embedding models 1536. */
    private static int readDimensions(JsonNode body, String model) {
        JsonNode dimensions = body.get("dimensions");
        if (dimensions == null || dimensions.isNull()) {
            return model.contains("3-large") ? 3072 : 1536;
        }
        if (!dimensions.isIntegralNumber() || dimensions.asInt() < 1 || dimensions.asInt() > MAX_DIMENSIONS) {
            throw ApiError.badRequest("Invalid 'dimensions': expected an integer between 1 and " + MAX_DIMENSIONS
                    + ".", "dimensions", "invalid_value");
        }
        return dimensions.asInt();
    }

    private static boolean readBase64(JsonNode format) {
        if (format == null || format.isNull() || "float".equals(format.asText())) {
            return false;
        }
        if ("base64".equals(format.asText())) {
            return true;
        }
        throw ApiError.badRequest("Invalid value: '" + format.asText() + "'. Supported values are: 'float' and "
                + "'base64'.", "encoding_format", "invalid_value");
    }

    private static float[] vector(String model, String input, int dimensions) {
        SplittableRandom random = new SplittableRandom(seed(model, input));
        float[] vector = new float[dimensions];
        double norm = 0;
        for (int i = 0; i < dimensions; i++) {
            double value = random.nextDouble(-1, 1);
            vector[i] = (float) value;
            norm += value * value;
        }
        double scale = norm == 0 ? 1 : 1 / Math.sqrt(norm);
        for (int i = 0; i < dimensions; i++) {
            vector[i] = (float) (vector[i] * scale);
        }
        return vector;
    }

    private static long seed(String model, String input) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(model.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(input.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(sha.digest()).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory in every JRE", e);
        }
    }

    /** The API's base64 format: little-endian float32s. */
    private static String encode(float[] vector) {
        ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : vector) {
            bytes.putFloat(value);
        }
        return Base64.getEncoder().encodeToString(bytes.array());
    }
}
