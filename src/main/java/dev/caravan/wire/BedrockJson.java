package dev.caravan.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.model.ErrorKind;
import dev.caravan.model.GatewayError;
import dev.caravan.model.job.InvocationJob;
import dev.caravan.model.job.JobPage;
import dev.caravan.model.job.JobRequest;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The Bedrock control plane's model invocation job shapes in rest-json (provider-apis.md §6.2–6.3, §6.6): the create
 * request read from callers, jobs and pages written back. Timestamps are ISO 8601, as the service model declares them.
 * A member of the wrong JSON type is AWS's {@code SerializationException}, raised before any constraint is checked.
 */
public final class BedrockJson {

    private BedrockJson() {
    }

    public static JobRequest jobRequest(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw serialization("The request body must be a JSON object.");
        }
        JsonNode input = object(body, "inputDataConfig");
        JsonNode s3Input = input == null ? null : object(input, "s3InputDataConfig");
        JsonNode output = object(body, "outputDataConfig");
        JsonNode s3Output = output == null ? null : object(output, "s3OutputDataConfig");
        JsonNode vpc = object(body, "vpcConfig");
        return new JobRequest(
                text(body, "jobName"),
                text(body, "roleArn"),
                text(body, "modelId"),
                s3Input == null ? null : new JobRequest.S3Input(text(s3Input, "s3Uri"), text(s3Input, "s3InputFormat"),
                        text(s3Input, "s3BucketOwner")),
                s3Output == null ? null : new JobRequest.S3Output(text(s3Output, "s3Uri"),
                        text(s3Output, "s3EncryptionKeyId"), text(s3Output, "s3BucketOwner")),
                text(body, "clientRequestToken"),
                vpc == null ? null : new JobRequest.VpcConfig(texts(vpc, "subnetIds"), texts(vpc, "securityGroupIds")),
                integer(body, "timeoutDurationInHours"),
                tags(body),
                text(body, "modelInvocationType"));
    }

    /** GetModelInvocationJob's answer. */
    public static ObjectNode job(InvocationJob job) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        put(node, "jobArn", job.jobArn());
        put(node, "jobName", job.jobName());
        put(node, "modelId", job.modelId());
        put(node, "clientRequestToken", job.clientRequestToken());
        put(node, "roleArn", job.roleArn());
        put(node, "status", job.status() == null ? null : job.status().wireName());
        put(node, "message", job.message());
        put(node, "submitTime", timestamp(job.submitTime()));
        put(node, "lastModifiedTime", timestamp(job.lastModifiedTime()));
        put(node, "endTime", timestamp(job.endTime()));
        if (job.input() != null) {
            ObjectNode s3 = node.putObject("inputDataConfig").putObject("s3InputDataConfig");
            put(s3, "s3Uri", job.input().s3Uri());
            put(s3, "s3InputFormat", job.input().s3InputFormat());
            put(s3, "s3BucketOwner", job.input().s3BucketOwner());
        }
        if (job.output() != null) {
            ObjectNode s3 = node.putObject("outputDataConfig").putObject("s3OutputDataConfig");
            put(s3, "s3Uri", job.output().s3Uri());
            put(s3, "s3EncryptionKeyId", job.output().s3EncryptionKeyId());
            put(s3, "s3BucketOwner", job.output().s3BucketOwner());
        }
        if (job.vpcConfig() != null) {
            ObjectNode vpc = node.putObject("vpcConfig");
            job.vpcConfig().subnetIds().forEach(vpc.putArray("subnetIds")::add);
            job.vpcConfig().securityGroupIds().forEach(vpc.putArray("securityGroupIds")::add);
        }
        if (job.timeoutDurationInHours() != null) {
            node.put("timeoutDurationInHours", job.timeoutDurationInHours());
        }
        put(node, "jobExpirationTime", timestamp(job.jobExpirationTime()));
        put(node, "modelInvocationType", job.modelInvocationType());
        InvocationJob.RecordCounts counts = job.counts();
        put(node, "totalRecordCount", counts.total());
        put(node, "processedRecordCount", counts.processed());
        put(node, "successRecordCount", counts.success());
        put(node, "errorRecordCount", counts.error());
        return node;
    }

    /** ListModelInvocationJobs' answer: the summaries carry the same members as a job. */
    public static ObjectNode page(JobPage page) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        ArrayNode summaries = node.putArray("invocationJobSummaries");
        page.jobs().forEach(job -> summaries.add(job(job)));
        put(node, "nextToken", page.nextToken());
        return node;
    }

    public static ObjectNode jobArn(String jobArn) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("jobArn", jobArn);
        return node;
    }

    /** The body of every rest-json error; its code travels in the x-amzn-ErrorType header. */
    public static ObjectNode error(String message) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("message", message);
        return node;
    }

    public static String timestamp(Instant instant) {
        return instant == null ? null : DateTimeFormatter.ISO_INSTANT.format(instant);
    }

    private static JsonNode object(JsonNode parent, String name) {
        return member(parent, name, JsonNode::isObject, "a structure");
    }

    private static String text(JsonNode parent, String name) {
        JsonNode value = member(parent, name, JsonNode::isTextual, "a string");
        return value == null ? null : value.asText();
    }

    private static Integer integer(JsonNode parent, String name) {
        JsonNode value = member(parent, name, node -> node.isIntegralNumber() && node.canConvertToInt(),
                "an integer");
        return value == null ? null : value.asInt();
    }

    private static List<String> texts(JsonNode parent, String name) {
        JsonNode list = member(parent, name, JsonNode::isArray, "a list");
        List<String> values = new ArrayList<>();
        if (list != null) {
            for (JsonNode value : list) {
                if (!value.isTextual()) {
                    throw serialization("Every member of " + name + " must be a string.");
                }
                values.add(value.asText());
            }
        }
        return values;
    }

    private static List<JobRequest.Tag> tags(JsonNode body) {
        JsonNode list = member(body, "tags", JsonNode::isArray, "a list");
        if (list == null) {
            return null;
        }
        List<JobRequest.Tag> tags = new ArrayList<>();
        for (JsonNode tag : list) {
            if (!tag.isObject()) {
                throw serialization("Every member of tags must be a structure with key and value.");
            }
            tags.add(new JobRequest.Tag(text(tag, "key"), text(tag, "value")));
        }
        return tags;
    }

    /** A member that is absent or JSON null is not sent; one of another type cannot be deserialized. */
    private static JsonNode member(JsonNode parent, String name, Predicate<JsonNode> type,
            String expected) {
        JsonNode value = parent.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!type.test(value)) {
            throw serialization("Cannot deserialize " + name + ": expected " + expected + ".");
        }
        return value;
    }

    private static GatewayError serialization(String message) {
        return new GatewayError(ErrorKind.INVALID_REQUEST, 400, message, null,
                "SerializationException", null);
    }

    private static void put(ObjectNode node, String name, String value) {
        if (value != null) {
            node.put(name, value);
        }
    }

    private static void put(ObjectNode node, String name, Long value) {
        if (value != null) {
            node.put(name, value);
        }
    }
}
