package dev.caravan.sandbox.bedrock;

import dev.caravan.auth.ApiKeys;
import dev.caravan.auth.SigV4Exception;
import dev.caravan.auth.SigV4Verifier;
import dev.caravan.auth.SignedRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SigV4 for service {@code bedrock} with the emulator's one key (provider-apis.md §7.7), failures answered as AWS's
 * non-S3 front ends answer them: no credentials, 403 MissingAuthenticationTokenException; an unknown key id, 403
 * UnrecognizedClientException; a bad signature or one of the wrong scope, 403 InvalidSignatureException; a request
 * time more than 5 minutes off, InvalidSignatureException "Signature expired"; a malformed Authorization, 403
 * IncompleteSignatureException. Headers outside SignedHeaders (x-model-provider) are tolerated.
 */
final class RequestAuthenticator {

    private static final Pattern CREDENTIAL = Pattern.compile("Credential=[^/,\\s]+/(\\d{8})/([^/,\\s]+)/([^/,\\s]+)/");
    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final String SERVICE = "bedrock";

    private final SigV4Verifier verifier;
    private final String region;
    private final Clock clock;

    RequestAuthenticator(String accessKey, String secretKey, String region, Clock clock) {
        this.verifier = new SigV4Verifier(ApiKeys.parse(accessKey + ":" + secretKey), SERVICE, clock);
        this.region = region;
        this.clock = clock;
    }

    /** @throws ServiceError when the request is not signed by the emulator's key for its region */
    void authenticate(SignedRequest request, String payloadSha256Hex) {
        String authorization = request.header("authorization");
        boolean presigned = request.rawQuery().contains("X-Amz-Algorithm=");
        if (authorization == null && !presigned) {
            throw new ServiceError(403, "MissingAuthenticationTokenException", "Missing Authentication Token");
        }
        if (authorization != null) {
            checkScope(authorization);
        }
        try {
            verifier.verify(request, payloadSha256Hex);
        } catch (SigV4Exception failure) {
            throw translate(failure, request);
        }
    }

    /** The scope is checked before the signature, as AWS does: its errors say which part is wrong. */
    private void checkScope(String authorization) {
        Matcher credential = CREDENTIAL.matcher(authorization);
        if (!credential.find()) {
            return; // malformed: the verifier words it
        }
        if (!credential.group(3).equals(SERVICE)) {
            throw invalidSignature("Credential should be scoped to correct service: '" + SERVICE + "'. ");
        }
        if (!credential.group(2).equals(region)) {
            throw invalidSignature("Credential should be scoped to a valid region. ");
        }
    }

    private ServiceError translate(SigV4Exception failure, SignedRequest request) {
        return switch (failure.failure()) {
            case INVALID_ACCESS_KEY_ID -> new ServiceError(403, "UnrecognizedClientException",
                    "The security token included in the request is invalid.");
            case SIGNATURE_DOES_NOT_MATCH -> invalidSignature("The request signature we calculated does not match "
                    + "the signature you provided. Check your AWS Secret Access Key and signing method. Consult the "
                    + "service documentation for details.");
            case REQUEST_TIME_TOO_SKEWED -> invalidSignature(skewMessage(request.header("x-amz-date")));
            default -> new ServiceError(403, "IncompleteSignatureException", failure.getMessage());
        };
    }

    /** AWS's wording: "Signature expired: 20261123T080000Z is now earlier than 20261123T081000Z (… - 5 min.)". */
    private String skewMessage(String amzDate) {
        Instant now = clock.instant();
        Duration skew = SigV4Verifier.SERVICE_MAX_SKEW;
        try {
            Instant signed = AMZ_DATE.parse(amzDate, Instant::from);
            if (signed.isBefore(now)) {
                return "Signature expired: " + amzDate + " is now earlier than " + AMZ_DATE.format(now.minus(skew))
                        + " (" + AMZ_DATE.format(now) + " - " + skew.toMinutes() + " min.)";
            }
            return "Signature not yet current: " + amzDate + " is still later than " + AMZ_DATE.format(now.plus(skew))
                    + " (" + AMZ_DATE.format(now) + " + " + skew.toMinutes() + " min.)";
        } catch (DateTimeParseException | NullPointerException e) {
            return "Signature expired.";
        }
    }

    private static ServiceError invalidSignature(String message) {
        return new ServiceError(403, "InvalidSignatureException", message);
    }
}
