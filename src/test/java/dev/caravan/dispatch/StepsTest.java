package dev.caravan.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Steps keep bean binding's semantics: what becomes the body, how the body is read, where exceptions go. */
class StepsTest {

    private final CamelContext context = new DefaultCamelContext();

    @AfterEach
    void stop() throws Exception {
        context.close();
    }

    @Test
    void aMethodsResultBecomesTheBodyAlsoWhenItIsNull() throws Exception {
        RouteBuilder.addRoutes(context, routes -> routes.from("direct:result")
                .process(Steps.toBody(String.class, body -> null)));
        context.start();
        assertNull(context.createProducerTemplate().requestBody("direct:result", "before"));
    }

    @Test
    void aVoidMethodLeavesTheBodyAsItWas() throws Exception {
        AtomicReference<String> seen = new AtomicReference<>();
        RouteBuilder.addRoutes(context, routes -> routes.from("direct:void")
                .process(Steps.withBody(String.class, (body, exchange) -> {
                    seen.set(body);
                    exchange.setProperty("length", body.length());
                }))
                .process(Steps.toBody(exchange -> exchange.getMessage().getBody(String.class) + " "
                        + Steps.propertyAs(exchange, "length", String.class))));
        context.start();
        assertEquals("before 6", context.createProducerTemplate().requestBody("direct:void", "before"));
        assertEquals("before", seen.get());
    }

    @Test
    void theBodyIsReadAsTheMethodsParameterType() throws Exception {
        RouteBuilder.addRoutes(context, routes -> routes.from("direct:typed")
                .process(Steps.toBody(Integer.class, (number, exchange) -> number + 1)));
        context.start();
        assertEquals(42, context.createProducerTemplate().requestBody("direct:typed", "41"));
    }

    @Test
    void aCheckedExceptionReachesTheRoutesHandlingAsItWasThrown() throws Exception {
        IOException thrown = new IOException("upstream went away");
        AtomicReference<Object> caught = new AtomicReference<>();
        RouteBuilder.addRoutes(context, routes -> routes.from("direct:fails")
                .doTry()
                    .process(Steps.toBody(exchange -> {
                        throw thrown;
                    }))
                .doCatch(IOException.class)
                    .process(exchange -> caught.set(exchange.getProperty(Exchange.EXCEPTION_CAUGHT)))
                .end());
        context.start();
        context.createProducerTemplate().requestBody("direct:fails", "body");
        assertSame(thrown, caught.get());
    }
}
