package dev.caravan.surface.bedrock;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.model.ErrorKind;
import dev.caravan.model.GatewayError;
import dev.caravan.model.Operation;
import dev.caravan.model.command.CreateJob;
import dev.caravan.model.command.JobRef;
import dev.caravan.model.command.ListJobs;
import dev.caravan.model.job.JobRequest;
import dev.caravan.model.job.JobStatus;
import dev.caravan.surface.HttpRequestView;
import dev.caravan.wire.BedrockJson;
import dev.caravan.wire.Json;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;

/**
 * Reads the Bedrock batch API's requests (provider-apis.md §6.1, client-wire.md §2) into commands. The provider is
 * the caller's {@code x-model-provider} header, else {@code bedrock}. A job identifier arrives as one
 * percent-encoded path segment ({@code %2F} inside an ARN): it is cut from the raw path and decoded exactly once.
 */
public class BedrockJobRequests {

    private static final String JOB_PATH = "/bedrock/model-invocation-job/";
    private static final String STOP_SUFFIX = "/stop";
    /** The service model's pattern, quoted in the refusal as Bedrock quotes it. */
    private static final String BEDROCK_JOB_IDENTIFIER =
            "(arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:[0-9]{12}:model-invocation-job/)?[a-z0-9]{12}";
    /** Bedrock's own, or the {@code <provider>-<base64url>[.<hmac>]} job id of a batch another provider runs. */
    private static final Pattern JOB_IDENTIFIER = Pattern.compile(
            "(arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:[0-9]{12}:model-invocation-job/)?"
                    + "([a-z0-9]{12}|[a-z]+-[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)?)");

    private final BedrockAuthentication authentication;

    public BedrockJobRequests(BedrockAuthentication authentication) {
        this.authentication = authentication;
    }

    public CreateJob create(Exchange exchange) {
        authentication.authenticate(exchange);
        JobRequest request = BedrockJson.jobRequest(body(exchange));
        JobRequestRules.check(request);
        return new CreateJob(provider(exchange), request);
    }

    public JobRef get(Exchange exchange) {
        authentication.authenticate(exchange);
        return new JobRef(Operation.JOBS_GET, provider(exchange), identifier(exchange, ""));
    }

    public JobRef stop(Exchange exchange) {
        authentication.authenticate(exchange);
        return new JobRef(Operation.JOBS_STOP, provider(exchange), identifier(exchange, STOP_SUFFIX));
    }

    public ListJobs list(Exchange exchange) {
        authentication.authenticate(exchange);
        HttpRequestView request = HttpRequestView.of(exchange);
        String status = request.query("statusEquals");
        String sortBy = request.query("sortBy");
        String sortOrder = request.query("sortOrder");
        String nameContains = request.query("nameContains");
        String nextToken = request.query("nextToken");
        oneOf("sortBy", sortBy, List.of("CreationTime"));
        oneOf("sortOrder", sortOrder, List.of("Ascending", "Descending"));
        if (nameContains != null && (nameContains.isEmpty() || nameContains.length() > 63)) {
            throw GatewayError.invalid("nameContains", "1 validation error detected: Value '" + nameContains
                    + "' at 'nameContains' failed to satisfy constraint: Member must have length between 1 and 63");
        }
        if (nextToken != null && (nextToken.isEmpty() || nextToken.length() > 2048)) {
            throw GatewayError.invalid("nextToken", "1 validation error detected: Value at 'nextToken' failed to "
                    + "satisfy constraint: Member must have length between 1 and 2048");
        }
        return new ListJobs(provider(exchange), maxResults(request.query("maxResults")), nextToken,
                status == null ? null : JobStatus.fromWire(status, "statusEquals"), nameContains,
                time("submitTimeAfter", request.query("submitTimeAfter")),
                time("submitTimeBefore", request.query("submitTimeBefore")), sortBy, sortOrder);
    }

    private static String provider(Exchange exchange) {
        return exchange.getMessage().getHeader("x-model-provider", String.class);
    }

    private static JsonNode body(Exchange exchange) {
        String raw = exchange.getMessage().getBody(String.class);
        try {
            return raw == null || raw.isBlank() ? null : Json.MAPPER.readTree(raw);
        } catch (JsonProcessingException e) {
            throw new GatewayError(ErrorKind.INVALID_REQUEST, 400, "The request body is not valid JSON.", null,
                    "SerializationException", null);
        }
    }

    /** The segment after {@code /model-invocation-job/}, up to {@code suffix}, from the path as it was sent. */
    private static String identifier(Exchange exchange, String suffix) {
        String path = exchange.getMessage().getHeader(Exchange.HTTP_PATH, String.class);
        int start = path.indexOf(JOB_PATH) + JOB_PATH.length();
        String raw = path.substring(start, path.length() - suffix.length());
        String identifier;
        try {
            // '+' is a literal plus in a path; only the percent escapes mean something
            identifier = URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            identifier = raw;
        }
        if (!JOB_IDENTIFIER.matcher(identifier).matches()) {
            throw GatewayError.invalid("jobIdentifier", "1 validation error detected: Value '" + identifier
                    + "' at 'jobIdentifier' failed to satisfy constraint: Member must satisfy regular expression "
                    + "pattern: " + BEDROCK_JOB_IDENTIFIER);
        }
        return identifier;
    }

    private static Integer maxResults(String value) {
        if (value == null) {
            return null;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= 1 && parsed <= 1000) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // answered below, like an out-of-range number
        }
        throw GatewayError.invalid("maxResults", "1 validation error detected: Value '" + value + "' at "
                + "'maxResults' failed to satisfy constraint: Member must have value between 1 and 1000");
    }

    private static Instant time(String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw GatewayError.invalid(field, "1 validation error detected: Value '" + value + "' at '" + field
                    + "' failed to satisfy constraint: Member must be an ISO 8601 timestamp");
        }
    }

    private static void oneOf(String field, String value, List<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            throw GatewayError.invalid(field, "1 validation error detected: Value '" + value + "' at '" + field
                    + "' failed to satisfy constraint: Member must satisfy enum value set: " + allowed);
        }
    }
}
