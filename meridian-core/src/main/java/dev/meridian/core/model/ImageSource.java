package dev.meridian.core.model;

import static java.util.Objects.requireNonNull;

/** Where an image's bytes are: a URL the provider fetches, or inline base64 data. */
public sealed interface ImageSource {

    record Url(String url) implements ImageSource {
        public Url {
            requireNonNull(url, "url");
        }
    }

    record Inline(String mediaType, String base64Data) implements ImageSource {
        public Inline {
            requireNonNull(mediaType, "mediaType");
            requireNonNull(base64Data, "base64Data");
        }

        /** The {@code data:} URL form OpenAI uses for inline images. */
        public String dataUrl() {
            return "data:" + mediaType + ";base64," + base64Data;
        }
    }

    /**
     * Parses an OpenAI image URL: a {@code data:<type>;base64,<data>} URL becomes {@link Inline},
     * anything else {@link Url}. Returns null for a data URL that is not base64 encoded.
     */
    static ImageSource fromUrl(String url) {
        if (!url.regionMatches(true, 0, "data:", 0, 5)) {
            return new Url(url);
        }
        int comma = url.indexOf(',');
        if (comma < 0) {
            return null;
        }
        String meta = url.substring(5, comma);
        if (!meta.endsWith(";base64")) {
            return null;
        }
        return new Inline(meta.substring(0, meta.length() - ";base64".length()), url.substring(comma + 1));
    }
}
