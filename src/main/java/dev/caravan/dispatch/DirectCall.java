package dev.caravan.dispatch;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.ExpressionAdapter;

/**
 * A step of a YAML route that calls one Caravan method through a method reference. It is registered as
 * {@code <bean>.<method>} and named in the route with the ref language ({@code setBody: ref: ...}) or as a processor
 * ({@code process: ref: ...}).
 *
 * <p>Camel's bean binding ({@code method: ref/method}) finds the method and binds its parameters by reflection on
 * every exchange. In issue 10's profile of a batch retrieve, that binding took about a tenth of Caravan's CPU; a
 * method reference costs one call.
 */
public final class DirectCall extends ExpressionAdapter implements Processor {

    /** A method whose result becomes the body (or the property) the route sets. */
    @FunctionalInterface
    public interface Step {
        Object apply(Exchange exchange) throws Exception;
    }

    /** A method run for its effect on the exchange. */
    @FunctionalInterface
    public interface Action {
        void run(Exchange exchange) throws Exception;
    }

    private final String name;
    private final Step step;

    private DirectCall(String name, Step step) {
        this.name = name;
        this.step = step;
    }

    public static void bind(Registry registry, String name, Step step) {
        registry.bind(name, new DirectCall(name, step));
    }

    public static void bindAction(Registry registry, String name, Action action) {
        registry.bind(name, new DirectCall(name, exchange -> {
            action.run(exchange);
            return null;
        }));
    }

    @Override
    public Object evaluate(Exchange exchange) {
        try {
            return step.apply(exchange);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new RuntimeCamelException(e);
        }
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        step.apply(exchange);
    }

    @Override
    public String toString() {
        return name;
    }
}
