package dev.caravan.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * CanonicalRequest and SigningKey against the AWS Signature Version 4 test suite (formerly published in the AWS
 * General Reference, docs.aws.amazon.com/general/latest/gr/signature-v4-test-suite.html; the same cases ship in
 * aws-c-auth's tests/aws-signing-test-suite and in the AWS SDKs' signer tests): key AKIDEXAMPLE /
 * wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY, 20150830T123600Z, us-east-1, service "service". Only cases whose paths
 * need no normalization are used: S3 signs the path as sent, the suite's normalize-path cases are for other services.
 */
class SigV4TestSuiteTest {

    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final String DATE = "20150830T123600Z";
    private static final CredentialScope SCOPE = new CredentialScope("20150830", "us-east-1", "service");
    private static final String HOST = "example.amazonaws.com";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "get-vanilla|GET|/|5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
        "post-vanilla|POST|/|5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b",
        "get-vanilla-query-order-key-case|GET|/?Param2=value2&Param1=value1|"
            + "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500",
        "get-vanilla-query-order-value|GET|/?Param1=value2&Param1=value1|"
            + "5772eed61e12b33fae39ee5e7012498b51d56abc0abb7c60486157bd471c4694",
        "get-vanilla-query-order-encoded|GET|/?Param-3=Value3&Param=Value2&%E1%88%B4=Value1|"
            + "371d3713e185cc334048618a97f809c9ffe339c62934c032af5a0e595648fcac",
        "get-vanilla-query-unreserved|GET|/?-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz="
            + "-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz|"
            + "9c3e54bfcdf0b19771a7f523ee5669cdf59bc7cc0884027167c21bb143a40197",
        "get-vanilla-utf8-query|GET|/?%E1%88%B4=bar|2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04",
        "get-unreserved|GET|/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz|"
            + "07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f",
    })
    void suiteRequestsWithOnlyHostAndDate(String name, String method, String target, String signature) {
        assertEquals(signature, sign(method, target, List.of()), name);
    }

    @Test
    void canonicalRequestAndStringToSignOfGetVanillaQueryOrderKeyCase() {
        CanonicalRequest canonical = canonical("GET", "/?Param2=value2&Param1=value1", List.of());
        assertEquals("GET\n/\nParam1=value1&Param2=value2\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\n"
                + "host;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                canonical.text());
        assertEquals("AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n"
                + "816cd5b414d056048ba4f7c5386d6e0533120fb1fcfa93762cf0fc39e2cf19e0",
                canonical.stringToSign(DATE, SCOPE));
    }

    @Test
    void headerValuesAreTrimmedAndTheirInnerSpacesCollapsed() {
        // get-header-value-trim
        assertEquals("acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736",
                sign("GET", "/", List.of(header("My-Header1", " value1"), header("My-Header2", "\"a   b   c\""))));
    }

    @Test
    void headerNamesAreLowerCasedAndValuesKeptInTheirCase() {
        // post-header-value-case
        assertEquals("cdbc9802e29d2942e5e10b5bccfdd67c5f22c7c4e8ae67b53629efa58b974b7d",
                sign("POST", "/", List.of(header("My-Header1", "VALUE1"))));
    }

    @Test
    void aRepeatedHeaderSignsAsItsValuesJoinedByCommasInArrivalOrder() {
        // get-header-key-duplicate
        assertEquals("c9d5ea9f3f72853aea855b47ea873832890dbdd183b4468f858259531a5138ea",
                sign("GET", "/", List.of(header("My-Header1", "value2"), header("My-Header1", "value2"),
                        header("My-Header1", "value1"))));
    }

    private static String sign(String method, String target, List<Map.Entry<String, String>> extra) {
        return SigningKey.derive(SECRET, SCOPE).sign(canonical(method, target, extra).stringToSign(DATE, SCOPE));
    }

    private static CanonicalRequest canonical(String method, String target, List<Map.Entry<String, String>> extra) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        headers.add(header("Host", HOST));
        headers.addAll(extra);
        headers.add(header("X-Amz-Date", DATE));
        SignedRequest request = SignedRequest.of(method, target, headers);
        List<String> signed = request.headerNames().stream().sorted().toList();
        return CanonicalRequest.of(method, CanonicalRequest.canonicalUri(request.rawPath()),
                CanonicalRequest.canonicalQuery(request.rawQuery(), null), signed, request::headers, Sha256.EMPTY_HEX);
    }

    static Map.Entry<String, String> header(String name, String value) {
        return new AbstractMap.SimpleImmutableEntry<>(name, value);
    }
}
