package dev.caravan.jsonl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.jsonl.canonical.BatchRequest;
import dev.caravan.jsonl.canonical.Endpoint;
import dev.caravan.jsonl.canonical.Message;
import dev.caravan.jsonl.canonical.Parameters;
import dev.caravan.jsonl.canonical.Part;
import dev.caravan.jsonl.canonical.Role;
import dev.caravan.model.GatewayError;
import dev.caravan.wire.Json;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property: for generated chat requests (random turn mixes, multi-part text with awkward characters, inline images,
 * random parameter subsets), writing to a target format and reading the line back either loses nothing — every
 * turn's role, text and images, every parameter — or the write is refused with a line-numbered error naming what the
 * target cannot carry. Never a silent loss. Prompt-template models (Llama, Mistral, Titan) cannot be read back as
 * turns, so for them every turn's text must appear in the prompt.
 */
class ConversionPropertyTest {

    private static final int CASES = 400;

    static Stream<Arguments> targets() {
        return Stream.of(
                Arguments.of("openai", LineFormat.OPENAI, ConversionSettings.forModel("gpt-4o-mini")),
                Arguments.of("anthropic", LineFormat.ANTHROPIC, ConversionSettings.forModel("claude-3-5-haiku-latest")),
                Arguments.of("gemini keyed", LineFormat.GEMINI, ConversionSettings.forModel("gemini-2.5-flash")),
                Arguments.of("gemini metadata", LineFormat.GEMINI_METADATA,
                        ConversionSettings.forModel("gemini-2.5-flash")),
                Arguments.of("bedrock claude", LineFormat.BEDROCK,
                        ConversionSettings.forModel("anthropic.claude-3-haiku-20240307-v1:0")),
                Arguments.of("bedrock nova", LineFormat.BEDROCK, ConversionSettings.forModel("amazon.nova-lite-v1:0")),
                Arguments.of("bedrock converse", LineFormat.BEDROCK,
                        ConversionSettings.forModel("anthropic.claude-3-haiku-20240307-v1:0").withConverse(true)));
    }

    static Stream<Arguments> promptTemplateTargets() {
        return Stream.of(Arguments.of("meta.llama3-8b-instruct-v1:0"), Arguments.of("mistral.mistral-7b-instruct-v0:2"),
                Arguments.of("amazon.titan-text-express-v1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void nothingIsLostOrTheLineIsRefusedByName(String name, LineFormat target, ConversionSettings settings)
            throws Exception {
        Random random = new Random(name.hashCode());
        int written = 0;
        for (int i = 1; i <= CASES; i++) {
            BatchRequest original = generate(random, i, null);
            String line;
            try {
                line = write(target, settings, original);
            } catch (GatewayError refused) {
                assertTrue(refused.getMessage().startsWith("line " + i + ": "), refused.getMessage());
                continue;
            }
            written++;
            JsonNode json = Json.MAPPER.readTree(line);
            BatchRequest back = RequestFormats.reader(LineFormat.detect(json).orElseThrow(), settings).read(json, i);
            assertEquals(original.id(), back.id(), name + " keeps the id");
            assertEquals(turns(original), turns(back), name + " keeps every turn of case " + i + ": " + line);
            assertEquals(parameters(original.parameters()), parameters(back.parameters()),
                    name + " keeps every parameter of case " + i + ": " + line);
        }
        assertTrue(written > CASES / 10, name + ": only " + written + " of " + CASES + " generated requests could be "
                + "written, so the property says too little");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("promptTemplateTargets")
    void promptTemplatesCarryEveryTurnsText(String model) throws Exception {
        Random random = new Random(model.hashCode());
        int written = 0;
        for (int i = 1; i <= CASES; i++) {
            BatchRequest original = generate(random, i, model);
            String line;
            try {
                line = write(LineFormat.BEDROCK, ConversionSettings.forModel(model), original);
            } catch (GatewayError refused) {
                assertTrue(refused.getMessage().startsWith("line " + i + ": "), refused.getMessage());
                continue;
            }
            written++;
            JsonNode input = Json.MAPPER.readTree(line).path("modelInput");
            String prompt = input.has("prompt") ? input.path("prompt").asText() : input.path("inputText").asText();
            for (Message message : original.messages()) {
                assertTrue(prompt.contains(message.joinedText()), model + " prompt lacks a turn: " + prompt);
            }
        }
        assertTrue(written > 0, model + ": no generated request could be written");
    }

    private static String write(LineFormat target, ConversionSettings settings, BatchRequest request)
            throws Exception {
        StringWriter text = new StringWriter();
        try (JsonGenerator out = Json.MAPPER.getFactory().createGenerator(text)) {
            RequestFormats.writer(target, settings).write(request, out);
        }
        return text.toString();
    }

    /** What a turn means: who speaks, the text in order, the images; system turns joined into one. */
    private static List<String> turns(BatchRequest request) {
        List<String> turns = new ArrayList<>();
        String system = request.messages().stream().filter(m -> m.role() == Role.SYSTEM).map(Message::joinedText)
                .collect(Collectors.joining("\n"));
        if (!system.isEmpty()) {
            turns.add("SYSTEM: " + system);
        }
        for (Message message : request.messages()) {
            if (message.role() != Role.SYSTEM) {
                turns.add(message.role() + ": " + message.joinedText() + " images="
                        + message.content().stream().filter(Part.Image.class::isInstance).map(Object::toString)
                        .collect(Collectors.toList()));
            }
        }
        return turns;
    }

    /** Parameters as a user sees them: n=1 is the same as no n, an empty unmapped map as none. */
    private static List<Object> parameters(Parameters p) {
        return java.util.Arrays.asList(p.maxTokens(), p.temperature(), p.topP(), p.topK(), p.stop(),
                p.n() == null || p.n() == 1 ? null : p.n(), p.jsonMode(), p.seed(), p.presencePenalty(),
                p.frequencyPenalty());
    }

    private static BatchRequest generate(Random random, int lineNumber, String model) {
        List<Message> messages = new ArrayList<>();
        if (random.nextBoolean()) {
            messages.add(new Message(Role.SYSTEM, List.of(new Part.Text(text(random)))));
        }
        int turns = 1 + 2 * random.nextInt(3);
        for (int t = 0; t < turns; t++) {
            Role role = t % 2 == 0 ? Role.USER : Role.ASSISTANT;
            List<Part> parts = new ArrayList<>();
            int texts = 1 + random.nextInt(role == Role.USER ? 3 : 1);
            for (int p = 0; p < texts; p++) {
                parts.add(new Part.Text(text(random)));
            }
            if (role == Role.USER && random.nextInt(4) == 0) {
                parts.add(new Part.Image("image/png", "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8"
                        + "z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", null));
            }
            messages.add(new Message(role, parts));
        }
        Parameters parameters = new Parameters(
                random.nextBoolean() ? 1 + random.nextInt(4000) : null,
                random.nextBoolean() ? random.nextInt(11) / 10.0 : null,
                random.nextBoolean() ? random.nextInt(11) / 10.0 : null,
                random.nextInt(4) == 0 ? 1 + random.nextInt(100) : null,
                random.nextInt(3) == 0 ? List.of("END", "\n\nHuman:").subList(0, 1 + random.nextInt(2)) : null,
                random.nextInt(6) == 0 ? 1 + random.nextInt(3) : null,
                random.nextInt(6) == 0 ? Boolean.TRUE : null,
                random.nextInt(6) == 0 ? (long) random.nextInt(1000) : null,
                random.nextInt(8) == 0 ? random.nextInt(21) / 10.0 - 1 : null,
                random.nextInt(8) == 0 ? random.nextInt(21) / 10.0 - 1 : null,
                Map.of());
        return new BatchRequest("req-" + lineNumber + "_x", lineNumber, Endpoint.CHAT_COMPLETIONS, model, messages,
                List.of(), parameters);
    }

    private static final String[] PIECES = {"Hello", "naïve café", "日本語のテキスト", "\"quoted\"", "back\\slash",
        "line\nbreak", "tab\there", "emoji 🚀", "{\"json\": true}", "<tag>", "100%", "a+b=c", "  spaced  "};

    private static String text(Random random) {
        StringBuilder text = new StringBuilder();
        int words = 1 + random.nextInt(6);
        for (int i = 0; i < words; i++) {
            if (i > 0) {
                text.append(' ');
            }
            text.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return text.toString();
    }
}
