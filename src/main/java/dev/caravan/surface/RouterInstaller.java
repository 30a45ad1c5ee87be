package dev.caravan.surface;

import io.vertx.ext.web.Router;
import java.util.function.Consumer;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * Puts a surface's own handlers on platform-http's Vert.x router (request guards, fallbacks for unknown paths). The
 * router exists once the HTTP server has started, so they go on when the context has fully started.
 */
public final class RouterInstaller {

    private RouterInstaller() {
    }

    public static void onceStarted(CamelContext context, Consumer<Router> install) throws Exception {
        context.addStartupListener(new StartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext started, boolean alreadyStarted) {
                // the router does not exist yet
            }

            @Override
            public void onCamelContextFullyStarted(CamelContext started, boolean alreadyStarted) {
                started.getRegistry().findByType(VertxPlatformHttpRouter.class).forEach(install);
            }
        });
    }
}
