package dev.caravan.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/** Generated batch files for the benchmarks: realistic line shapes and sizes, the same bytes on every run. */
final class BenchmarkData {

    static final int LINES = 20_000;

    private BenchmarkData() {
    }

    /** OpenAI chat lines: a system prompt, a short exchange and a question of a few hundred words; ~1.3 KB each. */
    static byte[] openAiRequests(String model) {
        Random random = new Random(42);
        StringBuilder out = new StringBuilder(LINES * 1400);
        for (int i = 0; i < LINES; i++) {
            out.append("{\"custom_id\":\"request-").append(i).append("\",\"method\":\"POST\",")
                    .append("\"url\":\"/v1/chat/completions\",\"body\":{\"model\":\"").append(model).append("\",")
                    .append("\"messages\":[{\"role\":\"system\",\"content\":\"You are a careful analyst. ")
                    .append("Answer in at most three sentences.\"},")
                    .append("{\"role\":\"user\",\"content\":\"").append(words(random, 20)).append("\"},")
                    .append("{\"role\":\"assistant\",\"content\":\"").append(words(random, 30)).append("\"},")
                    .append("{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"")
                    .append(words(random, 120)).append("\"}]}],")
                    .append("\"max_tokens\":512,\"temperature\":0.").append(random.nextInt(10))
                    .append(",\"top_p\":0.95,\"stop\":[\"END\"]}}\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Bedrock {@code .out} lines of a Claude job: the request echoed, the model's message, its usage. */
    static byte[] bedrockClaudeResults() {
        Random random = new Random(7);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(LINES * 1600);
        StringBuilder line = new StringBuilder(2048);
        for (int i = 0; i < LINES; i++) {
            line.setLength(0);
            line.append("{\"recordId\":\"request-").append(i).append("\",\"modelInput\":{")
                    .append("\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":512,")
                    .append("\"system\":\"You are a careful analyst.\",\"messages\":[{\"role\":\"user\",")
                    .append("\"content\":[{\"type\":\"text\",\"text\":\"").append(words(random, 80)).append("\"}]}]},")
                    .append("\"modelOutput\":{\"id\":\"msg_bdrk_").append(i).append("\",\"type\":\"message\",")
                    .append("\"role\":\"assistant\",\"model\":\"claude-3-haiku-20240307\",\"content\":[{\"type\":")
                    .append("\"text\",\"text\":\"").append(words(random, 90)).append("\"}],")
                    .append("\"stop_reason\":\"").append(i % 10 == 0 ? "max_tokens" : "end_turn")
                    .append("\",\"stop_sequence\":null,\"usage\":{\"input_tokens\":").append(100 + random.nextInt(50))
                    .append(",\"output_tokens\":").append(80 + random.nextInt(40)).append("}}}\n");
            byte[] encoded = line.toString().getBytes(StandardCharsets.UTF_8);
            bytes.write(encoded, 0, encoded.length);
        }
        return bytes.toByteArray();
    }

    private static final String[] WORDS = ("the of and to in is that for it as with was on be by this are from at or an "
            + "which but not have had were their all been one has more when will would there can about if into what "
            + "revenue quarter growth margin customer supply risk report market price analysis forecast region team "
            + "\u00e9t\u00e9 na\u00efve caf\u00e9").split(" ");

    private static String words(Random random, int count) {
        StringBuilder text = new StringBuilder(count * 7);
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                text.append(i % 17 == 0 ? ". " : " ");
            }
            text.append(WORDS[random.nextInt(WORDS.length)]);
        }
        return text.toString();
    }
}
