package dev.caravan.wire;

import dev.caravan.model.ErrorKind;
import dev.caravan.model.GatewayError;
import dev.caravan.model.command.CompleteMultipartUpload;
import dev.caravan.model.command.ListMultipartUploads;
import dev.caravan.model.command.ListObjects;
import dev.caravan.model.command.ListParts;
import dev.caravan.model.object.MultipartUpload;
import dev.caravan.model.object.ObjectAddress;
import dev.caravan.model.object.ObjectListing;
import dev.caravan.model.object.ObjectWritten;
import dev.caravan.model.object.PartListing;
import dev.caravan.model.object.UploadListing;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;

/**
 * S3's XML documents (provider-apis.md §7.2, §7.6): the responses Caravan writes, and the one request body it reads
 * (CompleteMultipartUpload). Collections are flattened, as S3 sends them; timestamps have milliseconds.
 */
public final class S3Xml {

    public static final String NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";
    private static final XMLOutputFactory OUTPUT = XMLOutputFactory.newInstance();
    private static final XMLInputFactory INPUT = XMLInputFactory.newInstance();
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    static {
        // a request body must never make the parser fetch or expand anything
        INPUT.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        INPUT.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    }

    private S3Xml() {
    }

    /** {@code <Error>}; {@code details} are S3's operation-specific extras (Key, BucketName, Condition...). */
    public static byte[] error(String code, String message, Map<String, String> details, String resource,
                               String requestId, String hostId) {
        return document(xml -> {
            xml.writeStartElement("Error");
            element(xml, "Code", code);
            element(xml, "Message", message);
            for (Map.Entry<String, String> detail : details.entrySet()) {
                element(xml, detail.getKey(), detail.getValue());
            }
            element(xml, "Resource", resource);
            element(xml, "RequestId", requestId);
            element(xml, "HostId", hostId);
            xml.writeEndElement();
        });
    }

    /**
     * {@code <ListBucketResult>} for ListObjectsV2. With {@code urlEncoded} the caller asked for
     * {@code encoding-type=url}: the element is echoed and every key-like value encoded, never one without the other.
     */
    public static byte[] listBucketResult(ListObjects request, ObjectListing listing, boolean urlEncoded) {
        return document(xml -> {
            xml.writeStartElement("ListBucketResult");
            xml.writeDefaultNamespace(NAMESPACE);
            element(xml, "Name", request.address().bucket());
            element(xml, "Prefix", encoded(request.prefix() == null ? "" : request.prefix(), urlEncoded));
            element(xml, "Delimiter", encoded(request.delimiter(), urlEncoded));
            element(xml, "MaxKeys", Integer.toString(request.maxKeys()));
            if (urlEncoded) {
                element(xml, "EncodingType", "url");
            }
            element(xml, "KeyCount", Integer.toString(listing.keyCount()));
            element(xml, "IsTruncated", Boolean.toString(listing.truncated()));
            element(xml, "ContinuationToken", request.continuationToken());
            element(xml, "NextContinuationToken", listing.truncated() ? listing.nextContinuationToken() : null);
            element(xml, "StartAfter", encoded(request.startAfter(), urlEncoded));
            for (ObjectListing.Entry entry : listing.contents()) {
                xml.writeStartElement("Contents");
                element(xml, "Key", encoded(entry.key(), urlEncoded));
                element(xml, "LastModified", timestamp(entry.lastModified()));
                element(xml, "ETag", entry.etag());
                element(xml, "Size", Long.toString(entry.size()));
                element(xml, "StorageClass", entry.storageClass() == null ? "STANDARD" : entry.storageClass());
                xml.writeEndElement();
            }
            for (String prefix : listing.commonPrefixes()) {
                xml.writeStartElement("CommonPrefixes");
                element(xml, "Prefix", encoded(prefix, urlEncoded));
                xml.writeEndElement();
            }
            xml.writeEndElement();
        });
    }

    public static byte[] initiateMultipartUploadResult(MultipartUpload upload) {
        return document(xml -> {
            xml.writeStartElement("InitiateMultipartUploadResult");
            xml.writeDefaultNamespace(NAMESPACE);
            element(xml, "Bucket", upload.address().bucket());
            element(xml, "Key", upload.address().key());
            element(xml, "UploadId", upload.uploadId());
            xml.writeEndElement();
        });
    }

    public static byte[] completeMultipartUploadResult(String location, ObjectAddress address, ObjectWritten written) {
        return document(xml -> {
            xml.writeStartElement("CompleteMultipartUploadResult");
            xml.writeDefaultNamespace(NAMESPACE);
            element(xml, "Location", location);
            element(xml, "Bucket", address.bucket());
            element(xml, "Key", address.key());
            element(xml, "ETag", written.etag());
            checksums(xml, written.checksums());
            xml.writeEndElement();
        });
    }

    public static byte[] listPartsResult(ListParts request, PartListing listing) {
        return document(xml -> {
            xml.writeStartElement("ListPartsResult");
            xml.writeDefaultNamespace(NAMESPACE);
            element(xml, "Bucket", request.address().bucket());
            element(xml, "Key", request.address().key());
            element(xml, "UploadId", request.uploadId());
            element(xml, "PartNumberMarker", Integer.toString(request.partNumberMarker()));
            element(xml, "NextPartNumberMarker", Integer.toString(listing.nextPartNumberMarker()));
            element(xml, "MaxParts", Integer.toString(request.maxParts()));
            element(xml, "IsTruncated", Boolean.toString(listing.truncated()));
            element(xml, "StorageClass", "STANDARD");
            for (PartListing.Part part : listing.parts()) {
                xml.writeStartElement("Part");
                element(xml, "PartNumber", Integer.toString(part.partNumber()));
                element(xml, "LastModified", timestamp(part.lastModified()));
                element(xml, "ETag", part.etag());
                element(xml, "Size", Long.toString(part.size()));
                checksums(xml, part.checksums());
                xml.writeEndElement();
            }
            xml.writeEndElement();
        });
    }

    public static byte[] listMultipartUploadsResult(ListMultipartUploads request, UploadListing listing) {
        return document(xml -> {
            xml.writeStartElement("ListMultipartUploadsResult");
            xml.writeDefaultNamespace(NAMESPACE);
            element(xml, "Bucket", request.address().bucket());
            element(xml, "KeyMarker", request.keyMarker() == null ? "" : request.keyMarker());
            element(xml, "UploadIdMarker", request.uploadIdMarker() == null ? "" : request.uploadIdMarker());
            element(xml, "NextKeyMarker", listing.nextKeyMarker());
            element(xml, "NextUploadIdMarker", listing.nextUploadIdMarker());
            element(xml, "Prefix", request.prefix());
            element(xml, "MaxUploads", Integer.toString(request.maxUploads()));
            element(xml, "IsTruncated", Boolean.toString(listing.truncated()));
            for (UploadListing.Upload upload : listing.uploads()) {
                xml.writeStartElement("Upload");
                element(xml, "Key", upload.key());
                element(xml, "UploadId", upload.uploadId());
                element(xml, "StorageClass", "STANDARD");
                element(xml, "Initiated", timestamp(upload.initiated()));
                xml.writeEndElement();
            }
            xml.writeEndElement();
        });
    }

    /** The parts of a {@code <CompleteMultipartUpload>} body, in the order the caller listed them. */
    public static List<CompleteMultipartUpload.Part> completedParts(InputStream body) {
        List<CompleteMultipartUpload.Part> parts = new ArrayList<>();
        try {
            XMLStreamReader xml = INPUT.createXMLStreamReader(body);
            boolean sawRoot = false;
            Map<String, String> fields = null;
            String text = null;
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    String name = xml.getLocalName();
                    if (name.equals("CompleteMultipartUpload")) {
                        sawRoot = true;
                    } else if (name.equals("Part")) {
                        fields = new LinkedHashMap<>();
                    }
                    text = "";
                } else if (event == XMLStreamConstants.CHARACTERS) {
                    text = text == null ? xml.getText() : text + xml.getText();
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    String name = xml.getLocalName();
                    if (name.equals("Part") && fields != null) {
                        parts.add(part(fields));
                        fields = null;
                    } else if (fields != null && text != null) {
                        fields.put(name, text.trim());
                    }
                    text = null;
                }
            }
            if (!sawRoot || parts.isEmpty()) {
                throw malformed();
            }
            return parts;
        } catch (XMLStreamException | NumberFormatException e) {
            throw malformed();
        }
    }

    private static CompleteMultipartUpload.Part part(Map<String, String> fields) {
        String number = fields.get("PartNumber");
        String etag = fields.get("ETag");
        if (number == null || etag == null) {
            throw malformed();
        }
        Map<String, String> sums = new LinkedHashMap<>();
        for (String algorithm : List.of("CRC32", "CRC32C", "CRC64NVME", "SHA1", "SHA256")) {
            String value = fields.get("Checksum" + algorithm);
            if (value != null) {
                sums.put(algorithm, value);
            }
        }
        return new CompleteMultipartUpload.Part(Integer.parseInt(number), etag, sums);
    }

    private static GatewayError malformed() {
        return new GatewayError(ErrorKind.INVALID_REQUEST, 400, "The XML you provided was not well-formed or did "
                + "not validate against our published schema", null, "MalformedXML", null);
    }

    public static String timestamp(Instant instant) {
        return instant == null ? null : TIMESTAMP.format(instant);
    }

    /** S3's {@code encoding-type=url}: form-style percent-encoding, which botocore and the Java SDK both decode. */
    public static String encoded(String value, boolean urlEncoded) {
        return value == null || !urlEncoded ? value : URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static void checksums(XMLStreamWriter xml, Map<String, String> checksums) throws XMLStreamException {
        for (Map.Entry<String, String> sum : checksums.entrySet()) {
            element(xml, "Checksum" + sum.getKey(), sum.getValue());
        }
    }

    private static void element(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        if (value == null) {
            return;
        }
        xml.writeStartElement(name);
        xml.writeCharacters(xmlSafe(value));
        xml.writeEndElement();
    }

    /**
     * XML 1.0 cannot carry C0 controls (other than tab and line breaks) or U+FFFE/U+FFFF, in any form: a key holding
     * them is shown with each such character replaced by U+FFFD, as the document would otherwise not parse. A caller
     * who needs such keys exactly lists with {@code encoding-type=url}, which encodes them.
     */
    static String xmlSafe(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (!xmlChar(value.charAt(i))) {
                StringBuilder safe = new StringBuilder(value.length());
                for (int j = 0; j < value.length(); j++) {
                    char c = value.charAt(j);
                    safe.append(xmlChar(c) ? c : '\uFFFD');
                }
                return safe.toString();
            }
        }
        return value;
    }

    /** Whether an XML 1.0 document can carry the value as it is. */
    public static boolean carries(String value) {
        return value.chars().allMatch(c -> xmlChar((char) c));
    }

    private static boolean xmlChar(char c) {
        return c >= 0x20 ? c != 0xFFFE && c != 0xFFFF : c == '\t' || c == '\n' || c == '\r';
    }

    private interface Body {
        void write(XMLStreamWriter xml) throws XMLStreamException;
    }

    private static byte[] document(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try {
            XMLStreamWriter xml = OUTPUT.createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            body.write(xml);
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("S3 XML could not be written", e);
        }
        return out.toByteArray();
    }
}
