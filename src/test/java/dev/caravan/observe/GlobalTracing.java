package dev.caravan.observe;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;

/**
 * An OpenTelemetry SDK registered as the JVM's global one, as the OpenTelemetry Java agent does, with W3C trace
 * context as its propagator and every ended span kept in {@link #spans()}. Register before Caravan starts (in
 * {@code @BeforeAll}); close in {@code @AfterAll}, which leaves no global behind for later test classes.
 */
final class GlobalTracing implements AutoCloseable {

    private final RecordedSpans spans = new RecordedSpans();
    private final OpenTelemetrySdk sdk;

    private GlobalTracing() {
        GlobalOpenTelemetry.resetForTest();
        sdk = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder()
                        .addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                .buildAndRegisterGlobal();
    }

    static GlobalTracing register() {
        return new GlobalTracing();
    }

    RecordedSpans spans() {
        return spans;
    }

    @Override
    public void close() {
        sdk.close();
        GlobalOpenTelemetry.resetForTest();
    }
}
