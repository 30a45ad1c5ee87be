package dev.caravan.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
}
