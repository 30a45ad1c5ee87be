package dev.caravan.sandbox.bedrock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Requests the SDK's client would never send (unknown routes, extra headers after signing, no signature), signed by
 * the SDK's own SigV4 signer the way its Bedrock client signs, and sent over plain HTTP.
 */
final class RawBedrock {

    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect");

    private final HttpClient http;
    private final BedrockEmulator emulator;

    RawBedrock(BedrockEmulator emulator) {
        this(emulator, HttpClient.Version.HTTP_1_1);
    }

    /** With HTTP_2, the JDK client asks a plain-http server to upgrade (h2c) and sends the host as :authority. */
    RawBedrock(BedrockEmulator emulator, HttpClient.Version version) {
        this.emulator = emulator;
        this.http = HttpClient.newBuilder().version(version).build();
    }

    HttpResponse<String> send(String method, String target, String body, Map<String, String> afterSigning) {
        return send(method, target, body, afterSigning, Instant.now(), true);
    }

    HttpResponse<String> unsigned(String method, String target, String body) {
        return send(method, target, body, Map.of(), Instant.now(), false);
    }

    HttpResponse<String> send(String method, String target, String body, Map<String, String> afterSigning,
            Instant signedAt, boolean sign) {
        URI uri = URI.create(emulator.baseUrl() + target);
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(uri)
                .putHeader("Content-Type", "application/json").build();
        if (sign) {
            request = AwsV4HttpSigner.create().sign(s -> s
                    .identity(AwsCredentialsIdentity.create(emulator.accessKey(), emulator.secretKey()))
                    .request(SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(uri)
                            .putHeader("Content-Type", "application/json").build())
                    .payload(ContentStreamProvider.fromByteArray(bytes))
                    .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "bedrock")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, emulator.region())
                    .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(signedAt, ZoneOffset.UTC))).request();
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(bytes));
        request.forEachHeader((name, values) -> {
            if (!RESTRICTED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        afterSigning.forEach(builder::header);
        try {
            return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
