package dev.caravan.provider.openai;

import dev.caravan.model.GatewayError;
import java.io.IOException;
import org.apache.camel.Message;

/**
 * Reads an upstream's error answer (its body consumed) into a {@link GatewayError} in the upstream's own words: each
 * provider knows its upstream's error envelope.
 */
@FunctionalInterface
public interface UpstreamErrorReader {

    GatewayError read(Message answer, int status) throws IOException;
}
