package dev.caravan;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;

/**
 * Refuses to start when Caravan's port is taken. platform-http only logs a failed bind and Camel then reports
 * itself "started" with nothing listening, which a user would take for a hang (or, worse, talk to whatever else
 * owns the port).
 */
public class PortCheckConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) {
        PropertiesComponent properties = context.getPropertiesComponent();
        if (!properties.resolveProperty("camel.server.enabled").map(Boolean::parseBoolean).orElse(false)) {
            return;
        }
        int port = properties.resolveProperty("camel.server.port").map(String::trim).map(Integer::parseInt)
                .orElse(8080);
        String host = properties.resolveProperty("camel.server.host").orElse("0.0.0.0");
        if (port == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new IllegalStateException("Caravan cannot listen on " + host + ":" + port + " (" + e.getMessage()
                    + "): set CARAVAN_PORT to a free port.", e);
        }
    }
}
