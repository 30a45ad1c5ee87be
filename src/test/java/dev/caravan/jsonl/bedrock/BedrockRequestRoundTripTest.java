package dev.caravan.jsonl.bedrock;

import static dev.caravan.jsonl.bedrock.Lines.CLAUDE;
import static dev.caravan.jsonl.bedrock.Lines.LLAMA;
import static dev.caravan.jsonl.bedrock.Lines.MISTRAL;
import static dev.caravan.jsonl.bedrock.Lines.NOVA;
import static dev.caravan.jsonl.bedrock.Lines.TITAN_EMBED;
import static dev.caravan.jsonl.bedrock.Lines.TITAN_TEXT;
import static dev.caravan.jsonl.bedrock.Lines.chat;
import static dev.caravan.jsonl.bedrock.Lines.conversation;
import static dev.caravan.jsonl.bedrock.Lines.parameters;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.IntNode;
import dev.caravan.jsonl.ConversionSettings;
import dev.caravan.jsonl.canonical.BatchRequest;
import dev.caravan.jsonl.canonical.Message;
import dev.caravan.jsonl.canonical.Parameters;
import dev.caravan.jsonl.canonical.Role;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** canonical → Bedrock line → canonical, where the Bedrock body can hold everything the request says. */
class BedrockRequestRoundTripTest {

    private static BatchRequest roundTrip(ConversionSettings settings, BatchRequest request) throws IOException {
        return BedrockRequestLines.reader(settings)
                .read(Lines.write(BedrockRequestLines.writer(settings), request), request.lineNumber());
    }

    private static void assertRoundTrip(ConversionSettings settings, BatchRequest request) throws IOException {
        assertEquals(request.withModel(settings.model()), roundTrip(settings, request));
    }

    @Test
    void claude() throws IOException {
        assertRoundTrip(ConversionSettings.forModel(CLAUDE),
                chat("req-1", 3, null, conversation(true), parameters(512, 0.2, 0.9, 40, List.of("###"))));
    }

    @Test
    void nova() throws IOException {
        assertRoundTrip(ConversionSettings.forModel(NOVA),
                chat("req-2", 4, null, conversation(true), parameters(512, 0.2, 0.9, 40, List.of("###"))));
    }

    @Test
    void converse_for_claude_and_nova() throws IOException {
        Parameters all = parameters(100, 0.5, 0.7, 12, List.of("STOP"));
        assertRoundTrip(ConversionSettings.forModel(CLAUDE).withConverse(true), chat("c-1", 5, null,
                conversation(true), all));
        assertRoundTrip(ConversionSettings.forModel(NOVA).withConverse(true), chat("c-2", 6, null,
                conversation(true), all));
        assertRoundTrip(ConversionSettings.forModel(LLAMA).withConverse(true), chat("c-3", 7, null,
                conversation(true), parameters(100, 0.5, 0.7, null, List.of("STOP"))));
    }

    @Test
    void llama_template() throws IOException {
        List<Message> textOnly = List.of(Message.text(Role.SYSTEM, "Be brief."), Message.text(Role.USER, "Hi"),
                Message.text(Role.ASSISTANT, "Hello."), Message.text(Role.USER, "Who are you?"));
        assertRoundTrip(ConversionSettings.forModel(LLAMA), chat("l-1", 8, null, textOnly,
                parameters(64, 0.1, 0.2, null, null)));
        assertRoundTrip(ConversionSettings.forModel("meta.llama4-scout-17b-instruct-v1:0"), chat("l-2", 9, null,
                textOnly, Parameters.NONE));
    }

    @Test
    void mistral_template_keeps_turns_but_folds_the_system_prompt_into_the_first_user_turn() throws IOException {
        List<Message> turns = List.of(Message.text(Role.USER, "Hi"), Message.text(Role.ASSISTANT, "Hello."),
                Message.text(Role.USER, "Who are you?"));
        ConversionSettings mistral = ConversionSettings.forModel(MISTRAL);
        assertRoundTrip(mistral, chat("m-1", 10, null, turns, parameters(64, 0.1, 0.2, 5, List.of("\n\n"))));
        List<Message> withSystem = List.of(Message.text(Role.SYSTEM, "Be brief."), Message.text(Role.USER, "Hi"));
        assertEquals(List.of(Message.text(Role.USER, "Be brief.\n\nHi")),
                roundTrip(mistral, chat("m-2", 11, null, withSystem, Parameters.NONE)).messages());
    }

    @Test
    void titan_text_reads_back_as_the_rendered_prompt() throws IOException {
        ConversionSettings titan = ConversionSettings.forModel(TITAN_TEXT);
        BatchRequest back = roundTrip(titan, chat("t-1", 12, null, List.of(Message.text(Role.USER, "Hi")),
                parameters(50, 0.3, 0.4, null, List.of("|"))));
        assertEquals(List.of(Message.text(Role.USER, "User: Hi\nBot:")), back.messages());
        assertEquals(parameters(50, 0.3, 0.4, null, List.of("|")), back.parameters());
    }

    @Test
    void titan_embeddings() throws IOException {
        Parameters dims = new Parameters(null, null, null, null, null, null, null, null, null, null,
                Map.of("dimensions", IntNode.valueOf(1024)));
        assertRoundTrip(ConversionSettings.forModel(TITAN_EMBED),
                Lines.embeddings("e-1", 13, null, List.of("The quick brown fox"), dims));
    }
}
