package dev.caravan.observe;

import dev.caravan.dispatch.ProviderResolver;
import dev.caravan.model.Batch;
import dev.caravan.model.GatewayError;
import dev.caravan.model.command.Command;
import dev.caravan.model.job.JobCreated;
import dev.caravan.model.job.JobStatus;
import dev.caravan.surface.ErrorClassifier;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Route;
import org.apache.camel.component.platform.http.vertx.HttpMessage;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.spi.RoutePolicyFactory;
import org.apache.camel.support.RoutePolicySupport;

/**
 * Adds what only the exchange knows to the request's record, on every route it passes: on the surface route the
 * link to the record (through the Vert.x request in platform-http's message), on dispatch the command's operation and
 * subject id, on the provider route the provider dispatch resolved, and on the way out an upstream failure. The first
 * command and provider win: a bridge may dispatch further commands on the caller's behalf.
 */
public final class ExchangeFacts extends RoutePolicySupport implements RoutePolicyFactory {

    static final String RECORD = "caravanRequest";

    private final RequestRecords records;

    public ExchangeFacts(RequestRecords records) {
        this.records = records;
    }

    @Override
    public RoutePolicy createRoutePolicy(org.apache.camel.CamelContext context, String routeId, NamedNode route) {
        return this;
    }

    @Override
    public void onExchangeBegin(Route route, Exchange exchange) {
        RequestRecord record = record(exchange);
        if (record == null) {
            return;
        }
        if (record.operation() == null && exchange.getIn().getBody() instanceof Command command) {
            record.operation(command.operation().routeSuffix());
            record.subjectId(command.subjectId());
        }
        noteProvider(record, exchange);
    }

    @Override
    public void onExchangeDone(Route route, Exchange exchange) {
        RequestRecord record = exchange.getProperty(RECORD, RequestRecord.class);
        if (record == null) {
            return;
        }
        noteProvider(record, exchange);
        noteCreatedStatus(record, exchange.getMessage().getBody());
        Throwable failure = exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (failure != null && record.upstreamError() == null) {
            // the surfaces' own reading of a failure: transport errors, timeouts and upstream answers alike
            GatewayError error = ErrorClassifier.classify(failure, record.provider());
            if (error.kind().name().startsWith("UPSTREAM_")) {
                record.upstreamError(error.kind().name());
            }
        }
    }

    /** A create's answer, while the dispatch route still holds it (the surface renders it into its wire later). */
    private static void noteCreatedStatus(RequestRecord record, Object result) {
        if (record.createdStatus() != null) {
            return;
        }
        if (result instanceof Batch batch && batch.status() != null) {
            record.createdStatus(batch.status().wireName());
        } else if (result instanceof JobCreated) {
            // CreateModelInvocationJob answers only the ARN; every job starts Submitted
            record.createdStatus(JobStatus.SUBMITTED.wireName());
        }
    }

    private static void noteProvider(RequestRecord record, Exchange exchange) {
        if (record.provider() == null) {
            String provider = exchange.getProperty(ProviderResolver.PROVIDER, String.class);
            if (provider != null) {
                record.provider(provider);
            }
        }
    }

    private RequestRecord record(Exchange exchange) {
        RequestRecord record = exchange.getProperty(RECORD, RequestRecord.class);
        if (record == null && exchange.getIn() instanceof HttpMessage message) {
            record = records.find(message.getRequest());
            if (record != null) {
                exchange.setProperty(RECORD, record);
            }
        }
        return record;
    }
}
