package dev.caravan.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How the YAML routes use a DirectCall: through the ref language (body, filter) and as a processor. */
class DirectCallTest {

    private final CamelContext context = new DefaultCamelContext();

    @AfterEach
    void stop() throws Exception {
        context.close();
    }

    @Test
    void aBooleanCallFiltersLikeThePredicateItReplaced() throws Exception {
        DirectCall.bind(context.getRegistry(), "upload.isBatch",
                exchange -> "batch".equals(exchange.getMessage().getBody(String.class)));
        RouteBuilder.addRoutes(context, routes -> routes.from("direct:filter")
                .filter().ref("upload.isBatch")
                    .setBody(routes.constant("checked"))
                .end());
        context.start();
        assertEquals("checked", context.createProducerTemplate().requestBody("direct:filter", "batch"));
        assertEquals("other", context.createProducerTemplate().requestBody("direct:filter", "other"));
    }

    @Test
    void anActionRunsForItsEffectAndLeavesTheBody() throws Exception {
        DirectCall.bindAction(context.getRegistry(), "answer.render",
                exchange -> exchange.getMessage().setHeader("rendered", true));
        DirectCall.bind(context.getRegistry(), "request.read", exchange -> "read " + exchange.getMessage().getBody());
        RouteBuilder.addRoutes(context, routes -> routes.from("direct:steps")
                .setBody().ref("request.read")
                .process("answer.render"));
        context.start();
        Exchange done = context.createProducerTemplate().request("direct:steps",
                exchange -> exchange.getMessage().setBody("request"));
        assertEquals("read request", done.getMessage().getBody());
        assertEquals(true, done.getMessage().getHeader("rendered"));
    }

    @Test
    void aCheckedExceptionOfAnExpressionIsStillCaughtByItsType() throws Exception {
        IOException thrown = new IOException("body ended early");
        DirectCall.bind(context.getRegistry(), "request.read", exchange -> {
            throw thrown;
        });
        AtomicReference<Throwable> caught = new AtomicReference<>();
        // the ref language, as the YAML step setBody: {ref: request.read} resolves it
        Expression read = context.resolveLanguage("ref").createExpression("request.read");
        RouteBuilder.addRoutes(context, routes -> routes.from("direct:fails")
                .doTry()
                    .setBody(read)
                .doCatch(IOException.class)
                    .process(exchange -> caught.set(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class)))
                .end());
        context.start();
        context.createProducerTemplate().requestBody("direct:fails", "body");
        assertSame(thrown, caught.get().getCause() == null ? caught.get() : caught.get().getCause());
    }
}
