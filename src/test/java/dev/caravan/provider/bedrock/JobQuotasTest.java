package dev.caravan.provider.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JobQuotasTest {

    private static final RecordQuotas DEFAULTS = RecordQuotas.BEDROCK_DEFAULTS;
    private static final String SETTING = "anthropic.claude-3-haiku=1000..50000,meta.llama3=100..20000";

    @Test
    void bedrock_defaults() {
        assertEquals(new RecordQuotas(100, 50_000, 50_000, 1_073_741_824L, 5_368_709_120L), DEFAULTS);
        assertEquals(DEFAULTS, JobQuotas.parse("").forModel(InputLines.CLAUDE_MODEL));
        assertEquals(DEFAULTS, JobQuotas.parse(null).forModel(InputLines.CLAUDE_MODEL));
        assertEquals(DEFAULTS, JobQuotas.parse("  ").forModel(InputLines.CLAUDE_MODEL));
    }

    @Test
    void an_override_sets_the_records_per_job_range_and_keeps_the_rest() {
        RecordQuotas haiku = JobQuotas.parse(SETTING).forModel("anthropic.claude-3-haiku-20240307-v1:0");
        assertEquals(new RecordQuotas(1000, 50_000, 50_000, 1L << 30, 5L << 30), haiku);
        assertEquals(DEFAULTS.withRecordsPerJob(100, 20_000),
                JobQuotas.parse(SETTING).forModel("meta.llama3-1-70b-instruct-v1:0"));
    }

    @Test
    void the_prefix_matches_the_foundation_model_inside_profiles_and_arns() {
        JobQuotas quotas = JobQuotas.parse(SETTING);
        RecordQuotas haiku = DEFAULTS.withRecordsPerJob(1000, 50_000);
        assertEquals(haiku, quotas.forModel("us.anthropic.claude-3-haiku-20240307-v1:0"));
        assertEquals(haiku, quotas.forModel("global.anthropic.claude-3-haiku-20240307-v1:0"));
        assertEquals(haiku, quotas.forModel("us-gov.anthropic.claude-3-haiku-20240307-v1:0"));
        assertEquals(haiku, quotas.forModel(
                "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0"));
        assertEquals(haiku, quotas.forModel(
                "arn:aws:bedrock:eu-west-1:123456789012:inference-profile/eu.anthropic.claude-3-haiku-20240307-v1:0"));
        assertEquals(haiku, quotas.forModel(" ANTHROPIC.Claude-3-Haiku-20240307-v1:0 "));
    }

    @Test
    void models_without_a_matching_prefix_keep_the_defaults() {
        JobQuotas quotas = JobQuotas.parse(SETTING);
        assertEquals(DEFAULTS, quotas.forModel("anthropic.claude-3-sonnet-20240229-v1:0"));
        assertEquals(DEFAULTS, quotas.forModel("meta.llama4-scout-17b-instruct-v1:0"));
        assertEquals(DEFAULTS, quotas.forModel(InputLines.COHERE_MODEL));
        // custom and provisioned models end in opaque ids
        assertEquals(DEFAULTS, quotas.forModel("arn:aws:bedrock:us-east-1:123456789012:custom-model/"
                + "anthropic.claude-3-haiku-20240307-v1:0:200k/abcdefgh1234"));
        assertEquals(DEFAULTS, quotas.forModel("arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abcdefgh1234"));
    }

    @Test
    void the_longest_prefix_wins_whatever_the_order() {
        JobQuotas quotas = JobQuotas.parse("anthropic.claude=500..50000, us.anthropic.claude-3-haiku=2000..30000,"
                + "anthropic.claude-3-haiku=1000..40000");
        assertEquals(DEFAULTS.withRecordsPerJob(1000, 40_000), quotas.forModel("anthropic.claude-3-haiku-20240307-v1:0"));
        assertEquals(DEFAULTS.withRecordsPerJob(1000, 40_000),
                quotas.forModel("eu.anthropic.claude-3-haiku-20240307-v1:0"));
        assertEquals(DEFAULTS.withRecordsPerJob(2000, 30_000),
                quotas.forModel("us.anthropic.claude-3-haiku-20240307-v1:0"));
        assertEquals(DEFAULTS.withRecordsPerJob(500, 50_000), quotas.forModel("anthropic.claude-3-opus-20240229-v1:0"));
    }

    @Test
    void providers_caravan_does_not_know_keep_their_name() {
        JobQuotas quotas = JobQuotas.parse("cohere.command-r=10..20,command=1..2");
        assertEquals(DEFAULTS.withRecordsPerJob(10, 20), quotas.forModel("cohere.command-r-plus-v1:0"));
        assertEquals(DEFAULTS.withRecordsPerJob(10, 20), quotas.forModel("us.cohere.command-r-plus-v1:0"));
        // "command" is no foundation-model id: it must not match the model part of "cohere.command-light"
        assertEquals(DEFAULTS, quotas.forModel("cohere.command-light-text-v14"));
    }

    @Test
    void the_settings_defaults_are_kept() {
        RecordQuotas sandbox = DEFAULTS.withRecordsPerJob(1, 50_000);
        JobQuotas quotas = JobQuotas.parse(sandbox, "meta.llama3=100..20000,");
        assertEquals(sandbox, quotas.forModel(InputLines.CLAUDE_MODEL));
        assertEquals(sandbox.withRecordsPerJob(100, 20_000), quotas.forModel(InputLines.LLAMA_MODEL));
    }

    @Test
    void a_malformed_setting_names_the_bad_entry() {
        String[] bad = {"anthropic.claude", "=1..2", "x=1-2", "x=..2", "x=1..", "x=a..2", "x=5..2", "x=0..0",
            "x=-1..5", "x=1..2..3", "x=1.5..2", "x=99999999999999999999..1"};
        for (String entry : bad) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> JobQuotas.parse("meta.llama3=100..20000, " + entry), entry);
            assertTrue(error.getMessage().startsWith("Bedrock batch record quota setting: entry \"" + entry
                    + "\" is malformed; "), error.getMessage());
        }
    }

    @Test
    void a_prefix_given_twice_is_malformed() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> JobQuotas.parse("meta.llama3=1..2,Meta.Llama3=3..4"));
        assertEquals("Bedrock batch record quota setting: entry \"Meta.Llama3=3..4\" is malformed; the prefix "
                + "meta.llama3 appears twice", error.getMessage());
    }

    @Test
    void record_quotas_refuse_impossible_values() {
        assertThrows(IllegalArgumentException.class, () -> new RecordQuotas(-1, 10, 10, 10, 10));
        assertThrows(IllegalArgumentException.class, () -> new RecordQuotas(11, 10, 10, 10, 10));
        assertThrows(IllegalArgumentException.class, () -> new RecordQuotas(0, 0, 10, 10, 10));
        assertThrows(IllegalArgumentException.class, () -> new RecordQuotas(0, 10, 0, 10, 10));
        assertThrows(IllegalArgumentException.class, () -> new RecordQuotas(0, 10, 10, 0, 10));
        assertThrows(IllegalArgumentException.class, () -> new RecordQuotas(0, 10, 10, 10, 0));
        assertEquals(0, new RecordQuotas(0, 10, 10, 10, 10).minRecordsPerJob());
    }
}
