package dev.caravan.auth;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Requests signed by the AWS SDK for Java v2's own SigV4 signer (AwsV4HttpSigner, set up as the S3 client sets it up:
 * path neither normalized nor double-encoded, payload signed; or, with {@link #serviceStyle()}, as the clients of
 * other services such as Bedrock set it up), turned into what Caravan sees on the wire.
 */
final class SdkSigner {

    static final String HOST = "127.0.0.1:8080";

    private final String keyId;
    private final String secret;
    private String service = "s3";
    private String region = "us-west-2";
    private Instant at = Instant.parse("2026-03-01T12:00:00Z");
    private final Map<String, String> headers = new LinkedHashMap<>();
    private Duration presignedFor;
    private boolean serviceStyle;

    SdkSigner(String keyId, String secret) {
        this.keyId = keyId;
        this.secret = secret;
    }

    SdkSigner service(String value) {
        service = value;
        return this;
    }

    SdkSigner region(String value) {
        region = value;
        return this;
    }

    SdkSigner at(Instant value) {
        at = value;
        return this;
    }

    SdkSigner header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /**
     * Signs as the SDK's clients of services other than S3 do (the Bedrock client among them): the path normalized
     * and URI-encoded a second time.
     */
    SdkSigner serviceStyle() {
        serviceStyle = true;
        return this;
    }

    SdkSigner presigned(Duration lifetime) {
        presignedFor = lifetime;
        return this;
    }

    Instant time() {
        return at;
    }

    /** The request the SDK signed, as method, raw target and headers in arrival order. */
    Wire sign(String method, String pathAndQuery, byte[] body) {
        SdkHttpRequest.Builder request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.fromValue(method))
                .uri(URI.create("http://" + HOST + pathAndQuery));
        headers.forEach(request::putHeader);
        var signed = AwsV4HttpSigner.create().sign(sign -> {
            sign.identity(AwsCredentialsIdentity.create(keyId, secret))
                    .request(request.build())
                    .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, service)
                    .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                    .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, serviceStyle)
                    .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, serviceStyle)
                    .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC));
            if (!serviceStyle) {
                // S3's client asks for a signed payload; other clients leave the signer's default
                sign.putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, presignedFor == null);
            }
            if (body != null) {
                sign.payload(ContentStreamProvider.fromByteArray(body));
            }
            if (presignedFor != null) {
                sign.putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                        .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, presignedFor);
            }
        });
        SdkHttpRequest out = signed.request();
        List<Map.Entry<String, String>> wire = new ArrayList<>();
        if (!out.firstMatchingHeader("Host").isPresent()) {
            wire.add(new AbstractMap.SimpleImmutableEntry<>("Host", HOST));
        }
        out.forEachHeader((name, values) -> values.forEach(value ->
                wire.add(new AbstractMap.SimpleImmutableEntry<>(name, value))));
        URI uri = out.getUri();
        return new Wire(method, uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()), wire);
    }

    /** A request as it arrives; the with… methods change it after signing, as a proxy or an attacker could. */
    record Wire(String method, String target, List<Map.Entry<String, String>> headers) {

        SignedRequest request() {
            return SignedRequest.of(method, target, headers);
        }

        Wire withHeader(String name, String value) {
            List<Map.Entry<String, String>> changed = new ArrayList<>(headers);
            changed.removeIf(header -> header.getKey().equalsIgnoreCase(name));
            if (value != null) {
                changed.add(new AbstractMap.SimpleImmutableEntry<>(name, value));
            }
            return new Wire(method, target, changed);
        }

        Wire withTarget(String value) {
            return new Wire(method, value, headers);
        }

        Wire withMethod(String value) {
            return new Wire(value, target, headers);
        }

        String header(String name) {
            return headers.stream().filter(header -> header.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                    .findFirst().orElse(null);
        }
    }
}
