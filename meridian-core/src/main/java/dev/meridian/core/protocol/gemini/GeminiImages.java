package dev.meridian.core.protocol.gemini;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.json.Json;
import dev.meridian.core.model.ImageSource;
import java.net.URI;
import java.util.Locale;
import java.util.Map;

/**
 * An image as a Gemini part (https://ai.google.dev/gemini-api/docs/image-understanding,
 * https://ai.google.dev/gemini-api/docs/file-input-methods). Inline data becomes {@code inlineData}. A URL
 * becomes {@code fileData}: the API fetches http(s) URLs (public or signed) itself, reads files uploaded
 * through its Files API and registered {@code gs://} objects. {@code fileData.mimeType} is required except for
 * Files API URIs (the file carries its type), so it is taken from the URL's extension among the image types
 * Gemini reads (PNG, JPEG, WEBP, HEIC, HEIF); a URL whose type cannot be told is refused rather than guessed.
 */
final class GeminiImages {

    private static final Map<String, String> TYPES = Map.of(
            "png", "image/png",
            "jpg", "image/jpeg",
            "jpeg", "image/jpeg",
            "webp", "image/webp",
            "heic", "image/heic",
            "heif", "image/heif");

    private GeminiImages() {}

    /** @param param the caller's field, for errors (e.g. {@code messages[0].content[1].image_url.url}) */
    static ObjectNode part(ImageSource source, String param) {
        ObjectNode part = Json.object();
        if (source instanceof ImageSource.Inline inline) {
            part.putObject("inlineData").put("mimeType", inline.mediaType()).put("data", inline.base64Data());
            return part;
        }
        String url = ((ImageSource.Url) source).url();
        URI uri;
        try {
            uri = new URI(url);
        } catch (Exception e) {
            throw GatewayException.invalid(param, "Invalid '" + param + "': not a valid URL.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") && !scheme.equals("gs")) {
            throw GatewayException.invalid(
                    param,
                    "Invalid '" + param + "': Gemini reads images from http(s) and gs://"
                            + " URLs or inline data: URLs, not '" + scheme + ":' URLs.");
        }
        ObjectNode file = part.putObject("fileData");
        if (!isFilesApi(uri)) {
            file.put("mimeType", mimeType(uri, param));
        }
        file.put("fileUri", url);
        return part;
    }

    private static boolean isFilesApi(URI uri) {
        return "generativelanguage.googleapis.com".equalsIgnoreCase(uri.getHost())
                && uri.getPath() != null
                && uri.getPath().contains("/files/");
    }

    private static String mimeType(URI uri, String param) {
        String path = uri.getPath() == null ? "" : uri.getPath();
        int dot = path.lastIndexOf('.');
        String type = dot < 0 || dot < path.lastIndexOf('/')
                ? null
                : TYPES.get(path.substring(dot + 1).toLowerCase(Locale.ROOT));
        if (type == null) {
            throw GatewayException.invalid(
                    param,
                    "Invalid '" + param + "': Gemini needs the image's media type with"
                            + " a URL, and it cannot be told from this one. Send the image as a data: URL, or use a URL whose"
                            + " path ends in .png, .jpg, .jpeg, .webp, .heic or .heif.");
        }
        return type;
    }
}
