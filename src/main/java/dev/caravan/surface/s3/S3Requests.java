package dev.caravan.surface.s3;

import dev.caravan.auth.VerifiedRequest;
import dev.caravan.model.ErrorKind;
import dev.caravan.model.GatewayError;
import dev.caravan.model.command.AbortMultipartUpload;
import dev.caravan.model.command.CompleteMultipartUpload;
import dev.caravan.model.command.CreateMultipartUpload;
import dev.caravan.model.command.DeleteObject;
import dev.caravan.model.command.GetObject;
import dev.caravan.model.command.ListMultipartUploads;
import dev.caravan.model.command.ListObjects;
import dev.caravan.model.command.ListParts;
import dev.caravan.model.command.ObjectCommand;
import dev.caravan.model.command.PutObject;
import dev.caravan.model.command.UploadPart;
import dev.caravan.model.object.ByteRange;
import dev.caravan.model.object.ObjectAddress;
import dev.caravan.model.object.Preconditions;
import dev.caravan.wire.S3Xml;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;

/**
 * Reads an S3 request (method, path, query, headers; client-wire.md §1) into a Caravan command. The operation is
 * what S3 would make of the same request; sub-resources Caravan does not serve are a {@code NotImplemented}
 * naming them, never a silent fallback to a different operation.
 */
public class S3Requests {

    private static final String URL_ENCODED = "caravanS3UrlEncoded";
    private static final int MAX_KEYS = 1000;
    private static final int MAX_PARTS = 1000;
    private static final int MAX_PART_NUMBER = 10_000;
    private static final Set<String> S3_METHODS = Set.of("GET", "HEAD", "PUT", "DELETE", "POST");
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");
    /** Query parameters that turn a bucket or object request into another S3 operation. */
    private static final Set<String> SUB_RESOURCES = Set.of("acl", "tagging", "attributes", "retention",
            "legal-hold", "torrent", "restore", "select", "policy", "versioning", "versions", "location", "cors",
            "lifecycle", "website", "logging", "notification", "encryption", "replication", "uploads", "delete",
            "object-lock", "ownershipControls", "publicAccessBlock", "accelerate", "requestPayment", "analytics",
            "inventory", "metrics", "intelligent-tiering", "session", "renameObject");

    private final S3Addressing addressing;
    private final S3RequestBodies bodies;
    private final S3Authentication authentication;

    /** Without authentication: any credentials are accepted. */
    public S3Requests(S3Addressing addressing, S3RequestBodies bodies) {
        this(addressing, bodies, S3Authentication.off());
    }

    public S3Requests(S3Addressing addressing, S3RequestBodies bodies, S3Authentication authentication) {
        this.addressing = addressing;
        this.bodies = bodies;
        this.authentication = authentication;
    }

    public ObjectCommand parse(Exchange exchange) {
        HttpServerRequest request = exchange.getMessage().getBody(HttpServerRequest.class);
        S3Exchange.begin(exchange, request);
        if (!declaresBody(request.headers())) {
            // platform-http hands the request over paused; one without a body must still reach its end, or the
            // connection cannot serve the caller's next request
            request.resume();
        }
        // Before anything else is judged, and before any body byte is read (so before 100 Continue): an unsigned or
        // badly signed request learns nothing about buckets or keys, and never gets to send its body.
        VerifiedRequest verified = authentication.authenticate(request);
        String uri = request.uri();
        int fragment = uri.indexOf('#');
        if (fragment >= 0) {
            // a fragment is never part of a request; a client that sends one raw gets it ignored, as HTTP says
            uri = uri.substring(0, fragment);
        }
        int question = uri.indexOf('?');
        String rawPath = question < 0 ? uri : uri.substring(0, question);
        Map<String, List<String>> query = query(question < 0 ? "" : uri.substring(question + 1));
        MultiMap headers = request.headers();
        String provider = headers.get("x-model-provider");
        if (!S3_METHODS.contains(request.method().name())) {
            throw new GatewayError(ErrorKind.INVALID_REQUEST, 405,
                    "The specified method is not allowed against this resource.", null, "MethodNotAllowed", null);
        }
        ObjectAddress address = addressing.resolve(headers.get("Host"), rawPath);
        ObjectCommand command = command(request, verified, address, new Query(query), headers, provider,
                exchange);
        S3Exchange.command(exchange, command);
        return command;
    }

    private static Map<String, List<String>> query(String raw) {
        try {
            return new QueryStringDecoder(raw, StandardCharsets.UTF_8, false).parameters();
        } catch (IllegalArgumentException e) {
            throw new GatewayError(ErrorKind.INVALID_REQUEST, 400, "Invalid URI: the query string is not validly "
                    + "percent-encoded.", null, "InvalidURI", null);
        }
    }

    /** Whether the request carries a body (which then must be read, or the connection closed after the answer). */
    static boolean declaresBody(MultiMap headers) {
        String length = headers.get("Content-Length");
        return headers.contains("Transfer-Encoding") || (length != null && !length.trim().equals("0"));
    }

    /** Whether the caller asked for {@code encoding-type=url} in its listing. */
    static boolean urlEncoded(Exchange exchange) {
        return exchange.getProperty(URL_ENCODED, false, Boolean.class);
    }

    private ObjectCommand command(HttpServerRequest request, VerifiedRequest verified, ObjectAddress address,
                                  Query query, MultiMap headers, String provider, Exchange exchange) {
        String method = request.method().name();
        boolean bucketLevel = address.key() == null;
        switch (method) {
            case "GET":
                if (bucketLevel && query.has("uploads")) {
                    return new ListMultipartUploads(provider, address, query.get("prefix"), query.get("key-marker"),
                            query.get("upload-id-marker"), query.integer("max-uploads", MAX_KEYS, 1, MAX_KEYS));
                }
                if (bucketLevel) {
                    query.rejectSubResources("GET Bucket");
                    return listObjects(provider, address, query, exchange);
                }
                if (query.has("uploadId")) {
                    return new ListParts(provider, address, query.get("uploadId"),
                            query.integer("max-parts", MAX_PARTS, 0, MAX_PARTS),
                            query.integer("part-number-marker", 0, 0, MAX_PART_NUMBER));
                }
                query.rejectSubResources("GET Object");
                return new GetObject(provider, address, false, range(headers), preconditions(headers),
                        "ENABLED".equalsIgnoreCase(headers.get("x-amz-checksum-mode")));
            case "HEAD":
                if (bucketLevel) {
                    throw notImplemented("HeadBucket");
                }
                query.rejectSubResources("HEAD Object");
                return new GetObject(provider, address, true, range(headers), preconditions(headers),
                        "ENABLED".equalsIgnoreCase(headers.get("x-amz-checksum-mode")));
            case "PUT":
                if (bucketLevel) {
                    throw notImplemented("Bucket operations (CreateBucket, PutBucket*)");
                }
                if (headers.contains("x-amz-copy-source")) {
                    throw notImplemented(query.has("uploadId") ? "UploadPartCopy" : "CopyObject");
                }
                if (query.has("uploadId") || query.has("partNumber")) {
                    return new UploadPart(provider, address, query.required("uploadId"),
                            query.integer("partNumber", -1, 1, MAX_PART_NUMBER), bodies.object(request, verified));
                }
                query.rejectSubResources("PUT Object");
                return new PutObject(provider, address, bodies.object(request, verified), writePreconditions(headers));
            case "DELETE":
                if (bucketLevel) {
                    throw notImplemented("DeleteBucket");
                }
                if (query.has("uploadId")) {
                    return new AbortMultipartUpload(provider, address, query.get("uploadId"));
                }
                query.rejectSubResources("DELETE Object");
                return new DeleteObject(provider, address, writePreconditions(headers));
            case "POST":
                if (!bucketLevel && query.has("uploads")) {
                    if (!S3Xml.carries(address.key())) {
                        // the answer (and CompleteMultipartUpload's) names the key in XML, which cannot hold it:
                        // no client could read it back, so the upload is refused before it starts
                        throw new GatewayError(ErrorKind.INVALID_REQUEST, 400, "The key holds characters an XML "
                                + "document cannot carry, so a multipart upload of it could not be answered; "
                                + "upload it with PutObject.", "key", "InvalidArgument", null);
                    }
                    return new CreateMultipartUpload(provider, address, S3RequestBodies.contentType(headers),
                            S3RequestBodies.metadata(headers), algorithm(headers.get("x-amz-checksum-algorithm")));
                }
                if (!bucketLevel && query.has("uploadId")) {
                    return new CompleteMultipartUpload(provider, address, query.get("uploadId"),
                            S3Xml.completedParts(bodies.document(request)), writePreconditions(headers));
                }
                throw notImplemented(query.has("delete") ? "DeleteObjects"
                        : bucketLevel ? "POST on a bucket (browser form upload)" : "POST Object");
            default:
                throw new GatewayError(ErrorKind.INVALID_REQUEST, 405,
                        "The specified method is not allowed against this resource.", null, "MethodNotAllowed",
                        null);
        }
    }

    private static ListObjects listObjects(String provider, ObjectAddress address, Query query, Exchange exchange) {
        if (!"2".equals(query.get("list-type"))) {
            throw notImplemented("ListObjects (version 1); use ListObjectsV2 (list-type=2)");
        }
        String encoding = query.get("encoding-type");
        if (encoding != null && !encoding.equals("url")) {
            throw invalidArgument("encoding-type", "Invalid Encoding Method specified in Request");
        }
        exchange.setProperty(URL_ENCODED, encoding != null);
        return new ListObjects(provider, address, query.get("prefix"), emptyAsNull(query.get("delimiter")),
                Math.min(query.integer("max-keys", MAX_KEYS, 0, Integer.MAX_VALUE), MAX_KEYS),
                query.get("continuation-token"), query.get("start-after"), "true".equals(query.get("fetch-owner")));
    }

    private static String algorithm(String value) {
        return value == null ? null : value.toUpperCase(Locale.ROOT);
    }

    /** One byte range; anything S3 would not honour (several ranges, garbage) means the whole object, as in S3. */
    private static ByteRange range(MultiMap headers) {
        String header = headers.get("Range");
        if (header == null) {
            return null;
        }
        Matcher matcher = RANGE.matcher(header.trim());
        if (!matcher.matches() || (matcher.group(1).isEmpty() && matcher.group(2).isEmpty())) {
            return null;
        }
        try {
            if (matcher.group(1).isEmpty()) {
                return new ByteRange(-1, -1, Long.parseLong(matcher.group(2)));
            }
            long first = Long.parseLong(matcher.group(1));
            long last = matcher.group(2).isEmpty() ? -1 : Long.parseLong(matcher.group(2));
            return last >= 0 && last < first ? null : new ByteRange(first, last, 0);
        } catch (NumberFormatException tooBig) {
            return null;
        }
    }

    private static Preconditions preconditions(MultiMap headers) {
        return new Preconditions(headers.get("If-Match"), headers.get("If-None-Match"),
                httpDate(headers.get("If-Modified-Since")), httpDate(headers.get("If-Unmodified-Since")));
    }

    /** Writes honour If-Match and If-None-Match; S3 accepts only {@code *} in If-None-Match on a write. */
    private static Preconditions writePreconditions(MultiMap headers) {
        String ifNoneMatch = headers.get("If-None-Match");
        if (ifNoneMatch != null && !ifNoneMatch.trim().equals("*")) {
            throw new GatewayError(ErrorKind.UNSUPPORTED, 501,
                    "A header you provided implies functionality that is not implemented", "If-None-Match",
                    "NotImplemented", null);
        }
        return new Preconditions(headers.get("If-Match"), ifNoneMatch, null, null);
    }

    /** An unparseable date is ignored, as HTTP says a server must. */
    private static Instant httpDate(String value) {
        if (value == null) {
            return null;
        }
        try {
            return ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String emptyAsNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    static GatewayError notImplemented(String what) {
        return new GatewayError(ErrorKind.UNSUPPORTED, 501, what + " is not implemented by Caravan's files API.",
                null, "NotImplemented", null);
    }

    static GatewayError invalidArgument(String argument, String message) {
        return new GatewayError(ErrorKind.INVALID_REQUEST, 400, message, argument, "InvalidArgument", null);
    }

    /** The decoded query string of one request. */
    private record Query(Map<String, List<String>> values) {

        boolean has(String name) {
            return values.containsKey(name);
        }

        String get(String name) {
            List<String> all = values.get(name);
            return all == null || all.isEmpty() ? null : all.get(0);
        }

        String required(String name) {
            String value = get(name);
            if (value == null || value.isEmpty()) {
                throw invalidArgument(name, "The request is missing the " + name + " parameter.");
            }
            return value;
        }

        int integer(String name, int fallback, int min, int max) {
            String value = get(name);
            if (value == null) {
                if (fallback < min) {
                    throw invalidArgument(name, "The request is missing the " + name + " parameter.");
                }
                return fallback;
            }
            try {
                int parsed = Integer.parseInt(value.trim());
                if (parsed < min || parsed > max) {
                    throw invalidArgument(name, name + " must be an integer between " + min + " and " + max + ".");
                }
                return parsed;
            } catch (NumberFormatException e) {
                throw invalidArgument(name, "Provided " + name + " not an integer or within integer range");
            }
        }

        void rejectSubResources(String operation) {
            for (String name : values.keySet()) {
                if (SUB_RESOURCES.contains(name)) {
                    throw notImplemented(operation + " ?" + name);
                }
            }
        }
    }
}
