package dev.caravan.surface.bedrock;

import dev.caravan.model.GatewayError;
import dev.caravan.model.job.JobRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The service model's constraints on CreateModelInvocationJob (provider-apis.md §6.2), checked before anything else
 * so a malformed request is refused the way Bedrock refuses it, whichever provider would run the job: every broken
 * constraint listed in one ValidationException, in AWS's wording. {@code roleArn} is optional here (DESIGN §9) and
 * its form is the provider's business: Bedrock checks it is an IAM role ARN, while the documents send
 * {@code "not-required-for-openai"} to the providers that need no role.
 */
final class JobRequestRules {

    static final String JOB_NAME = "[a-zA-Z0-9]{1,63}(-*[a-zA-Z0-9\\+\\-\\.]){0,63}";
    static final String S3_URI = "s3://[a-z0-9][-.a-z0-9]{1,61}[a-z0-9](/[-!_*'().a-zA-Z0-9]+)*/?";
    static final String TOKEN = "[a-zA-Z0-9]{1,256}(-*[a-zA-Z0-9]){0,256}";
    private static final Pattern JOB_NAME_PATTERN = Pattern.compile(JOB_NAME);
    private static final Pattern S3_URI_PATTERN = Pattern.compile(S3_URI);
    private static final Pattern TOKEN_PATTERN = Pattern.compile(TOKEN);

    private final List<String> violations = new ArrayList<>();

    private JobRequestRules() {
    }

    static void check(JobRequest request) {
        JobRequestRules rules = new JobRequestRules();
        rules.required("jobName", request.jobName());
        rules.length("jobName", request.jobName(), 1, 63);
        rules.pattern("jobName", request.jobName(), JOB_NAME_PATTERN);
        rules.length("roleArn", request.roleArn(), 0, 2048);
        rules.required("modelId", request.modelId());
        rules.length("modelId", request.modelId(), 1, 2048);
        rules.required("inputDataConfig", request.input());
        if (request.input() != null) {
            rules.s3Uri("inputDataConfig.s3InputDataConfig.s3Uri", request.input().s3Uri());
            rules.oneOf("inputDataConfig.s3InputDataConfig.s3InputFormat", request.input().s3InputFormat(),
                    List.of("JSONL"));
        }
        rules.required("outputDataConfig", request.output());
        if (request.output() != null) {
            rules.s3Uri("outputDataConfig.s3OutputDataConfig.s3Uri", request.output().s3Uri());
        }
        rules.length("clientRequestToken", request.clientRequestToken(), 1, 256);
        rules.pattern("clientRequestToken", request.clientRequestToken(), TOKEN_PATTERN);
        rules.range("timeoutDurationInHours", request.timeoutDurationInHours(), 24, 168);
        rules.tags(request.tags());
        rules.vpc(request.vpcConfig());
        rules.oneOf("modelInvocationType", request.modelInvocationType(), List.of("InvokeModel", "Converse"));
        if (!rules.violations.isEmpty()) {
            int count = rules.violations.size();
            throw GatewayError.invalid(null, count + " validation error" + (count == 1 ? "" : "s") + " detected: "
                    + String.join("; ", rules.violations));
        }
    }

    private void required(String field, Object value) {
        if (value == null) {
            violations.add("Value null at '" + field + "' failed to satisfy constraint: Member must not be null");
        }
    }

    private void length(String field, String value, int min, int max) {
        if (value != null && (value.length() < min || value.length() > max)) {
            violations.add(value(field, value) + "Member must have length " + (value.length() < min
                    ? "greater than or equal to " + min : "less than or equal to " + max));
        }
    }

    private void pattern(String field, String value, Pattern pattern) {
        if (value != null && !pattern.matcher(value).matches()) {
            violations.add(value(field, value) + "Member must satisfy regular expression pattern: "
                    + pattern.pattern());
        }
    }

    private void s3Uri(String field, String value) {
        required(field, value);
        length(field, value, 1, 1024);
        pattern(field, value, S3_URI_PATTERN);
    }

    private void oneOf(String field, String value, List<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            violations.add(value(field, value) + "Member must satisfy enum value set: " + allowed);
        }
    }

    private void range(String field, Integer value, int min, int max) {
        if (value != null && (value < min || value > max)) {
            violations.add("Value '" + value + "' at '" + field + "' failed to satisfy constraint: Member must have "
                    + "value " + (value < min ? "greater than or equal to " + min : "less than or equal to " + max));
        }
    }

    private void tags(List<JobRequest.Tag> tags) {
        if (tags == null) {
            return;
        }
        if (tags.size() > 200) {
            violations.add("Value at 'tags' failed to satisfy constraint: Member must have length less than or "
                    + "equal to 200");
        }
        for (int i = 0; i < tags.size(); i++) {
            String field = "tags." + (i + 1) + ".member";
            required(field + ".key", tags.get(i).key());
            length(field + ".key", tags.get(i).key(), 1, 128);
            required(field + ".value", tags.get(i).value());
            length(field + ".value", tags.get(i).value(), 0, 256);
        }
    }

    private void vpc(JobRequest.VpcConfig vpc) {
        if (vpc == null) {
            return;
        }
        count("vpcConfig.subnetIds", vpc.subnetIds().size(), 1, 16);
        count("vpcConfig.securityGroupIds", vpc.securityGroupIds().size(), 1, 5);
    }

    private void count(String field, int size, int min, int max) {
        if (size < min || size > max) {
            violations.add("Value at '" + field + "' failed to satisfy constraint: Member must have length "
                    + (size < min ? "greater than or equal to " + min : "less than or equal to " + max));
        }
    }

    private static String value(String field, String value) {
        return "Value '" + value + "' at '" + field + "' failed to satisfy constraint: ";
    }
}
