package dev.caravan.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class CaravanIdsTest {

    @Test
    void openai_ids_pass_through_and_route_to_openai() {
        assertEquals(Optional.of(Provider.OPENAI), CaravanIds.providerOf("file-abc123"));
        assertEquals(Optional.of(Provider.OPENAI), CaravanIds.providerOf("batch_abc123"));
        assertEquals("file-abc123", CaravanIds.nativeId("file-abc123"));
    }

    @Test
    void wrapped_ids_are_url_safe_and_carry_provider_and_native_id() {
        String s3Uri = "s3://your-s3-bucket/batch-input/x y+z.jsonl";
        String id = CaravanIds.wrap(CaravanIds.Kind.FILE, Provider.BEDROCK, s3Uri);
        assertTrue(id.startsWith("file-bedrock-"), id);
        assertFalse(id.contains("/") || id.contains("=") || id.contains("+"), id);
        assertEquals(Optional.of(Provider.BEDROCK), CaravanIds.providerOf(id));
        assertEquals(s3Uri, CaravanIds.nativeId(id));

        String arn = "arn:aws:bedrock:us-west-2:123456789012:model-invocation-job/abcdef123456";
        String batch = CaravanIds.wrap(CaravanIds.Kind.BATCH, Provider.GEMINI, "batches/" + arn);
        assertEquals(Optional.of(Provider.GEMINI), CaravanIds.providerOf(batch));
        assertEquals("batches/" + arn, CaravanIds.nativeId(batch));
    }

    @Test
    void unrecognisable_ids_name_no_provider() {
        assertEquals(Optional.empty(), CaravanIds.providerOf("abc123"));
        assertEquals(Optional.empty(), CaravanIds.providerOf(""));
        assertEquals(Optional.empty(), CaravanIds.providerOf(null));
    }

    @Test
    void job_identifiers_name_their_provider() {
        String token = CaravanIds.token(CaravanIds.Kind.BATCH, Provider.OPENAI, "batch_abc");
        String arn = "arn:aws:bedrock:us-west-2:000000000000:model-invocation-job/" + token;
        assertEquals(Optional.of(Provider.OPENAI), CaravanIds.providerOf(arn));
        assertEquals(Optional.of(Provider.OPENAI), CaravanIds.providerOf(token));
        assertEquals("batch_abc", CaravanIds.nativeJobId(arn));
        assertEquals("batch_abc", CaravanIds.nativeJobId(token));
        String bedrockArn = "arn:aws:bedrock:us-west-2:123456789012:model-invocation-job/abcdef123456";
        assertEquals(Optional.of(Provider.BEDROCK), CaravanIds.providerOf(bedrockArn));
        GatewayError notOurs = assertThrows(GatewayError.class, () -> CaravanIds.nativeJobId(bedrockArn));
        assertEquals(404, notOurs.status());
    }

    @Test
    void with_a_secret_ids_are_signed_and_a_forged_or_tampered_one_names_nothing() {
        String unsigned = CaravanIds.wrap(CaravanIds.Kind.FILE, Provider.BEDROCK, "s3://bucket/key.jsonl");
        CaravanIds.configure("s3cret");
        try {
            String signed = CaravanIds.wrap(CaravanIds.Kind.FILE, Provider.BEDROCK, "s3://bucket/key.jsonl");
            assertTrue(signed.matches("file-bedrock-[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{22}"), signed);
            assertEquals("s3://bucket/key.jsonl", CaravanIds.nativeId(signed));
            assertEquals(Optional.of(Provider.BEDROCK), CaravanIds.providerOf(signed));

            String forged = CaravanIds.wrap(CaravanIds.Kind.FILE, Provider.BEDROCK, "s3://other-bucket/secret")
                    .replaceAll("\\..*", "") + signed.substring(signed.indexOf('.'));
            String flipped = signed.substring(0, signed.length() - 1) + (signed.endsWith("A") ? "B" : "A");
            // a batch token does not pass for a file's, nor the other way round
            String otherKind = "batch-" + signed.substring("file-".length());
            for (String bad : new String[] {unsigned, forged, flipped, otherKind}) {
                GatewayError error = assertThrows(GatewayError.class, () -> CaravanIds.nativeId(bad), bad);
                assertEquals(404, error.status(), bad);
            }
            CaravanIds.configure("another secret");
            assertThrows(GatewayError.class, () -> CaravanIds.nativeId(signed));
            CaravanIds.configure(null);
            assertThrows(GatewayError.class, () -> CaravanIds.nativeId(signed));
        } finally {
            CaravanIds.configure(null);
        }
    }
}
