package dev.meridian.core.protocol.openai;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.core.cache.CacheFingerprint;
import dev.meridian.core.cache.CanonicalJson;
import dev.meridian.core.cache.SemanticPrompt;
import dev.meridian.core.inbound.CanonicalOnce;
import dev.meridian.core.inbound.PromptPrefix;
import dev.meridian.core.json.Json;
import dev.meridian.core.model.CanonicalRequest;
import dev.meridian.core.model.Operation;
import dev.meridian.core.provider.PromptCaching;
import dev.meridian.core.provider.ProviderAdapter;
import dev.meridian.core.provider.UpstreamRequest;
import java.io.IOException;
import java.util.Map;
import java.util.Set;

/**
 * What the OpenAI front doors share: the caller's bytes and the scan that validated them, forwarded with a few
 * splices to OpenAI-protocol providers; the canonical form decoded once, on first need, or replaced.
 */
abstract class OpenAiInbound<R extends CanonicalRequest> extends CanonicalOnce<R> {

    /** Fields that do not change the answer: how it is delivered, and who asked (the caller's user and tags). */
    private static final Set<String> NOT_IN_KEY = Set.of("stream", "stream_options", "user", "metadata");

    private final byte[] body;
    private final OpenAiPassThrough.Scan scan;
    private boolean prefixRead;
    private PromptPrefix prefix;

    OpenAiInbound(byte[] body, OpenAiPassThrough.Scan scan, Class<R> type) {
        super(type);
        this.body = requireNonNull(body, "body");
        this.scan = requireNonNull(scan, "scan");
    }

    /** Decodes the caller's bytes into the canonical request, validating every field it reads. */
    abstract R decode(byte[] body);

    @Override
    protected final R decodeBody() {
        return decode(body);
    }

    @Override
    protected final UpstreamRequest translated(
            ProviderAdapter adapter, R request, String upstreamModel, PromptCaching caching) {
        return translate(adapter, request, upstreamModel, caching);
    }

    @Override
    public final String model() {
        return scan.model();
    }

    /** Only chat completions stream; a {@code stream} field elsewhere is the provider's to judge. */
    @Override
    public final boolean stream() {
        return operation() == Operation.CHAT && scan.stream();
    }

    /** Whether a streaming caller asked for the final usage chunk. */
    final boolean includeUsage() {
        return scan.includeUsage();
    }

    /** The canonical request encoded by a provider's adapter. */
    abstract UpstreamRequest translate(ProviderAdapter adapter, R request, String upstreamModel, PromptCaching caching);

    /** The tools and earlier messages of a chat body, read from the caller's bytes once ({@link OpenAiPromptPrefix}). */
    @Override
    public final PromptPrefix promptPrefix(long minBytes) {
        if (operation() != Operation.CHAT) {
            return null;
        }
        if (!prefixRead) {
            prefixRead = true;
            prefix = OpenAiPromptPrefix.read(body, minBytes);
        }
        return prefix;
    }

    @Override
    public final byte[] rewrite(String upstreamModel, boolean forceUsage, Map<String, JsonNode> extraBody) {
        return OpenAiPassThrough.rewrite(body, scan, upstreamModel, forceUsage, extraBody);
    }

    @Override
    public final CacheFingerprint fingerprint(String group) {
        try {
            return CanonicalJson.fingerprint(
                    Json.parse(body), NOT_IN_KEY, "model", group, protocol().protocol() + " " + operation());
        } catch (IOException e) {
            throw new IllegalStateException("a body the front door validated no longer parses", e);
        }
    }

    @Override
    public final SemanticPrompt semanticPrompt(String group) {
        try {
            return SemanticPrompt.of(
                    Json.parse(body), NOT_IN_KEY, "model", group, protocol().protocol() + " " + operation());
        } catch (IOException e) {
            throw new IllegalStateException("a body the front door validated no longer parses", e);
        }
    }

    /** The operation of the door that read it. */
    @Override
    public final Operation operation() {
        return protocol().operation();
    }
}
