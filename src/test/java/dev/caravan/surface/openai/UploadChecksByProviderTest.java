package dev.caravan.surface.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.MultipartField;
import com.openai.errors.BadRequestException;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.files.FileCreateParams;
import com.openai.models.files.FileObject;
import com.openai.models.files.FilePurpose;
import dev.caravan.CaravanApplication;
import dev.caravan.CaravanClients;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;

/**
 * Who checks a batch file's lines on upload: the surface for providers that keep the file as it is (OpenAI, with
 * OpenAI's limits), the provider itself for those that convert it line by line as they take it (Bedrock, Gemini,
 * with their own limits). Here OpenAI's size limit is set to 2,000 bytes to tell the two apart.
 */
@CamelMainTest(mainClass = CaravanApplication.class,
        propertyPlaceholderLocations = "file:application.properties",
        properties = {"camel.server.port=0", "camel.server.host=127.0.0.1", "caravan.sandbox.enabled=true",
                "caravan.batch.max-bytes=2000", "caravan.bedrock.s3.allowed-buckets="})
class UploadChecksByProviderTest {

    private static final String LINE = "{\"custom_id\":\"%s\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\","
            + "\"body\":{\"model\":\"%s\",\"messages\":[{\"role\":\"user\",\"content\":\"%s\"}],\"max_tokens\":50}}\n";

    @BeanInject
    CamelContext context;

    private static String file(String model, int lines) {
        StringBuilder content = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            content.append(LINE.formatted("req-" + i, model, "Question number " + i + " about the weather"));
        }
        return content.toString();
    }

    private FileCreateParams.Builder upload(String content) {
        return FileCreateParams.builder().purpose(FilePurpose.BATCH).file(MultipartField.<InputStream>builder()
                .value(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)))
                .filename("batch.jsonl").contentType("application/jsonl").build());
    }

    @Test
    void openai_files_are_held_to_openai_limits_by_the_surface() {
        OpenAIClient client = CaravanClients.openAi(context, "/openai");
        String content = file("gpt-4o-mini", 20);
        assertTrue(content.length() > 2000);
        OpenAIServiceException tooLarge = assertThrows(OpenAIServiceException.class,
                () -> client.files().create(upload(content).build()));
        assertEquals(413, tooLarge.statusCode());
    }

    @Test
    void gemini_files_are_held_to_gemini_limits_not_openai_ones() {
        OpenAIClient client = CaravanClients.openAi(context, "/openai");
        FileObject file = client.files().create(upload(file("gemini-2.0-flash", 20))
                .putAdditionalBodyProperty("provider", JsonValue.from("gemini")).build());
        assertTrue(file.id().startsWith("file-gemini-"), file.id());
    }

    @Test
    void a_bad_line_for_bedrock_is_still_refused_by_number_and_nothing_is_stored() {
        OpenAIClient client = CaravanClients.openAi(context, "/openai");
        String content = file("anthropic.claude-3-haiku-20240307-v1:0", 4)
                + "{\"method\":\"POST\",\"url\":\"/v1/chat/completions\",\"body\":{}}\n";
        BadRequestException refused = assertThrows(BadRequestException.class, () -> client.files().create(
                upload(content).putAdditionalBodyProperty("provider", JsonValue.from("bedrock"))
                        .putAdditionalBodyProperty("storage_config", JsonValue.from(Map.of("s3", Map.of(
                                "bucket", "checks-bucket", "region", "us-east-1", "prefix", "in")))).build()));
        assertTrue(refused.getMessage().contains("line 5"), refused.getMessage());
    }
}
