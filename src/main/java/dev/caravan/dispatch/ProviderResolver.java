package dev.caravan.dispatch;

import dev.caravan.model.CaravanIds;
import dev.caravan.model.GatewayError;
import dev.caravan.model.Provider;
import dev.caravan.model.command.Command;
import java.util.Optional;
import org.apache.camel.Exchange;

/**
 * Resolves the provider once per request (DESIGN §2): the one the caller named, else the one the id belongs to,
 * else the surface's default (OpenAI; Bedrock on the S3 files and Bedrock batch APIs). A named provider that
 * contradicts the id is the caller's mistake, not something to guess around.
 */
public class ProviderResolver {

    /** The exchange property dispatch keeps the resolved provider's wire name in. */
    public static final String PROVIDER = "caravanProvider";

    public String resolve(Exchange exchange) {
        return resolve(exchange.getMessage().getBody(Command.class));
    }

    public String resolve(Command command) {
        Optional<Provider> fromId = CaravanIds.providerOf(command.subjectId());
        String requested = command.requestedProvider();
        if (requested == null || requested.isBlank()) {
            return fromId.orElse(command.defaultProvider()).wireName();
        }
        Provider named = Provider.parse(requested);
        if (fromId.isPresent() && fromId.get() != named) {
            throw GatewayError.invalid("provider", "Provider '" + named.wireName() + "' contradicts id '"
                    + command.subjectId() + "', which belongs to provider '" + fromId.get().wireName() + "'.");
        }
        return named.wireName();
    }

    /** Where dispatch sends the command: direct:<provider>-<operation>, once the provider is resolved. */
    public static String route(Exchange exchange) {
        return "direct:" + exchange.getProperty(PROVIDER, String.class) + "-"
                + exchange.getMessage().getBody(Command.class).operation().routeSuffix();
    }
}
