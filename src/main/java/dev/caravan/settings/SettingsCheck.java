package dev.caravan.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.StartupCondition;

/**
 * Refuses to start on a caravan.* setting (or camel.server.port) that cannot be what its name says: a timeout that is
 * no number, a base URL that is no URL, a flag that is neither true nor false. Checked once, as the context is
 * configured, with the values as resolved (environment variables and overrides included), so a typo in a
 * deployment's environment stops Caravan with the setting's name instead of surfacing as a 500 on the first call.
 *
 * <p>A startup condition (camel.startupcondition.custom-class-names), not a CamelConfiguration: camel-main checks
 * startup conditions before it builds the configuration classes' beans from the settings, and a bad number would fail
 * there first, unnamed. It never waits: a setting does not become valid by waiting.
 */
public class SettingsCheck implements StartupCondition {

    @Override
    public String getName() {
        return "caravan-settings";
    }

    @Override
    public boolean canContinue(CamelContext context) {
        List<String> problems = problems(context.getPropertiesComponent());
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid setting" + (problems.size() > 1 ? "s" : "") + ": "
                    + String.join("; ", problems));
        }
        return true;
    }

    static List<String> problems(PropertiesComponent properties) {
        // every name the locations, initial and override properties know; values are resolved one by one below
        TreeSet<String> names = new TreeSet<>(properties.loadProperties().stringPropertyNames());
        List<String> problems = new ArrayList<>();
        for (String name : names) {
            if (!name.startsWith("caravan.") && !name.equals("camel.server.port")) {
                continue;
            }
            SettingKind kind = SettingKind.of(name);
            if (kind == null) {
                continue;
            }
            String value = properties.resolveProperty(name).map(String::trim).orElse("");
            if (!kind.accepts(value)) {
                // a number or a flag is shown as given; a URL is not (a malformed one may still carry user info)
                problems.add(name + (kind == SettingKind.URL ? " is malformed" : " is '" + value + "'")
                        + ", expected " + kind.expected());
            }
        }
        return problems;
    }
}
