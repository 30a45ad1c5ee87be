package dev.caravan.bridge;

import dev.caravan.model.CaravanIds;
import dev.caravan.model.Provider;
import dev.caravan.model.object.ObjectAddress;
import dev.caravan.model.object.Preconditions;
import java.util.Optional;

/**
 * Which provider file an S3 request means. PutObject answered the file id as the ETag, and the documents send it back
 * as {@code IfMatch} with any bucket and key; it may also be the key itself ({@code s3://openai-files/<file id>}).
 */
final class FileKeys {

    private FileKeys() {
    }

    static boolean isFileId(Provider provider, String candidate) {
        return candidate != null && !candidate.isEmpty()
                && CaravanIds.providerOf(candidate).filter(owner -> owner == provider).isPresent()
                && candidate.startsWith("file-");
    }

    /** The file the request names: its If-Match when that is a file id of the provider, else its key when that is. */
    static Optional<String> fileId(Provider provider, ObjectAddress address, Preconditions preconditions) {
        String ifMatch = preconditions.ifMatch() == null ? null : unquote(preconditions.ifMatch().trim());
        if (isFileId(provider, ifMatch)) {
            return Optional.of(ifMatch);
        }
        return isFileId(provider, address.key()) ? Optional.of(address.key()) : Optional.empty();
    }

    static String quoted(String id) {
        return "\"" + id + "\"";
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }
}
