package dev.caravan.sandbox.bedrock;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How a {@link BedrockEmulator} behaves.
 *
 * @param region             the region clients sign for and that job ARNs carry
 * @param accountId          the 12-digit account of the job ARNs
 * @param accessKey          the only access key id the emulator accepts (SigV4, service {@code bedrock})
 * @param secretKey          its secret
 * @param s3                 the S3 endpoint the emulator reads inputs from and writes results to, as real Bedrock
 *                           reads the customer's bucket
 * @param phaseDuration      how long Submitted, Validating, Scheduled, InProgress and Stopping each last
 * @param quotas             the record and size quotas checked while Validating
 * @param maxConcurrentJobs  how many jobs may be InProgress at once; the others wait in Scheduled, and expire there
 *                           once their jobExpirationTime passes
 * @param clock              the jobs' clock: every timestamp and every phase runs on it (tests inject one). Request
 *                           signatures are checked against the wall clock, since clients sign with theirs
 */
public record BedrockEmulatorSettings(String region, String accountId, String accessKey, String secretKey,
                                      S3Access s3, Duration phaseDuration, BedrockQuotas quotas,
                                      int maxConcurrentJobs, Clock clock) {

    /** The sandbox's account: the all-zero account AWS's own documentation examples use for local endpoints. */
    public static final String SANDBOX_ACCOUNT = "000000000000";

    private static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]");
    // AWS access key ids are 20 characters of upper-case base32 after a 4-letter prefix.
    private static final char[] ACCESS_KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    /**
     * Where and how the emulator reaches S3: an endpoint (null: AWS S3 of the region), addressed path-style.
     */
    public record S3Access(URI endpoint, String region, String accessKey, String secretKey) {

        public S3Access {
            Objects.requireNonNull(region, "s3 region");
            Objects.requireNonNull(accessKey, "s3 accessKey");
            Objects.requireNonNull(secretKey, "s3 secretKey");
        }

        @Override
        public String toString() {
            return "S3Access[" + endpoint + ", " + region + "]";
        }
    }

    public BedrockEmulatorSettings {
        Objects.requireNonNull(s3, "s3");
        Objects.requireNonNull(phaseDuration, "phaseDuration");
        Objects.requireNonNull(quotas, "quotas");
        Objects.requireNonNull(clock, "clock");
        if (region == null || !REGION.matcher(region).matches()) {
            throw new IllegalArgumentException("not an AWS region name: " + region);
        }
        if (accountId == null || !ACCOUNT.matcher(accountId).matches()) {
            throw new IllegalArgumentException("an account id is 12 digits: " + accountId);
        }
        if (accessKey == null || accessKey.isBlank() || secretKey == null || secretKey.isBlank()
                || accessKey.contains(":") || accessKey.contains(",") || secretKey.contains(",")) {
            throw new IllegalArgumentException("access key and secret must be non-blank, without ',' (or ':' in "
                    + "the key id)");
        }
        if (phaseDuration.isNegative() || maxConcurrentJobs < 1) {
            throw new IllegalArgumentException("phaseDuration must be >= 0 and maxConcurrentJobs >= 1");
        }
    }

    /**
     * The sandbox's settings: {@code us-east-1}, {@link #SANDBOX_ACCOUNT}, credentials drawn at random (as the
     * embedded S3 store's are, so only code holding them can call), 10 concurrent jobs, the real quotas, the system
     * clock.
     */
    public static BedrockEmulatorSettings withRandomCredentials(S3Access s3, Duration phaseDuration) {
        SecureRandom random = new SecureRandom();
        StringBuilder key = new StringBuilder("AKIA");
        while (key.length() < 20) {
            key.append(ACCESS_KEY_ALPHABET[random.nextInt(ACCESS_KEY_ALPHABET.length)]);
        }
        byte[] secret = new byte[30];
        random.nextBytes(secret);
        return new BedrockEmulatorSettings("us-east-1", SANDBOX_ACCOUNT, key.toString(),
                Base64.getUrlEncoder().withoutPadding().encodeToString(secret), s3, phaseDuration,
                BedrockQuotas.DEFAULTS, 10, Clock.systemUTC());
    }

    public BedrockEmulatorSettings withQuotas(BedrockQuotas value) {
        return new BedrockEmulatorSettings(region, accountId, accessKey, secretKey, s3, phaseDuration, value,
                maxConcurrentJobs, clock);
    }

    public BedrockEmulatorSettings withMaxConcurrentJobs(int value) {
        return new BedrockEmulatorSettings(region, accountId, accessKey, secretKey, s3, phaseDuration, quotas,
                value, clock);
    }

    public BedrockEmulatorSettings withClock(Clock value) {
        return new BedrockEmulatorSettings(region, accountId, accessKey, secretKey, s3, phaseDuration, quotas,
                maxConcurrentJobs, value);
    }

    public BedrockEmulatorSettings withPhaseDuration(Duration value) {
        return new BedrockEmulatorSettings(region, accountId, accessKey, secretKey, s3, value, quotas,
                maxConcurrentJobs, clock);
    }

    // The generated toString would print both secrets into logs and assertion messages.
    @Override
    public String toString() {
        return "BedrockEmulatorSettings[region=" + region + ", account=" + accountId + ", s3=" + s3
                + ", phaseDuration=" + phaseDuration + ", quotas=" + quotas + ", maxConcurrentJobs="
                + maxConcurrentJobs + "]";
    }
}
