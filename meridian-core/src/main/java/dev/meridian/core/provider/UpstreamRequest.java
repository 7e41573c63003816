package dev.meridian.core.provider;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * An HTTP request to send to a provider, built by a {@link ProviderAdapter} without any I/O.
 *
 * @param path    the path and query relative to the provider's base URL (which may itself carry a path,
 *                e.g. {@code https://api.openai.com/v1} + {@code /chat/completions})
 * @param headers headers to set, including credentials; never logged
 * @param body    the JSON body
 * @param stream  whether the answer is an event stream
 */
public record UpstreamRequest(String method, String path, Map<String, String> headers, byte[] body, boolean stream) {
    public UpstreamRequest {
        requireNonNull(method, "method");
        requireNonNull(path, "path");
        headers = Map.copyOf(headers);
        requireNonNull(body, "body");
    }
}
