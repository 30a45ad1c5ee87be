package dev.caravan.jsonl.bedrock;

import dev.caravan.jsonl.LineError;

/**
 * Image media types and the short format names Nova and Converse use ({@code image.format}). Claude on Bedrock and
 * Nova/Converse accept the same four: jpeg, png, gif, webp (Bedrock user guide, Claude Messages and Nova request
 * schema pages).
 */
final class ImageFormats {

    private ImageFormats() {
    }

    /** The Nova/Converse format of a media type, or a line error naming where the image is. */
    static String bedrockFormat(String mediaType, int n, String where, String targetName) {
        switch (mediaType == null ? "" : mediaType) {
            case "image/jpeg":
            case "image/jpg":
                return "jpeg";
            case "image/png":
                return "png";
            case "image/gif":
                return "gif";
            case "image/webp":
                return "webp";
            default:
                throw LineError.at(n, where + ": " + targetName + " takes jpeg, png, gif or webp images, not "
                        + mediaType);
        }
    }

    /** Claude wants the media type itself; {@code image/jpg} is a common misspelling of its only jpeg type. */
    static String claudeMediaType(String mediaType) {
        return "image/jpg".equals(mediaType) ? "image/jpeg" : mediaType;
    }

    /** The media type of a Nova/Converse format name, or null for one Caravan does not know. */
    static String mediaType(String format) {
        switch (format) {
            case "jpeg":
            case "png":
            case "gif":
            case "webp":
                return "image/" + format;
            default:
                return null;
        }
    }
}
