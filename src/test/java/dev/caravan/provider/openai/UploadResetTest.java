package dev.caravan.provider.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.client.OpenAIClient;
import com.openai.errors.InternalServerException;
import com.openai.models.files.FileObject;
import com.openai.models.files.FilePurpose;
import dev.caravan.CaravanApplication;
import dev.caravan.CaravanClients;
import dev.caravan.faults.FaultProxy;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The upstream connection is reset while Caravan streams an upload to it. */
@CamelMainTest(mainClass = CaravanApplication.class,
        propertyPlaceholderLocations = "file:application.properties",
        properties = {"camel.server.port=0", "camel.server.host=127.0.0.1", "caravan.sandbox.enabled=false",
                FaultyOpenAi.BASE_URL_SETTING, FaultyOpenAi.API_KEY_SETTING,
                "caravan.openai.retry.initial-delay=50", "caravan.openai.retry.max-delay=200"})
class UploadResetTest {

    private static final int SIZE = 4 * 1024 * 1024;
    private static FaultyOpenAi upstream;

    @BeanInject
    CamelContext context;

    @BeforeAll
    static void startUpstream() {
        upstream = FaultyOpenAi.start();
    }

    @AfterAll
    static void stopUpstream() {
        upstream.close();
    }

    @BeforeEach
    void clearFaults() {
        upstream.proxy().reset();
    }

    private OpenAIClient client() {
        return CaravanClients.openAi(context, "/openai");
    }

    private static byte[] content() {
        byte[] bytes = new byte[SIZE];
        Arrays.fill(bytes, (byte) 'x');
        return bytes;
    }

    @Test
    void a_reset_mid_upload_is_a_clean_502_and_the_upstream_keeps_no_file() throws InterruptedException {
        List<Path> before = upstream.filesOnDisk();
        // 256 KiB of the 4 MiB reach the emulator, then both connections are reset
        upstream.proxy().next(new FaultProxy.Reset(256 * 1024), 1);

        InternalServerException error = assertThrows(InternalServerException.class, () -> client().files().create(
                OpenAiCalls.upload("reset.bin", content(), FilePurpose.USER_DATA)));

        assertEquals(502, error.statusCode());
        assertEquals("upstream_unavailable", error.code().orElseThrow());
        assertTrue(error.getMessage().contains("Provider 'openai' could not be reached"), error.getMessage());
        assertEquals(1, upstream.proxy().count("POST", "/v1/files"), "an upload is never sent twice");
        assertTrue(upstream.storedFiles().stream().noneMatch(f -> f.filename().equals("reset.bin")),
                "the emulator lists no such file");
        // nor does its disk: the part that arrived was spooled, then dropped (give its cleanup a moment)
        long deadline = System.nanoTime() + 3_000_000_000L;
        while (!upstream.filesOnDisk().equals(before) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(before, upstream.filesOnDisk(), "nothing of the upload is left on the emulator's disk");

        // nothing is left broken: the same upload goes through whole
        FileObject stored = client().files().create(OpenAiCalls.upload("reset.bin", content(), FilePurpose.USER_DATA));
        assertEquals(SIZE, stored.bytes());
        assertEquals(1, upstream.storedFiles().stream().filter(f -> f.filename().equals("reset.bin")).count());
    }

    @Test
    void a_reset_on_a_read_is_retried() {
        upstream.proxy().next(new FaultProxy.Reset(0), 1);

        client().files().list();

        assertEquals(2, upstream.proxy().count("GET", "/v1/files"));
    }
}
