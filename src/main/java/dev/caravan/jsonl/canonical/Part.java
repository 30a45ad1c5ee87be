package dev.caravan.jsonl.canonical;

/** One piece of a message's content. */
public sealed interface Part permits Part.Text, Part.Image {

    record Text(String text) implements Part {
    }

    /**
     * An image, inline ({@code mediaType} + base64 {@code data}) or by reference ({@code url}, http(s) or gs://);
     * exactly one of the two forms is set.
     */
    record Image(String mediaType, String data, String url) implements Part {

        public boolean inline() {
            return data != null;
        }
    }
}
