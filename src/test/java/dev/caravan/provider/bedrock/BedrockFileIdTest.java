package dev.caravan.provider.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.caravan.jsonl.ResultSelection;
import dev.caravan.model.ErrorKind;
import dev.caravan.model.GatewayError;
import dev.caravan.model.object.ObjectAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The bedrock provider's self-routing file ids and the object names of uploads. */
class BedrockFileIdTest {

    private static String wrapped(String nativeId) {
        return "file-bedrock-" + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(nativeId.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void a_stored_file_id_is_the_base64url_of_its_s3_uri_and_reads_back() {
        ObjectAddress address = new ObjectAddress("your-s3-bucket", "batch-input/batch_e2e--20261123151500-k3x9qa.jsonl");

        String id = new BedrockFileId.Stored(address).id();

        assertEquals(wrapped("s3://your-s3-bucket/batch-input/batch_e2e--20261123151500-k3x9qa.jsonl"), id);
        assertTrue(id.matches("file-bedrock-[A-Za-z0-9_-]+"), "URL-safe, unpadded: " + id);
        assertEquals(new BedrockFileId.Stored(address), BedrockFileId.parse(id));
    }

    @Test
    void a_results_id_names_selection_model_and_out_object() {
        BedrockFileId.Results output = new BedrockFileId.Results(ResultSelection.SUCCEEDED,
                "anthropic.claude-3-sonnet-20240229-v1:0",
                new ObjectAddress("bkt", "batch-output/abcdefghijkl/in.jsonl.out"));

        assertEquals(wrapped("output|anthropic.claude-3-sonnet-20240229-v1:0|s3://bkt/batch-output/abcdefghijkl/"
                + "in.jsonl.out"), output.id());
        assertEquals(output, BedrockFileId.parse(output.id()));
        assertEquals("abcdefghijkl_output.jsonl", output.filename());
        BedrockFileId.Results errors = new BedrockFileId.Results(ResultSelection.FAILED, "m",
                new ObjectAddress("bkt", "out/abcdefghijkl/"));
        assertEquals(errors, BedrockFileId.parse(errors.id()));
        assertTrue(errors.folder());
        assertEquals("abcdefghijkl_errors.jsonl", errors.filename());
    }

    @Test
    void anything_else_inside_the_wrapper_is_a_404() {
        for (String id : new String[]{wrapped("not-an-s3-uri"), wrapped("s3://bucket-only"), wrapped("s3://b/folder/"),
                wrapped("bogus|m|s3://b/k"), wrapped("s3://Not_A_Bucket/k.jsonl"), "file-bedrock-!!!", "file-anthropic-" + wrapped("s3://b/k")
                        .substring("file-bedrock-".length()), "batch-bedrock-" + wrapped("s3://b/k")
                        .substring("file-bedrock-".length())}) {
            GatewayError error = assertThrows(GatewayError.class, () -> BedrockFileId.parse(id), id);
            assertEquals(ErrorKind.NOT_FOUND, error.kind(), id);
        }
    }

    @Test
    void an_upload_gets_a_fresh_bedrock_readable_name_that_shows_the_callers_filename() {
        Instant now = Instant.parse("2026-11-23T15:15:00Z");
        SecureRandom random = new SecureRandom();

        String name = BedrockFileName.generate("batch_e2e.jsonl", now, random);

        assertTrue(name.matches("batch_e2e--20261123151500-[a-z0-9]{6}\\.jsonl"), name);
        assertEquals("batch_e2e.jsonl", BedrockFileName.filename("batch-input/" + name));
        String spaced = BedrockFileName.generate("my batch (v2).txt", now, random);
        assertTrue(spaced.matches("my-batch-\\(v2\\)\\.txt--20261123151500-[a-z0-9]{6}\\.jsonl"), spaced);
        assertEquals("my-batch-(v2).txt.jsonl", BedrockFileName.filename(spaced));
        assertEquals("their-own.jsonl", BedrockFileName.filename("x/their-own.jsonl"), "not generated: as it is");
        assertTrue(BedrockFileName.bedrockReadable("batch-input/2026/"));
        assertTrue(!BedrockFileName.bedrockReadable("batch input/"));
    }

    @Test
    void a_batch_id_is_the_base64url_of_the_job_arn_and_only_that() {
        String arn = "arn:aws:bedrock:us-east-1:123456789012:model-invocation-job/abcdefghijkl";
        String id = "batch-bedrock-" + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(arn.getBytes(StandardCharsets.UTF_8));

        assertEquals(arn, BedrockBatches.jobArnOf(id, "batch_id"));
        GatewayError notAJob = assertThrows(GatewayError.class, () -> BedrockBatches.jobArnOf("batch-bedrock-"
                + Base64.getUrlEncoder().withoutPadding().encodeToString("s3://b/k".getBytes(StandardCharsets.UTF_8)),
                "batch_id"));
        assertEquals(ErrorKind.NOT_FOUND, notAJob.kind());
        assertInstanceOf(GatewayError.class, assertThrows(GatewayError.class,
                () -> BedrockBatches.jobArnOf("batch_abc", "after")));
    }
}
