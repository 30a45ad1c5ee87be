package dev.caravan.provider.bedrock;

import static dev.caravan.provider.bedrock.InputLines.line;
import static dev.caravan.provider.bedrock.InputLines.lines;
import static dev.caravan.provider.bedrock.InputLines.stream;
import static dev.caravan.provider.bedrock.InputLines.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.caravan.model.ErrorKind;
import dev.caravan.model.GatewayError;
import java.io.InputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JobInputCheckTest {

    private static final String URI = "s3://your-s3-bucket/bifrost-batch-input/batch_1.jsonl";
    private static final String URI_2 = "s3://your-s3-bucket/bifrost-batch-input/batch_2.jsonl";
    /** The sandbox's quotas (minimum 1 record, DESIGN §8b), so small files reach the checks under test. */
    private static final RecordQuotas SANDBOX = RecordQuotas.BEDROCK_DEFAULTS.withRecordsPerJob(1, 50_000);

    // ---- the seed document and the InvokeModel / Converse decision ----

    @Test
    void the_seed_documents_lines_run_as_converse_when_no_type_was_set() {
        assertEquals(new JobInput(3, ModelInvocationType.CONVERSE),
                check(InputLines.SEED_MODEL, null, InputLines.SEED_FILE));
    }

    @Test
    void the_briefs_compact_form_of_the_seed_line_runs_as_converse_too() {
        String compact = "{\"recordId\":\"request-1\",\"modelInput\":{\"messages\":[{\"role\":\"user\",\"content\":"
                + "[{\"text\":\"What is 1 + 1? Answer briefly.\"}]}],\"inferenceConfig\":{\"maxTokens\":100}}}";
        assertEquals(new JobInput(1, ModelInvocationType.CONVERSE), check(InputLines.SEED_MODEL, null, compact));
    }

    @Test
    void the_seed_documents_lines_under_a_declared_invoke_model_are_refused_suggesting_converse() {
        GatewayError error = refused(() -> check(InputLines.SEED_MODEL, ModelInvocationType.INVOKE_MODEL,
                InputLines.SEED_FILE));
        assertValidation(error);
        assertEquals(URI + " line 1: modelInput.anthropic_version is required for Anthropic Claude models (model "
                + "anthropic.claude-3-sonnet-20240229-v1:0); the line is a valid Converse request: create the job with "
                + "modelInvocationType=Converse", error.getMessage());
    }

    @Test
    void the_seed_documents_lines_under_a_declared_converse_pass() {
        assertEquals(new JobInput(3, ModelInvocationType.CONVERSE),
                check(InputLines.SEED_MODEL, ModelInvocationType.CONVERSE, InputLines.SEED_FILE));
    }

    static Stream<Arguments> familyBodies() {
        return Stream.of(
                Arguments.of(InputLines.CLAUDE_MODEL, InputLines.CLAUDE),
                Arguments.of(InputLines.CLAUDE_MODEL, InputLines.CLAUDE_WITH_TOOLS),
                Arguments.of(InputLines.NOVA_MODEL, InputLines.NOVA),
                Arguments.of(InputLines.LLAMA_MODEL, InputLines.LLAMA),
                Arguments.of(InputLines.MISTRAL_MODEL, InputLines.MISTRAL),
                Arguments.of(InputLines.TITAN_TEXT_MODEL, InputLines.TITAN_TEXT),
                Arguments.of(InputLines.TITAN_EMBED_MODEL, InputLines.TITAN_EMBED),
                Arguments.of(InputLines.COHERE_MODEL, InputLines.COHERE),
                Arguments.of("us.anthropic.claude-3-5-sonnet-20241022-v2:0", InputLines.CLAUDE),
                Arguments.of("arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.meta.llama3-2-3b-instruct-v1:0",
                        InputLines.LLAMA));
    }

    @ParameterizedTest
    @MethodSource("familyBodies")
    void each_familys_own_bodies_run_as_invoke_model(String model, String body) {
        assertEquals(new JobInput(3, ModelInvocationType.INVOKE_MODEL), check(model, null, lines(3, body)));
        assertEquals(new JobInput(3, ModelInvocationType.INVOKE_MODEL),
                check(model, ModelInvocationType.INVOKE_MODEL, lines(3, body)));
    }

    @Test
    void converse_lines_for_nova_stay_invoke_model_since_they_are_nova_bodies() {
        assertEquals(new JobInput(2, ModelInvocationType.INVOKE_MODEL),
                check(InputLines.NOVA_MODEL, null, lines(2, InputLines.CONVERSE)));
    }

    @Test
    void converse_lines_for_llama_run_as_converse() {
        assertEquals(new JobInput(2, ModelInvocationType.CONVERSE),
                check(InputLines.LLAMA_MODEL, null, lines(2, InputLines.CONVERSE)));
    }

    @Test
    void a_mix_under_declared_invoke_model_fails_at_the_converse_line() {
        String mix = line("r1", InputLines.CLAUDE) + "\n" + line("r2", InputLines.CONVERSE) + "\n";
        GatewayError error = refused(() -> check(InputLines.CLAUDE_MODEL, ModelInvocationType.INVOKE_MODEL, mix));
        assertValidation(error);
        assertEquals(URI + " line 2: modelInput.anthropic_version is required for Anthropic Claude models (model "
                + InputLines.CLAUDE_MODEL + "); the line is a valid Converse request: create the job with "
                + "modelInvocationType=Converse", error.getMessage());
    }

    @Test
    void a_mix_without_a_type_fits_neither_and_reports_both() {
        String mix = line("r1", InputLines.CLAUDE) + "\n" + line("r2", InputLines.CONVERSE) + "\n";
        GatewayError error = refused(() -> check(InputLines.CLAUDE_MODEL, null, mix));
        assertValidation(error);
        assertEquals(URI + " line 2: modelInput.anthropic_version is required for Anthropic Claude models (model "
                + InputLines.CLAUDE_MODEL + "; the lines are neither all InvokeModel bodies nor all Converse requests, "
                + "and read as Converse requests " + URI + " line 1 fails: modelInput.messages[0].content[0] must be a "
                + "Converse content block, an object with exactly one member such as {\"text\": \"…\"})",
                error.getMessage());
    }

    @Test
    void without_a_type_the_interpretation_that_held_longer_is_reported() {
        String file = InputLines.seedLine(1) + "\n" + InputLines.seedLine(2) + "\n"
                + line("r3", "{\"messages\":[{\"role\":\"user\",\"content\":\"What is 3 + 3?\"}]}") + "\n";
        GatewayError error = refused(() -> check(InputLines.SEED_MODEL, null, file));
        assertEquals(URI + " line 3: modelInput.messages[0].content must be a non-empty array of Converse content "
                + "blocks (model " + InputLines.SEED_MODEL + "; the lines are neither all InvokeModel bodies nor all "
                + "Converse requests, and read as InvokeModel bodies " + URI + " line 1 fails: "
                + "modelInput.anthropic_version is required for Anthropic Claude models)", error.getMessage());
    }

    @Test
    void a_line_that_is_neither_reports_the_default_type_first() {
        GatewayError error = refused(() -> check(InputLines.CLAUDE_MODEL, null, lines(1, InputLines.MISTRAL)));
        assertEquals(URI + " line 1: modelInput.anthropic_version is required for Anthropic Claude models (model "
                + InputLines.CLAUDE_MODEL + "; the lines are neither all InvokeModel bodies nor all Converse requests, "
                + "and read as Converse requests " + URI + " line 1 fails: modelInput.messages is required for a "
                + "Converse request)", error.getMessage());
    }

    @Test
    void a_declared_converse_job_needs_converse_lines_and_suggests_invoke_model_for_a_family_body() {
        String file = lines(1, InputLines.CONVERSE) + line("r2", InputLines.CLAUDE);
        GatewayError error = refused(() -> check(InputLines.CLAUDE_MODEL, ModelInvocationType.CONVERSE, file));
        assertValidation(error);
        assertEquals(URI + " line 2: modelInput.messages[0].content[0] must be a Converse content block, an object "
                + "with exactly one member such as {\"text\": \"…\"} (model " + InputLines.CLAUDE_MODEL
                + ", modelInvocationType=Converse); the line is an InvokeModel body for Anthropic Claude models: "
                + "create the job with modelInvocationType=InvokeModel", error.getMessage());
    }

    @Test
    void a_declared_converse_job_for_an_unknown_family_still_needs_converse_lines() {
        assertEquals(new JobInput(2, ModelInvocationType.CONVERSE),
                check(InputLines.COHERE_MODEL, ModelInvocationType.CONVERSE, lines(2, InputLines.CONVERSE)));
        GatewayError error = refused(() -> check(InputLines.COHERE_MODEL, ModelInvocationType.CONVERSE,
                lines(1, InputLines.COHERE)));
        assertEquals(URI + " line 1: modelInput.messages is required for a Converse request (model "
                + InputLines.COHERE_MODEL + ", modelInvocationType=Converse)", error.getMessage());
    }

    @Test
    void an_unknown_family_accepts_any_object() {
        assertEquals(new JobInput(3, ModelInvocationType.INVOKE_MODEL), check(InputLines.COHERE_MODEL, null,
                line("r1", "{}") + "\n" + line("r2", InputLines.CLAUDE) + "\n" + line("r3", InputLines.LLAMA)));
        assertEquals(new JobInput(1, ModelInvocationType.INVOKE_MODEL), check(
                "arn:aws:bedrock:us-east-1:123456789012:custom-model/amazon.titan-text-express-v1:0:8k/ly16hhi765j4",
                null, line("r1", "{\"anything\":[1,2,3]}")));
    }

    @Test
    void embeddings_have_no_converse() {
        GatewayError declared = refused(() -> new JobInputCheck(InputLines.TITAN_EMBED_MODEL,
                ModelInvocationType.CONVERSE, SANDBOX));
        assertEquals("modelInvocationType", declared.param());
        assertEquals("model " + InputLines.TITAN_EMBED_MODEL + " is an embeddings model and Converse has no embeddings;"
                + " create the job with modelInvocationType=InvokeModel", declared.getMessage());

        GatewayError undeclared = refused(() -> check(InputLines.TITAN_EMBED_MODEL, null, lines(2, InputLines.CONVERSE)));
        assertEquals(URI + " line 1: modelInput.inputText is required for Amazon Titan Text Embeddings models (model "
                + InputLines.TITAN_EMBED_MODEL + ")", undeclared.getMessage());
    }

    @Test
    void the_family_problem_is_line_numbered_with_the_model() {
        String file = lines(2, InputLines.LLAMA) + line("r3", "{\"max_gen_len\":512}");
        GatewayError error = refused(() -> check(InputLines.LLAMA_MODEL, ModelInvocationType.INVOKE_MODEL, file));
        assertEquals(URI + " line 3: modelInput.prompt is required for Meta Llama models (model "
                + InputLines.LLAMA_MODEL + ")", error.getMessage());
    }

    // ---- line structure ----

    @Test
    void invalid_json_names_its_line() {
        String file = lines(3, InputLines.CLAUDE) + "{\"recordId\":\"r4\",\"modelInput\":{\"max_tokens\":1,}\n";
        GatewayError error = refused(() -> check(InputLines.CLAUDE_MODEL, null, file));
        assertValidation(error);
        assertTrue(error.getMessage().startsWith(URI + " line 4: not valid JSON ("), error.getMessage());
    }

    @Test
    void blank_lines_count_in_the_numbering_but_not_as_records() {
        String body = line("r1", InputLines.CLAUDE);
        assertEquals(new JobInput(2, ModelInvocationType.INVOKE_MODEL),
                check(InputLines.CLAUDE_MODEL, null, "\n" + body + "\r\n  \n\t\n" + body + "\n\n"));
        GatewayError error = refused(() -> check(InputLines.CLAUDE_MODEL, null, body + "\n\n\n{oops\n"));
        assertTrue(error.getMessage().startsWith(URI + " line 4: not valid JSON"), error.getMessage());
    }

    @Test
    void a_line_that_is_not_an_object_is_refused() {
        GatewayError error = refused(() -> check(InputLines.CLAUDE_MODEL, null,
                lines(1, InputLines.CLAUDE) + "[\"r2\", {}]\n"));
        assertValidation(error);
        assertEquals(URI + " line 2: expected a JSON object", error.getMessage());
    }

    @Test
    void model_input_must_be_there_and_an_object() {
        String expected = URI + " line 2: modelInput is required (a Bedrock batch line is {\"recordId\": …, "
                + "\"modelInput\": {…}})";
        assertEquals(expected, refused(() -> check(InputLines.CLAUDE_MODEL, null, lines(1, InputLines.CLAUDE)
                + "{\"custom_id\":\"r2\",\"body\":" + InputLines.CLAUDE + "}")).getMessage());
        for (String modelInput : new String[] {"\"hi\"", "[]", "null", "42"}) {
            GatewayError error = refused(() -> check(InputLines.CLAUDE_MODEL, null,
                    lines(1, InputLines.CLAUDE) + line("r2", modelInput)));
            assertValidation(error);
            assertEquals(URI + " line 2: modelInput must be a JSON object", error.getMessage(), modelInput);
        }
    }

    @Test
    void record_id_is_optional_but_never_empty() {
        assertEquals(new JobInput(1, ModelInvocationType.INVOKE_MODEL),
                check(InputLines.CLAUDE_MODEL, null, "{\"modelInput\":" + InputLines.CLAUDE + "}"));
        for (String recordId : new String[] {"\"\"", "7", "null", "[\"r\"]"}) {
            GatewayError error = refused(() -> check(InputLines.CLAUDE_MODEL, null,
                    "{\"recordId\":" + recordId + ",\"modelInput\":" + InputLines.CLAUDE + "}"));
            assertValidation(error);
            assertEquals(URI + " line 1: recordId must be a non-empty string", error.getMessage(), recordId);
        }
    }

    @Test
    void a_structural_error_stops_reading_at_once() {
        CountingInput input = new CountingInput(utf8("[]\n" + lines(1000, InputLines.CLAUDE)));
        JobInputCheck check = new JobInputCheck(InputLines.CLAUDE_MODEL, null, SANDBOX);
        refused(() -> check.file(URI, input.size(), input));
        assertTrue(input.consumed() < input.size(), "read " + input.consumed() + " of " + input.size());
    }

    // ---- record counts and quotas ----

    @Test
    void too_few_records_name_the_minimum_quota() {
        GatewayError error = refused(() -> check(InputLines.CLAUDE_MODEL, null, RecordQuotas.BEDROCK_DEFAULTS,
                lines(3, InputLines.CLAUDE)));
        assertValidation(error);
        assertEquals("The job has 3 records; model " + InputLines.CLAUDE_MODEL + " needs at least 100 (quota "
                + "\"Minimum number of records per batch inference job\")", error.getMessage());
        GatewayError one = refused(() -> check(InputLines.CLAUDE_MODEL, null, RecordQuotas.BEDROCK_DEFAULTS,
                lines(1, InputLines.CLAUDE)));
        assertTrue(one.getMessage().startsWith("The job has 1 record; "), one.getMessage());
    }

    @Test
    void exactly_the_minimum_passes() {
        RecordQuotas quotas = RecordQuotas.BEDROCK_DEFAULTS.withRecordsPerJob(5, 10);
        assertEquals(new JobInput(5, ModelInvocationType.INVOKE_MODEL),
                check(InputLines.CLAUDE_MODEL, null, quotas, lines(5, InputLines.CLAUDE)));
        assertEquals("The job has 4 records; model " + InputLines.CLAUDE_MODEL + " needs at least 5 (quota "
                + "\"Minimum number of records per batch inference job\")",
                refused(() -> check(InputLines.CLAUDE_MODEL, null, quotas, lines(4, InputLines.CLAUDE))).getMessage());
    }

    @Test
    void a_job_without_records_is_refused() {
        assertEquals("The job has no records: its input files hold no non-blank line",
                refused(() -> check(InputLines.CLAUDE_MODEL, null, "\n  \n\r\n")).getMessage());
        assertEquals("The job has no records: its input files hold no non-blank line",
                refused(() -> check(InputLines.CLAUDE_MODEL, null, "")).getMessage());
        GatewayError noFile = refused(() -> new JobInputCheck(InputLines.CLAUDE_MODEL, null, SANDBOX).finish());
        assertValidation(noFile);
        assertEquals("The job has no records: it has no input file", noFile.getMessage());
    }

    @Test
    void two_files_are_counted_together() {
        JobInputCheck check = new JobInputCheck(InputLines.SEED_MODEL, null,
                RecordQuotas.BEDROCK_DEFAULTS.withRecordsPerJob(5, 50_000));
        file(check, URI, InputLines.SEED_FILE);
        file(check, URI_2, InputLines.SEED_FILE.replace("request-", "more-") + "\n\n");
        assertEquals(new JobInput(6, ModelInvocationType.CONVERSE), check.finish());
    }

    @Test
    void the_type_is_decided_over_both_files() {
        JobInputCheck check = new JobInputCheck(InputLines.CLAUDE_MODEL, null, SANDBOX);
        file(check, URI, lines(2, InputLines.CLAUDE));
        GatewayError error = refused(() -> file(check, URI_2, InputLines.SEED_FILE));
        assertTrue(error.getMessage().startsWith(URI_2 + " line 1: modelInput.anthropic_version is required"),
                error.getMessage());
        assertTrue(error.getMessage().contains("read as Converse requests " + URI + " line 1 fails"),
                error.getMessage());
    }

    @Test
    void too_many_records_per_file() {
        RecordQuotas quotas = new RecordQuotas(1, 100, 3, 1L << 30, 5L << 30);
        GatewayError error = refused(() -> check(InputLines.CLAUDE_MODEL, null, quotas,
                "\n" + lines(4, InputLines.CLAUDE)));
        assertQuotaExceeded(error);
        assertEquals(URI + " has more than 3 records (record 4 is line 5); model " + InputLines.CLAUDE_MODEL
                + " allows at most 3 records per input file (quota \"Records per input file per batch inference job\")",
                error.getMessage());
        assertEquals(new JobInput(3, ModelInvocationType.INVOKE_MODEL),
                check(InputLines.CLAUDE_MODEL, null, quotas, lines(3, InputLines.CLAUDE)));
    }

    @Test
    void too_many_records_per_job_over_two_files() {
        RecordQuotas quotas = new RecordQuotas(1, 5, 50_000, 1L << 30, 5L << 30);
        JobInputCheck check = new JobInputCheck(InputLines.CLAUDE_MODEL, null, quotas);
        file(check, URI, lines(3, InputLines.CLAUDE));
        GatewayError error = refused(() -> file(check, URI_2, lines(3, InputLines.CLAUDE)));
        assertQuotaExceeded(error);
        assertEquals("The job has more than 5 records (record 6 is " + URI_2 + " line 3); model "
                + InputLines.CLAUDE_MODEL + " allows at most 5 records per job (quota \"Records per batch inference "
                + "job\")", error.getMessage());
    }

    @Test
    void a_file_over_the_size_quota_is_refused_before_it_is_read() {
        RecordQuotas quotas = new RecordQuotas(1, 100, 100, 1000, 5000);
        CountingInput input = new CountingInput(utf8(lines(3, InputLines.CLAUDE)));
        JobInputCheck check = new JobInputCheck(InputLines.CLAUDE_MODEL, null, quotas);
        GatewayError error = refused(() -> check.file(URI, 1001, input));
        assertQuotaExceeded(error);
        assertEquals(URI + " is 1001 bytes; model " + InputLines.CLAUDE_MODEL + " allows at most 1000 bytes per "
                + "input file (quota \"Batch inference input file size\")", error.getMessage());
        assertEquals(0, input.consumed());
    }

    @Test
    void a_file_of_exactly_the_size_quota_passes() {
        byte[] content = utf8(lines(2, InputLines.CLAUDE));
        RecordQuotas quotas = new RecordQuotas(1, 100, 100, content.length, content.length);
        JobInputCheck check = new JobInputCheck(InputLines.CLAUDE_MODEL, null, quotas);
        check.file(URI, content.length, new CountingInput(content));
        assertEquals(new JobInput(2, ModelInvocationType.INVOKE_MODEL), check.finish());
    }

    @Test
    void files_over_the_job_size_quota_are_refused() {
        RecordQuotas quotas = new RecordQuotas(1, 100, 100, 1000, 1500);
        JobInputCheck check = new JobInputCheck(InputLines.CLAUDE_MODEL, null, quotas);
        check.file(URI, 800, stream(lines(1, InputLines.CLAUDE)));
        CountingInput second = new CountingInput(utf8(lines(1, InputLines.CLAUDE)));
        GatewayError error = refused(() -> check.file(URI_2, 701, second));
        assertQuotaExceeded(error);
        assertEquals("The job's input files total 1501 bytes with " + URI_2 + "; model " + InputLines.CLAUDE_MODEL
                + " allows at most 1500 bytes per job (quota \"Batch inference job size\")", error.getMessage());
        assertEquals(0, second.consumed());
    }

    @Test
    void per_model_quota_overrides_apply_through_job_quotas() {
        JobQuotas quotas = JobQuotas.parse(RecordQuotas.BEDROCK_DEFAULTS.withRecordsPerJob(1, 50_000),
                "anthropic.claude-3-haiku=4..50000");
        assertEquals("The job has 3 records; model us.anthropic.claude-3-haiku-20240307-v1:0 needs at least 4 (quota "
                + "\"Minimum number of records per batch inference job\")", refused(() -> check(
                        "us.anthropic.claude-3-haiku-20240307-v1:0", null,
                        quotas.forModel("us.anthropic.claude-3-haiku-20240307-v1:0"), lines(3, InputLines.CLAUDE)))
                .getMessage());
        assertEquals(new JobInput(3, ModelInvocationType.INVOKE_MODEL), check(InputLines.LLAMA_MODEL, null,
                quotas.forModel(InputLines.LLAMA_MODEL), lines(3, InputLines.LLAMA)));
    }

    // ---- lifecycle ----

    @Test
    void the_check_is_over_after_finish_or_an_error() {
        JobInputCheck finished = new JobInputCheck(InputLines.CLAUDE_MODEL, null, SANDBOX);
        file(finished, URI, lines(1, InputLines.CLAUDE));
        finished.finish();
        assertThrows(IllegalStateException.class, finished::finish);
        assertThrows(IllegalStateException.class, () -> file(finished, URI_2, lines(1, InputLines.CLAUDE)));

        JobInputCheck failed = new JobInputCheck(InputLines.CLAUDE_MODEL, null, SANDBOX);
        refused(() -> file(failed, URI, "{oops"));
        assertThrows(IllegalStateException.class, failed::finish);
    }

    @Test
    void a_negative_size_is_a_programming_error() {
        JobInputCheck check = new JobInputCheck(InputLines.CLAUDE_MODEL, null, SANDBOX);
        assertThrows(IllegalArgumentException.class, () -> check.file(URI, -1, stream("")));
    }

    // ---- helpers ----

    private static JobInput check(String model, ModelInvocationType declared, String content) {
        return check(model, declared, SANDBOX, content);
    }

    private static JobInput check(String model, ModelInvocationType declared, RecordQuotas quotas, String content) {
        JobInputCheck check = new JobInputCheck(model, declared, quotas);
        file(check, URI, content);
        return check.finish();
    }

    private static void file(JobInputCheck check, String uri, String content) {
        byte[] bytes = utf8(content);
        check.file(uri, bytes.length, new CountingInput(bytes));
    }

    private static GatewayError refused(Executable call) {
        return assertThrows(GatewayError.class, call);
    }

    /** What the Bedrock surface renders as a ValidationException. */
    private static void assertValidation(GatewayError error) {
        assertEquals(ErrorKind.INVALID_REQUEST, error.kind());
        assertEquals(400, error.status());
        assertEquals("inputDataConfig", error.param());
        assertNull(error.code());
    }

    private static void assertQuotaExceeded(GatewayError error) {
        assertEquals(ErrorKind.INVALID_REQUEST, error.kind());
        assertEquals(400, error.status());
        assertEquals("inputDataConfig", error.param());
        assertEquals("ServiceQuotaExceededException", error.code());
    }

    /** An input file that tells how much of it was read. */
    private static final class CountingInput extends InputStream {
        private final byte[] bytes;
        private int position;

        CountingInput(byte[] bytes) {
            this.bytes = bytes;
        }

        long size() {
            return bytes.length;
        }

        long consumed() {
            return position;
        }

        @Override
        public int read() {
            return position < bytes.length ? bytes[position++] & 0xff : -1;
        }

        @Override
        public int read(byte[] target, int offset, int length) {
            if (position >= bytes.length) {
                return -1;
            }
            int count = Math.min(length, bytes.length - position);
            System.arraycopy(bytes, position, target, offset, count);
            position += count;
            return count;
        }
    }
}
