package dev.caravan.settings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares application.properties with docs/configuration.md, the configuration reference written by hand: every
 * setting of the file listed once, under its section, with the file's environment variable and default; no setting
 * listed that the file no longer has; the example of a setting SettingsCheck checks is one it accepts.
 */
final class ConfigurationReference {

    /** One setting: where it sits, its environment variable (null when it has none), its default, its example. */
    record Setting(String section, String name, String env, String defaultValue, String example) {
    }

    private static final Pattern FILE_SECTION = Pattern.compile("^## ---- (.+) ----$");
    private static final Pattern FILE_SETTING = Pattern.compile("^([a-z][A-Za-z0-9._-]*)\\s*=\\s*(.*)$");
    // {{env:NAME:default}}, the default possibly a placeholder itself ({{env:X:{{caravan.sandbox.enabled}}}})
    private static final Pattern ENV_DEFAULT = Pattern.compile("^\\{\\{env:([A-Za-z0-9_]+):(.*)\\}\\}$");
    private static final Pattern DOC_SECTION = Pattern.compile("^## (.+)$");
    private static final Pattern DOC_ROW = Pattern.compile("^\\| `([a-z][A-Za-z0-9._-]*)` \\|.*");
    private static final String NO_ENV = "—";
    private static final String EMPTY = "*empty*";

    private ConfigurationReference() {
    }

    /** The settings of application.properties, in the file's order. */
    static Map<String, Setting> ofProperties(String properties) {
        Map<String, Setting> settings = new LinkedHashMap<>();
        String section = null;
        for (String line : properties.split("\n", -1)) {
            Matcher heading = FILE_SECTION.matcher(line.strip());
            if (heading.matches()) {
                section = heading.group(1);
                continue;
            }
            Matcher setting = FILE_SETTING.matcher(line.strip());
            if (line.startsWith("#") || !setting.matches()) {
                continue;
            }
            String value = setting.group(2).strip();
            Matcher env = ENV_DEFAULT.matcher(value);
            settings.put(setting.group(1), env.matches()
                    ? new Setting(section, setting.group(1), env.group(1), env.group(2), null)
                    : new Setting(section, setting.group(1), null, value, null));
        }
        return settings;
    }

    /** The rows of the reference's tables; a setting listed twice is a problem, reported by {@link #problems}. */
    static List<Setting> ofDoc(String doc) {
        List<Setting> rows = new ArrayList<>();
        String section = null;
        for (String line : doc.split("\n", -1)) {
            Matcher heading = DOC_SECTION.matcher(line.strip());
            if (heading.matches()) {
                section = heading.group(1).strip();
                continue;
            }
            if (!DOC_ROW.matcher(line.strip()).matches()) {
                continue;
            }
            // cells split on | not escaped as \| (a description may carry one)
            String[] cells = line.strip().substring(1).split("(?<!\\\\)\\|", -1);
            if (cells.length < 5) {
                rows.add(new Setting(section, code(cells[0]), "malformed row", "malformed row", null));
                continue;
            }
            String env = cells[1].strip();
            String defaultValue = cells[2].strip();
            rows.add(new Setting(section, code(cells[0]), env.equals(NO_ENV) ? null : code(env),
                    defaultValue.equals(EMPTY) ? "" : code(defaultValue), code(cells[4])));
        }
        return rows;
    }

    /** Every way the reference and the file disagree, each naming the setting. */
    static List<String> problems(String properties, String doc) {
        Map<String, Setting> file = ofProperties(properties);
        Map<String, Setting> listed = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (Setting row : ofDoc(doc)) {
            if (listed.putIfAbsent(row.name(), row) != null) {
                problems.add(row.name() + " is listed more than once");
            }
        }
        for (Setting setting : file.values()) {
            Setting row = listed.get(setting.name());
            if (row == null) {
                problems.add(setting.name() + " is in application.properties but not in the reference");
                continue;
            }
            if (!Objects.equals(setting.section(), row.section())) {
                problems.add(setting.name() + " is listed under '" + row.section() + "', the file has it under '"
                        + setting.section() + "'");
            }
            if (!Objects.equals(setting.env(), row.env())) {
                problems.add(setting.name() + ": the reference says environment variable " + shown(row.env())
                        + ", the file " + shown(setting.env()));
            }
            if (!Objects.equals(setting.defaultValue(), row.defaultValue())) {
                problems.add(setting.name() + ": the reference says default '" + row.defaultValue() + "', the file '"
                        + setting.defaultValue() + "'");
            }
            SettingKind kind = checked(setting.name()) ? SettingKind.of(setting.name()) : null;
            if (row.example() == null || row.example().isBlank()) {
                problems.add(setting.name() + " has no example");
            } else if (kind != null && !kind.accepts(row.example())) {
                problems.add(setting.name() + ": example '" + row.example() + "' is not " + kind.expected());
            }
        }
        for (String name : listed.keySet()) {
            if (!file.containsKey(name)) {
                problems.add(name + " is in the reference but no longer in application.properties");
            }
        }
        return problems;
    }

    /** The settings SettingsCheck holds to their kind. */
    private static boolean checked(String name) {
        return name.startsWith("caravan.") || name.equals("camel.server.port");
    }

    private static String code(String cell) {
        String text = cell.strip().replace("\\|", "|");
        return text.length() >= 2 && text.startsWith("`") && text.endsWith("`") ? text.substring(1, text.length() - 1)
                : text;
    }

    private static String shown(String env) {
        return env == null ? "none" : env;
    }
}
