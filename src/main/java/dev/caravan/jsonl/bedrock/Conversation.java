package dev.caravan.jsonl.bedrock;

import dev.caravan.jsonl.LineError;
import dev.caravan.jsonl.canonical.BatchRequest;
import dev.caravan.jsonl.canonical.Message;
import dev.caravan.jsonl.canonical.Part;
import dev.caravan.jsonl.canonical.Role;
import java.util.ArrayList;
import java.util.List;

/**
 * A canonical request's messages as every Bedrock chat family needs them: the leading system messages as plain
 * texts, then user and assistant turns that alternate. Consecutive turns of one role are merged (their parts in
 * order) rather than refused: Claude, Nova and Converse require alternation, Anthropic's own API merges such turns
 * the same way, and nothing is lost. A system message after the first turn has no place in any Bedrock body (each
 * takes one top-level system prompt), so it is refused rather than moved.
 */
record Conversation(List<String> system, List<Message> turns) {

    /**
     * @param images whether the target takes images at all; where it does, they must be inline (base64) and in
     *               user turns, in one of the four formats every Bedrock image-taking body accepts
     */
    static Conversation of(BatchRequest request, String targetName, boolean images) {
        int n = request.lineNumber();
        List<Message> messages = request.messages();
        if (messages == null || messages.isEmpty()) {
            throw LineError.at(n, "the request has no messages");
        }
        List<String> system = new ArrayList<>(1);
        List<Message> turns = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            Message message = messages.get(i);
            if (message.role() == Role.SYSTEM) {
                if (!turns.isEmpty()) {
                    throw LineError.at(n, "messages[" + i + "]: a system message after the conversation started has "
                            + "no place in " + targetName + ", which takes one system prompt before all turns");
                }
                if (!textOnly(message)) {
                    throw LineError.at(n, "messages[" + i + "]: " + targetName + " takes only text in a system prompt");
                }
                system.add(text(message));
                continue;
            }
            checkImages(message, n, i, targetName, images);
            Message last = turns.isEmpty() ? null : turns.get(turns.size() - 1);
            if (last != null && last.role() == message.role()) {
                List<Part> merged = new ArrayList<>(last.content().size() + message.content().size());
                merged.addAll(last.content());
                merged.addAll(message.content());
                turns.set(turns.size() - 1, new Message(message.role(), merged));
            } else {
                turns.add(message);
            }
        }
        if (turns.isEmpty()) {
            throw LineError.at(n, targetName + " needs at least one user or assistant message");
        }
        return new Conversation(system, turns);
    }

    private static void checkImages(Message message, int n, int index, String targetName, boolean images) {
        List<Part> content = message.content();
        for (int p = 0; p < content.size(); p++) {
            if (!(content.get(p) instanceof Part.Image)) {
                continue;
            }
            Part.Image image = (Part.Image) content.get(p);
            String at = "messages[" + index + "].content[" + p + "]";
            if (!images) {
                throw LineError.at(n, at + ": " + targetName + " takes no images");
            }
            if (message.role() != Role.USER) {
                throw LineError.at(n, at + ": " + targetName + " takes images in user messages only");
            }
            if (!image.inline()) {
                throw LineError.at(n, at + ": " + targetName + " takes inline base64 images only, not a URL ("
                        + image.url() + "); send the image as a data: URL");
            }
            ImageFormats.bedrockFormat(image.mediaType(), n, at, targetName);
        }
    }

    private static boolean textOnly(Message message) {
        for (Part part : message.content()) {
            if (!(part instanceof Part.Text)) {
                return false;
            }
        }
        return true;
    }

    /** A text-only turn's parts joined by newlines, as {@link Message#joinedText} does, without a stream per turn. */
    static StringBuilder appendText(StringBuilder out, Message message) {
        List<Part> content = message.content();
        for (int i = 0; i < content.size(); i++) {
            if (i > 0) {
                out.append('\n');
            }
            out.append(((Part.Text) content.get(i)).text());
        }
        return out;
    }

    private static String text(Message message) {
        List<Part> content = message.content();
        return content.size() == 1 ? ((Part.Text) content.get(0)).text()
                : appendText(new StringBuilder(), message).toString();
    }

    String joinedSystem() {
        return String.join("\n", system);
    }

    boolean endsWithAssistant() {
        return turns.get(turns.size() - 1).role() == Role.ASSISTANT;
    }
}
