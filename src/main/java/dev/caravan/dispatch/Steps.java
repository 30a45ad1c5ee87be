package dev.caravan.dispatch;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The steps of Java DSL routes, as processors that call one Caravan method through a method reference. They take the
 * place of Camel's bean binding ({@code .bean(object, "method")}), which finds the method and binds its parameters by
 * reflection on every exchange (about a tenth of the CPU of a batch retrieve, issue 10). The semantics are bean
 * binding's: a method's result becomes the body, also when it is null, and a void method leaves the body as it was;
 * the body is read as the method's parameter type, converted as bean binding converted it; exceptions reach the
 * route's error handling as they were thrown.
 */
public final class Steps {

    /** A method of the body. */
    @FunctionalInterface
    public interface OfBody<T> {
        Object apply(T body) throws Exception;
    }

    /** A method of the body that also reads or marks the exchange. */
    @FunctionalInterface
    public interface OfBodyAndExchange<T> {
        Object apply(T body, Exchange exchange) throws Exception;
    }

    /** A method run on the body and the exchange for its effect on the exchange. */
    @FunctionalInterface
    public interface WithBody<T> {
        void run(T body, Exchange exchange) throws Exception;
    }

    private Steps() {
    }

    /** A step whose result becomes the body. */
    public static Processor toBody(DirectCall.Step step) {
        return exchange -> exchange.getMessage().setBody(step.apply(exchange));
    }

    /** A method of the body (read as {@code type}) whose result becomes the body. */
    public static <T> Processor toBody(Class<T> type, OfBody<T> method) {
        return exchange -> exchange.getMessage().setBody(method.apply(bodyAs(exchange, type)));
    }

    /** A method of the body (read as {@code type}) and the exchange, whose result becomes the body. */
    public static <T> Processor toBody(Class<T> type, OfBodyAndExchange<T> method) {
        return exchange -> exchange.getMessage().setBody(method.apply(bodyAs(exchange, type), exchange));
    }

    /** A void method of the body (read as {@code type}) and the exchange: the body stays as the method left it. */
    public static <T> Processor withBody(Class<T> type, WithBody<T> method) {
        return exchange -> method.run(bodyAs(exchange, type), exchange);
    }

    /** The body as a method's parameter of this type (what bean binding passed for {@code @Body}). */
    public static <T> T bodyAs(Exchange exchange, Class<T> type) {
        return exchange.getMessage().getBody(type);
    }

    /** An exchange property as a method's parameter of this type (bean binding's {@code @ExchangeProperty}). */
    public static <T> T propertyAs(Exchange exchange, String name, Class<T> type) {
        return exchange.getProperty(name, type);
    }

    /** The provider dispatch resolved for the request (its wire name). */
    public static String provider(Exchange exchange) {
        return exchange.getProperty(ProviderResolver.PROVIDER, String.class);
    }
}
