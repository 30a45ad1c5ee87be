package dev.caravan.jsonl.canonical;

import java.util.List;
import java.util.stream.Collectors;

/** One conversation turn. */
public record Message(Role role, List<Part> content) {

    public static Message text(Role role, String text) {
        return new Message(role, List.of(new Part.Text(text)));
    }

    /** All text parts joined, for targets whose turns are plain strings. */
    public String joinedText() {
        return content.stream().filter(Part.Text.class::isInstance).map(part -> ((Part.Text) part).text())
                .collect(Collectors.joining("\n"));
    }

    public boolean textOnly() {
        return content.stream().allMatch(Part.Text.class::isInstance);
    }
}
