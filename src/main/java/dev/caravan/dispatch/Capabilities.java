package dev.caravan.dispatch;

import dev.caravan.model.ErrorKind;
import dev.caravan.model.GatewayError;
import dev.caravan.model.Operation;
import dev.caravan.model.Provider;
import dev.caravan.model.command.Command;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;

/**
 * Which provider can do which operation. Dispatch consults this table before routing, so an unsupported
 * combination is a clear error naming what is possible, never a missing-route failure.
 */
public class Capabilities {

    private final Map<Provider, Set<Operation>> supported = new EnumMap<>(Provider.class);

    public Capabilities() {
        supported.put(Provider.OPENAI, Operation.FILES_AND_BATCHES);
        supported.put(Provider.ANTHROPIC, Operation.FILES_AND_BATCHES);
        supported.put(Provider.GEMINI, Operation.FILES_AND_BATCHES);
        Set<Operation> bedrock = EnumSet.copyOf(Operation.OBJECTS);
        bedrock.addAll(Operation.JOBS);
        supported.put(Provider.BEDROCK, bedrock);
    }

    public void check(@Body Command command, @ExchangeProperty("caravanProvider") String providerName) {
        Provider provider = Provider.parse(providerName);
        Operation operation = command.operation();
        if (!supported.get(provider).contains(operation)) {
            throw GatewayError.of(ErrorKind.UNSUPPORTED, "Provider '" + provider.wireName() + "' does not support "
                    + operation.routeSuffix() + " in this version of Caravan.");
        }
    }
}
