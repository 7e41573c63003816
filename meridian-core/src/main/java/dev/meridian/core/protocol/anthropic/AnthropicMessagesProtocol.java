package dev.meridian.core.protocol.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.core.cache.CacheFingerprint;
import dev.meridian.core.cache.CanonicalJson;
import dev.meridian.core.cache.SemanticPrompt;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.inbound.InboundProtocol;
import dev.meridian.core.inbound.InboundRequest;
import dev.meridian.core.inbound.PromptPrefix;
import dev.meridian.core.json.Json;
import dev.meridian.core.model.ChatRequest;
import dev.meridian.core.model.ChatResponse;
import dev.meridian.core.model.Operation;
import dev.meridian.core.model.StreamEvent;
import dev.meridian.core.provider.PromptCaching;
import dev.meridian.core.provider.Protocol;
import dev.meridian.core.provider.ProviderAdapter;
import dev.meridian.core.provider.UpstreamErrors;
import dev.meridian.core.provider.UpstreamRequest;
import dev.meridian.core.relay.AnswerEvents;
import dev.meridian.core.relay.StreamFilter;
import dev.meridian.core.relay.StreamTranslator;
import dev.meridian.core.relay.TranslatedStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The front door of Anthropic's Messages API ({@code POST /v1/messages}), for tools built on the Anthropic SDKs. To
 * an Anthropic provider the body passes through with the model replaced and the caller's {@code anthropic-beta}
 * beside it; to any other it is translated through the canonical model both ways, streams included. Errors are
 * Anthropic's ({@link AnthropicErrors#encode}). Stateless.
 */
public final class AnthropicMessagesProtocol implements InboundProtocol {

    public static final AnthropicMessagesProtocol INSTANCE = new AnthropicMessagesProtocol();

    /** Fields that do not change the answer: how it is delivered, and who asked. */
    private static final Set<String> NOT_IN_KEY = Set.of("stream", "metadata");

    private AnthropicMessagesProtocol() {}

    @Override
    public Protocol protocol() {
        return Protocol.ANTHROPIC;
    }

    @Override
    public Operation operation() {
        return Operation.CHAT;
    }

    @Override
    public InboundRequest read(byte[] body) {
        return read(body, name -> null);
    }

    @Override
    public InboundRequest read(byte[] body, Function<String, String> headers) {
        return new Request(body, AnthropicScan.read(body, true), headers.apply("anthropic-beta"));
    }

    @Override
    public byte[] encodeError(GatewayException e) {
        return AnthropicErrors.encode(e);
    }

    @Override
    public int errorStatus(GatewayException e) {
        return AnthropicErrors.status(e);
    }

    @Override
    public byte[] encodeAnswer(ChatResponse answer) {
        return AnthropicResponseEncoder.encode(answer);
    }

    @Override
    public ChatResponse decodeAnswer(byte[] body) {
        return AnthropicResponseDecoder.decode(body, "cache", 0);
    }

    /**
     * An Anthropic provider's answer as it came: what accounting needs read from it.
     *
     * @throws GatewayException {@code UPSTREAM_ERROR} when it is not a Message
     */
    static InboundRequest.Answer passThroughAnswer(String provider, byte[] body) {
        JsonNode root;
        try {
            root = Json.parse(body);
        } catch (IOException e) {
            throw UpstreamErrors.unreadable(provider, "response", e);
        }
        if (root == null || !root.isObject() || Json.text(root, "model") == null) {
            throw UpstreamErrors.malformed(provider, "response: not a Messages API message");
        }
        return new InboundRequest.Answer(
                body, AnthropicUsage.NONE.updatedWith(root.get("usage")).toUsage(), Json.text(root, "model"));
    }

    private static final class Request extends AnthropicInbound<ChatRequest> {

        private final byte[] bytes;
        private boolean prefixRead;
        private PromptPrefix prefix;

        Request(byte[] bytes, ObjectNode body, String beta) {
            super(bytes, body, beta, ChatRequest.class);
            this.bytes = bytes;
        }

        /** Tools, system and the earlier turns, read from the caller's bytes once ({@link AnthropicPromptPrefix}). */
        @Override
        public PromptPrefix promptPrefix(long minBytes) {
            if (!prefixRead) {
                prefixRead = true;
                prefix = AnthropicPromptPrefix.read(bytes, minBytes);
            }
            return prefix;
        }

        @Override
        public AnthropicMessagesProtocol protocol() {
            return INSTANCE;
        }

        @Override
        ChatRequest decode(ObjectNode body) {
            return AnthropicRequestDecoder.decode(body, true);
        }

        @Override
        UpstreamRequest translate(
                ProviderAdapter adapter, ChatRequest request, String upstreamModel, PromptCaching caching) {
            try {
                return adapter.chatRequest(request, upstreamModel, caching);
            } catch (GatewayException e) {
                throw AnthropicFieldNames.named(e);
            }
        }

        @Override
        public Answer answer(ProviderAdapter adapter, String provider, byte[] body, boolean passThrough) {
            if (passThrough) {
                return passThroughAnswer(provider, body);
            }
            ChatResponse response = adapter.decodeChat(body);
            return new Answer(AnthropicResponseEncoder.encode(response), response.usage(), response.model());
        }

        @Override
        public StreamTranslator streamTranslator(
                ProviderAdapter adapter, String provider, boolean passThrough, List<StreamFilter> filters) {
            if (passThrough) {
                return new AnthropicPassThroughStream(provider);
            }
            return new TranslatedStream(adapter.newStreamDecoder(), filters, new AnthropicStreamEncoder());
        }

        @Override
        public CacheFingerprint fingerprint(String group) {
            return CanonicalJson.fingerprint(body(), NOT_IN_KEY, "model", group, "ANTHROPIC CHAT");
        }

        /** The messages' text (the top-level {@code system} stays in the exactly matched rest). */
        @Override
        public SemanticPrompt semanticPrompt(String group) {
            return SemanticPrompt.of(body(), NOT_IN_KEY, "model", group, "ANTHROPIC CHAT");
        }

        @Override
        public Replay replay(ChatResponse answer) {
            AnthropicStreamEncoder encoder = new AnthropicStreamEncoder();
            ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
            for (StreamEvent event : AnswerEvents.of(answer)) {
                out.writeBytes(encoder.encode(event));
            }
            out.writeBytes(encoder.finish(0.0));
            return new Replay(List.of(out.toByteArray()), new AnthropicPassThroughStream("cache"));
        }
    }
}
