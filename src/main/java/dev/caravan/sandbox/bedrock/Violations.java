package dev.caravan.sandbox.bedrock;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Collects constraint violations and words them as AWS's request validation does: {@code 1 validation error
 * detected: Value 'bad name!' at 'jobName' failed to satisfy constraint: Member must satisfy regular expression
 * pattern: ...}, several joined by {@code "; "} under {@code N validation errors detected: }.
 */
final class Violations {

    private final List<String> found = new ArrayList<>();

    void add(Object value, String path, String constraint) {
        String shown = value == null ? "null" : "'" + value + "'";
        found.add("Value " + shown + " at '" + path + "' failed to satisfy constraint: " + constraint);
    }

    void notNull(Object value, String path) {
        if (value == null) {
            add(null, path, "Member must not be null");
        }
    }

    /** Length bounds, then the pattern (whole-value match), each reported on its own as AWS does. */
    void string(String value, String path, int min, int max, Pattern pattern) {
        if (value == null) {
            return;
        }
        int length = value.codePointCount(0, value.length());
        if (length < min) {
            add(value, path, "Member must have length greater than or equal to " + min);
        }
        if (length > max) {
            add(value, path, "Member must have length less than or equal to " + max);
        }
        if (pattern != null && !pattern.matcher(value).matches()) {
            add(value, path, "Member must satisfy regular expression pattern: " + pattern.pattern());
        }
    }

    void range(Long value, String path, long min, long max) {
        if (value == null) {
            return;
        }
        if (value < min) {
            add(value, path, "Member must have value greater than or equal to " + min);
        }
        if (value > max) {
            add(value, path, "Member must have value less than or equal to " + max);
        }
    }

    void size(List<?> values, String path, int min, int max, String shown) {
        if (values == null) {
            return;
        }
        if (values.size() < min) {
            add(shown, path, "Member must have length greater than or equal to " + min);
        }
        if (values.size() > max) {
            add(shown, path, "Member must have length less than or equal to " + max);
        }
    }

    void oneOf(String value, String path, List<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            add(value, path, "Member must satisfy enum value set: [" + String.join(", ", allowed) + "]");
        }
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    void throwIfAny() {
        if (found.isEmpty()) {
            return;
        }
        String count = found.size() == 1 ? "1 validation error detected: "
                : found.size() + " validation errors detected: ";
        throw ServiceError.validation(count + String.join("; ", found));
    }
}
