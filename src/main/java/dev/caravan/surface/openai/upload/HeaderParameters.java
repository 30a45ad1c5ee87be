package dev.caravan.surface.openai.upload;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code ; name=value} parameters of a header value such as Content-Type or Content-Disposition (RFC 9110 §5.6.6):
 * names case-insensitive, values a token or a quoted string with backslash escapes; the first of a name wins.
 */
final class HeaderParameters {

    private HeaderParameters() {
    }

    static Map<String, String> parse(String value) {
        Map<String, String> parameters = new LinkedHashMap<>();
        int i = value.indexOf(';');
        while (i >= 0 && i < value.length()) {
            i++;
            int equals = value.indexOf('=', i);
            int semicolon = value.indexOf(';', i);
            if (equals < 0 || (semicolon >= 0 && semicolon < equals)) {
                i = semicolon;
                continue;
            }
            String name = value.substring(i, equals).trim().toLowerCase(Locale.ROOT);
            int start = equals + 1;
            while (start < value.length() && value.charAt(start) == ' ') {
                start++;
            }
            StringBuilder parsed = new StringBuilder();
            int end;
            boolean quoted = start < value.length() && value.charAt(start) == '"';
            if (quoted) {
                end = start + 1;
                while (end < value.length() && value.charAt(end) != '"') {
                    char c = value.charAt(end);
                    if (c == '\\' && end + 1 < value.length()) {
                        end++;
                        c = value.charAt(end);
                    }
                    parsed.append(c);
                    end++;
                }
                end = value.indexOf(';', Math.min(end, value.length()));
            } else {
                end = value.indexOf(';', start);
                parsed.append(value, start, end < 0 ? value.length() : end);
            }
            parameters.putIfAbsent(name, quoted ? parsed.toString() : parsed.toString().trim());
            i = end;
        }
        return parameters;
    }
}
