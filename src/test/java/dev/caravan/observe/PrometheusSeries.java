package dev.caravan.observe;

import java.util.Arrays;
import java.util.Map;

/** Reads a Prometheus text exposition the way a scraper would: the value of a series with the given labels. */
final class PrometheusSeries {

    private final String text;

    PrometheusSeries(String text) {
        this.text = text;
    }

    /** The summed value of every series named {@code name} whose labels include {@code labels}; -1 when none. */
    double value(String name, Map<String, String> labels) {
        double sum = -1;
        for (String line : text.split("\n")) {
            if (line.startsWith("#") || !(line.startsWith(name + "{") || line.startsWith(name + " "))) {
                continue;
            }
            boolean all = labels.entrySet().stream()
                    .allMatch(label -> line.contains(label.getKey() + "=\"" + label.getValue() + "\""));
            if (all) {
                String[] parts = line.trim().split(" ");
                sum = Math.max(sum, 0) + Double.parseDouble(parts[parts.length - 1]);
            }
        }
        return sum;
    }

    boolean hasHelp(String name) {
        return Arrays.stream(text.split("\n")).anyMatch(line -> line.startsWith("# HELP " + name + " "));
    }

    @Override
    public String toString() {
        return text;
    }
}
