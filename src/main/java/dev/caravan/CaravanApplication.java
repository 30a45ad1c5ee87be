package dev.caravan;

import java.util.Arrays;
import org.apache.camel.main.Main;

/** Starts Caravan; {@code --sandbox} runs it against in-process emulators of every upstream. */
public final class CaravanApplication {

    /** application.properties from the working directory (the repo root) first, then the classpath. */
    public static final String PROPERTY_LOCATIONS =
            "file:application.properties;optional=true,classpath:application.properties;optional=true";

    private CaravanApplication() {
    }

    public static void main(String[] args) throws Exception {
        Main main = new Main(CaravanApplication.class);
        main.setDefaultPropertyPlaceholderLocation(PROPERTY_LOCATIONS);
        if (Arrays.asList(args).contains("--sandbox")) {
            main.addOverrideProperty("caravan.sandbox.enabled", "true");
        }
        try {
            main.run(Arrays.stream(args).filter(arg -> !arg.equals("--sandbox")).toArray(String[]::new));
        } catch (Exception e) {
            // Emulators and HTTP servers may already run non-daemon threads: a failed start must still end the JVM.
            System.err.println("Caravan failed to start: " + e.getMessage());
            System.exit(1);
        }
    }
}
