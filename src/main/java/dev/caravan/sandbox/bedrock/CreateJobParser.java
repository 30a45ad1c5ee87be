package dev.caravan.sandbox.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.wire.Json;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads and validates a CreateModelInvocationJob body against the service model's constraints (provider-apis.md
 * §6.2): every violation is collected and reported at once, in AWS's wording. Then the model id must name a model the
 * emulator runs ("The provided model identifier is invalid.").
 *
 * <p>{@code roleArn} is required, as in the real API; Caravan's gateway supplies a server-side role when its caller
 * sends none (client-wire.md §0), the emulator does not.
 */
final class CreateJobParser {

    static final Pattern JOB_NAME = Pattern.compile("[a-zA-Z0-9]{1,63}(-*[a-zA-Z0-9\\+\\-\\.]){0,63}");
    static final Pattern ROLE_ARN = Pattern.compile("arn:aws(-[^:]+)?:iam::([0-9]{12})?:role/.+");
    static final Pattern S3_URI = Pattern.compile("s3://[a-z0-9][-.a-z0-9]{1,61}[a-z0-9](/[-!_*'().a-zA-Z0-9]+)*/?");
    static final Pattern TOKEN = Pattern.compile("[a-zA-Z0-9]{1,256}(-*[a-zA-Z0-9]){0,256}");
    static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");
    // UNCONFIRMED: the reference gives only the list sizes of vpcConfig; these are the id shapes of the EC2 ids.
    static final Pattern VPC_ID = Pattern.compile("[-0-9a-zA-Z]+");
    static final List<String> INPUT_FORMATS = List.of("JSONL");
    static final List<String> INVOCATION_TYPES = List.of(CreateJobRequest.INVOKE_MODEL, CreateJobRequest.CONVERSE);

    private CreateJobParser() {
    }

    static CreateJobRequest parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ServiceError.serialization("The request body must be a JSON object.");
        }
        Violations violations = new Violations();

        String jobName = JsonFields.string(body, "jobName", "jobName");
        violations.notNull(jobName, "jobName");
        violations.string(jobName, "jobName", 1, 63, JOB_NAME);

        String roleArn = JsonFields.string(body, "roleArn", "roleArn");
        violations.notNull(roleArn, "roleArn");
        violations.string(roleArn, "roleArn", 0, 2048, ROLE_ARN);

        String modelId = JsonFields.string(body, "modelId", "modelId");
        violations.notNull(modelId, "modelId");
        violations.string(modelId, "modelId", 1, 2048, null);

        String token = JsonFields.string(body, "clientRequestToken", "clientRequestToken");
        violations.string(token, "clientRequestToken", 1, 256, TOKEN);

        JsonNode input = JsonFields.object(body, "inputDataConfig", "inputDataConfig");
        violations.notNull(input, "inputDataConfig");
        JsonNode s3Input = input == null ? null : dataConfig(input, "inputDataConfig", "s3InputDataConfig",
                violations);
        String inputUri = s3Uri(s3Input, "inputDataConfig.s3InputDataConfig", violations);
        if (s3Input != null) {
            violations.oneOf(JsonFields.string(s3Input, "s3InputFormat", "s3InputFormat"),
                    "inputDataConfig.s3InputDataConfig.s3InputFormat", INPUT_FORMATS);
            violations.string(JsonFields.string(s3Input, "s3BucketOwner", "s3BucketOwner"),
                    "inputDataConfig.s3InputDataConfig.s3BucketOwner", 0, 12, ACCOUNT);
        }

        JsonNode output = JsonFields.object(body, "outputDataConfig", "outputDataConfig");
        violations.notNull(output, "outputDataConfig");
        JsonNode s3Output = output == null ? null : dataConfig(output, "outputDataConfig", "s3OutputDataConfig",
                violations);
        String outputUri = s3Uri(s3Output, "outputDataConfig.s3OutputDataConfig", violations);
        if (s3Output != null) {
            // UNCONFIRMED: the key id's own pattern (a KMS key id, alias or ARN) is not in the reference; length only
            violations.string(JsonFields.string(s3Output, "s3EncryptionKeyId", "s3EncryptionKeyId"),
                    "outputDataConfig.s3OutputDataConfig.s3EncryptionKeyId", 1, 2048, null);
            violations.string(JsonFields.string(s3Output, "s3BucketOwner", "s3BucketOwner"),
                    "outputDataConfig.s3OutputDataConfig.s3BucketOwner", 0, 12, ACCOUNT);
        }

        JsonNode vpc = JsonFields.object(body, "vpcConfig", "vpcConfig");
        if (vpc != null) {
            vpcIds(vpc, "subnetIds", 16, violations);
            vpcIds(vpc, "securityGroupIds", 5, violations);
        }

        Long timeout = JsonFields.integer(body, "timeoutDurationInHours", "timeoutDurationInHours");
        violations.range(timeout, "timeoutDurationInHours", 24, 168);

        List<JsonNode> tags = JsonFields.list(body, "tags", "tags");
        ObjectNode tagMap = tags(tags, violations);

        String invocationType = JsonFields.string(body, "modelInvocationType", "modelInvocationType");
        violations.oneOf(invocationType, "modelInvocationType", INVOCATION_TYPES);

        violations.throwIfAny();

        ResolvedModel model = ModelCatalog.resolve(modelId)
                .orElseThrow(() -> ServiceError.validation("The provided model identifier is invalid."));
        String type = invocationType == null ? CreateJobRequest.INVOKE_MODEL : invocationType;
        if (type.equals(CreateJobRequest.CONVERSE) && !model.family().supportsConverse()) {
            // UNCONFIRMED wording: the real service refuses Converse jobs for embedding models, message not captured
            throw ServiceError.validation("The provided model doesn't support the Converse invocation type.");
        }
        return new CreateJobRequest(jobName, roleArn, model, S3Uri.parse(inputUri), S3Uri.parse(outputUri),
                (ObjectNode) input.deepCopy(), (ObjectNode) output.deepCopy(),
                vpc == null ? null : (ObjectNode) vpc.deepCopy(),
                timeout == null ? CreateJobRequest.DEFAULT_TIMEOUT_HOURS : timeout.intValue(), type, tagMap, token);
    }

    /** The data configs are unions with a single member today: exactly that member must be set. */
    private static JsonNode dataConfig(JsonNode config, String path, String member, Violations violations) {
        JsonNode s3 = JsonFields.object(config, member, path + "." + member);
        if (s3 == null) {
            violations.notNull(null, path + "." + member);
        }
        return s3;
    }

    private static String s3Uri(JsonNode s3, String path, Violations violations) {
        if (s3 == null) {
            return null;
        }
        String uri = JsonFields.string(s3, "s3Uri", path + ".s3Uri");
        violations.notNull(uri, path + ".s3Uri");
        violations.string(uri, path + ".s3Uri", 1, 1024, S3_URI);
        return uri;
    }

    private static void vpcIds(JsonNode vpc, String member, int max, Violations violations) {
        List<String> ids = JsonFields.strings(vpc, member, "vpcConfig." + member);
        violations.notNull(ids, "vpcConfig." + member);
        if (ids == null) {
            return;
        }
        violations.size(ids, "vpcConfig." + member, 1, max, ids.toString());
        for (int i = 0; i < ids.size(); i++) {
            violations.string(ids.get(i), "vpcConfig." + member + "." + (i + 1) + ".member", 0, 32, VPC_ID);
        }
    }

    /** At most 200 tags; keys 1–128 and values 0–256 characters. Paths as AWS writes them: {@code tags.1.member.key}. */
    private static ObjectNode tags(List<JsonNode> tags, Violations violations) {
        ObjectNode map = Json.MAPPER.createObjectNode();
        if (tags == null) {
            return map;
        }
        violations.size(tags, "tags", 0, 200, tags.size() + " tags");
        for (int i = 0; i < tags.size(); i++) {
            JsonNode tag = tags.get(i);
            String path = "tags." + (i + 1) + ".member";
            if (!tag.isObject()) {
                throw ServiceError.serialization("Cannot read '" + path + "': expected a structure.");
            }
            String key = JsonFields.string(tag, "key", path + ".key");
            String value = JsonFields.string(tag, "value", path + ".value");
            violations.notNull(key, path + ".key");
            violations.string(key, path + ".key", 1, 128, null);
            violations.notNull(value, path + ".value");
            violations.string(value, path + ".value", 0, 256, null);
            if (key != null && value != null) {
                map.put(key, value);
            }
        }
        return map;
    }
}
