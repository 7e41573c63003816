package dev.meridian.core.protocol.anthropic;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.core.inbound.CanonicalOnce;
import dev.meridian.core.json.Json;
import dev.meridian.core.model.CanonicalRequest;
import dev.meridian.core.model.Operation;
import dev.meridian.core.provider.PromptCaching;
import dev.meridian.core.provider.ProviderAdapter;
import dev.meridian.core.provider.UpstreamRequest;
import java.util.Map;

/**
 * What the Anthropic front doors share: the caller's body, read once into a tree at the edge and forwarded to
 * Anthropic providers as it came but for the model (and the configured extra fields, and prompt-cache breakpoints
 * when asked); the caller's {@code anthropic-beta} header, forwarded beside it; the canonical form decoded once, on
 * first need, or replaced.
 */
abstract class AnthropicInbound<R extends CanonicalRequest> extends CanonicalOnce<R> implements AnthropicBody {

    private final byte[] bytes;
    private final ObjectNode body;
    private final Map<String, String> headers;
    private AnthropicSplice.Model model;

    /**
     * @param bytes the caller's body as it came
     * @param body  the same, read and checked by the front door
     * @param beta  the caller's {@code anthropic-beta} header, or null
     */
    AnthropicInbound(byte[] bytes, ObjectNode body, String beta, Class<R> type) {
        super(type);
        this.bytes = requireNonNull(bytes, "bytes");
        this.body = requireNonNull(body, "body");
        this.headers = beta == null || beta.isBlank() ? Map.of() : Map.of("anthropic-beta", beta.strip());
    }

    /** Decodes the caller's body into the canonical request, validating every field it reads. */
    abstract R decode(ObjectNode body);

    /** The canonical request encoded for a provider of another protocol. */
    abstract UpstreamRequest translate(ProviderAdapter adapter, R request, String upstreamModel, PromptCaching caching);

    @Override
    protected final R decodeBody() {
        return decode(body);
    }

    @Override
    protected final UpstreamRequest translated(
            ProviderAdapter adapter, R request, String upstreamModel, PromptCaching caching) {
        return translate(adapter, request, upstreamModel, caching);
    }

    final ObjectNode body() {
        return body;
    }

    @Override
    public final String model() {
        return body.get("model").textValue();
    }

    @Override
    public boolean stream() {
        JsonNode stream = body.get("stream");
        return stream != null && stream.booleanValue();
    }

    @Override
    public final Operation operation() {
        return protocol().operation();
    }

    @Override
    public final Map<String, String> headers() {
        return headers;
    }

    /** Usage is always in an Anthropic stream: {@code forceUsage} asks for nothing more. */
    @Override
    public final byte[] rewrite(String upstreamModel, boolean forceUsage, Map<String, JsonNode> extraBody) {
        return rewrite(upstreamModel, extraBody, false);
    }

    /**
     * The caller's bytes spliced ({@link AnthropicSplice}), or, to insert cache breakpoints, the tree written back with
     * them (the only edit that reaches inside the body).
     */
    @Override
    public final byte[] rewrite(String upstreamModel, Map<String, JsonNode> extraBody, boolean autoCache) {
        if (!autoCache) {
            if (model == null) {
                model = AnthropicSplice.locate(bytes);
            }
            return AnthropicSplice.rewrite(bytes, model, upstreamModel, extraBody, body);
        }
        ObjectNode copy = body.deepCopy();
        copy.put("model", upstreamModel);
        extraBody.forEach((field, value) -> {
            if (!copy.has(field)) {
                copy.set(field, value);
            }
        });
        AnthropicPromptCache.insert(copy, upstreamModel);
        return Json.bytes(copy);
    }
}
