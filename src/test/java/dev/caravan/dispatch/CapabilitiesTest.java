package dev.caravan.dispatch;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.caravan.model.ErrorKind;
import dev.caravan.model.GatewayError;
import dev.caravan.model.Operation;
import dev.caravan.model.Provider;
import dev.caravan.model.command.AbortMultipartUpload;
import dev.caravan.model.command.BatchRef;
import dev.caravan.model.command.Command;
import dev.caravan.model.command.ListJobs;
import dev.caravan.model.command.ListObjects;
import dev.caravan.model.command.StorageConfig;
import dev.caravan.model.command.UploadFile;
import dev.caravan.model.object.ObjectAddress;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CapabilitiesTest {

    private static final ObjectAddress ADDRESS = new ObjectAddress("bucket", "key");

    @Test
    void everyProviderServesTheOpenAiApiAndTheBedrockBatchApi() {
        Capabilities capabilities = new Capabilities(true);
        for (Provider provider : Provider.values()) {
            String name = provider.wireName();
            assertDoesNotThrow(() -> capabilities.check(new BatchRef(Operation.BATCHES_RETRIEVE, name, "b"), name));
            assertDoesNotThrow(() -> capabilities.check(new ListJobs(name, null, null, null, null, null, null, null,
                    null), name));
            assertDoesNotThrow(() -> capabilities.check(new ListObjects(name, ADDRESS, null, null, 1000, null, null,
                    false), name));
        }
    }

    @Test
    void multipartUploadsAreBedrocksAloneAndNotImplementedElsewhere() {
        Capabilities capabilities = new Capabilities(true);
        assertDoesNotThrow(() -> capabilities.check(abort("bedrock"), "bedrock"));
        for (String provider : new String[] {"openai", "anthropic", "gemini"}) {
            GatewayError error = assertThrows(GatewayError.class, () -> capabilities.check(abort(provider), provider));
            assertEquals(ErrorKind.UNSUPPORTED, error.kind());
            assertTrue(error.getMessage().contains("'" + provider + "' does not support multipart-abort"),
                    error.getMessage());
        }
    }

    @Test
    void anthropicFilesOnTheS3ApiOnlyWhenCaravanKeepsThem() {
        Capabilities without = new Capabilities(false);
        Command list = new ListObjects("anthropic", ADDRESS, null, null, 1000, null, null, false);
        GatewayError error = assertThrows(GatewayError.class, () -> without.check(list, "anthropic"));
        assertTrue(error.getMessage().contains("inline requests"), error.getMessage());
        assertDoesNotThrow(() -> without.check(new ListJobs("anthropic", null, null, null, null, null, null, null,
                null), "anthropic"));
        assertDoesNotThrow(() -> new Capabilities(true).check(list, "anthropic"));
    }

    @Test
    void theSurfaceChecksTheLinesOfBatchFilesWhoseProviderDoesNot() {
        Capabilities capabilities = new Capabilities(false);
        for (String provider : new String[] {null, "", "openai", "anthropic", "unknown"}) {
            assertTrue(capabilities.surfaceChecksUploadLines(upload(provider, "batch")), String.valueOf(provider));
        }
        for (String provider : new String[] {"bedrock", "gemini"}) {
            assertFalse(capabilities.surfaceChecksUploadLines(upload(provider, "batch")), provider);
        }
        assertFalse(capabilities.surfaceChecksUploadLines(upload("openai", "assistants")));
        assertFalse(capabilities.surfaceChecksUploadLines(upload("openai", null)));
    }

    private static UploadFile upload(String provider, String purpose) {
        return new UploadFile(provider, "input.jsonl", purpose, Path.of("input.jsonl"), 0, Map.of(),
                StorageConfig.NONE);
    }

    private static AbortMultipartUpload abort(String provider) {
        return new AbortMultipartUpload(provider, ADDRESS, "upload");
    }
}
