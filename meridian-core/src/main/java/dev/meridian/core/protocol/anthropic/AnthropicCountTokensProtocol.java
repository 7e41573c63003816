package dev.meridian.core.protocol.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.inbound.InboundProtocol;
import dev.meridian.core.inbound.InboundRequest;
import dev.meridian.core.json.Json;
import dev.meridian.core.model.Operation;
import dev.meridian.core.model.TokenCountRequest;
import dev.meridian.core.model.Usage;
import dev.meridian.core.provider.PromptCaching;
import dev.meridian.core.provider.Protocol;
import dev.meridian.core.provider.ProviderAdapter;
import dev.meridian.core.provider.UpstreamErrors;
import dev.meridian.core.provider.UpstreamRequest;
import dev.meridian.core.relay.StreamFilter;
import dev.meridian.core.relay.StreamTranslator;
import dev.meridian.core.tokens.InputTokens;
import java.io.IOException;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The front door of Anthropic's token counting ({@code POST /v1/messages/count_tokens},
 * https://platform.claude.com/docs/en/api/messages-count-tokens), answering {@code {"input_tokens": N}}. An
 * Anthropic provider counts: the body passes through to its {@code count_tokens}. Any other provider has no such API
 * here, so the gateway counts the canonical request itself, without calling it ({@link InputTokens}: the model's
 * own encoding for OpenAI's models, {@code o200k_base} as an approximation for the others, with OpenAI's per-message
 * overhead). Counting is free: the usage recorded is zero. Stateless.
 */
public final class AnthropicCountTokensProtocol implements InboundProtocol {

    public static final AnthropicCountTokensProtocol INSTANCE = new AnthropicCountTokensProtocol();

    private AnthropicCountTokensProtocol() {}

    @Override
    public Protocol protocol() {
        return Protocol.ANTHROPIC;
    }

    @Override
    public Operation operation() {
        return Operation.COUNT_TOKENS;
    }

    @Override
    public InboundRequest read(byte[] body) {
        return read(body, name -> null);
    }

    @Override
    public InboundRequest read(byte[] body, Function<String, String> headers) {
        return new Request(body, AnthropicScan.read(body, false), headers.apply("anthropic-beta"));
    }

    @Override
    public byte[] encodeError(GatewayException e) {
        return AnthropicErrors.encode(e);
    }

    @Override
    public int errorStatus(GatewayException e) {
        return AnthropicErrors.status(e);
    }

    /** The answer's body: {@code {"input_tokens": n}}. */
    static byte[] count(long tokens) {
        return Json.bytes(Json.object().put("input_tokens", tokens));
    }

    private static final class Request extends AnthropicInbound<TokenCountRequest> {

        Request(byte[] bytes, ObjectNode body, String beta) {
            super(bytes, body, beta, TokenCountRequest.class);
        }

        @Override
        public AnthropicCountTokensProtocol protocol() {
            return INSTANCE;
        }

        @Override
        public boolean stream() {
            return false;
        }

        @Override
        TokenCountRequest decode(ObjectNode body) {
            return new TokenCountRequest(AnthropicRequestDecoder.decode(body, false));
        }

        /** Counted here for every provider that does not receive the caller's body as it came. */
        @Override
        public Supplier<Answer> localAnswer(ProviderAdapter adapter, String upstreamModel, boolean passThrough) {
            if (passThrough) {
                return null;
            }
            TokenCountRequest request = canonical(); // decoded here, on the request's own thread
            return () -> new Answer(count(InputTokens.count(request, upstreamModel)), Usage.ZERO, upstreamModel);
        }

        @Override
        UpstreamRequest translate(
                ProviderAdapter adapter, TokenCountRequest request, String upstreamModel, PromptCaching caching) {
            throw new IllegalStateException("a token count for another protocol is answered by localAnswer");
        }

        @Override
        public Answer answer(ProviderAdapter adapter, String provider, byte[] body, boolean passThrough) {
            JsonNode root;
            try {
                root = Json.parse(body);
            } catch (IOException e) {
                throw UpstreamErrors.unreadable(provider, "response", e);
            }
            if (root == null || !root.path("input_tokens").isIntegralNumber()) {
                throw UpstreamErrors.malformed(provider, "response: no input_tokens");
            }
            return new Answer(body, Usage.ZERO, null);
        }

        @Override
        public StreamTranslator streamTranslator(
                ProviderAdapter adapter, String provider, boolean passThrough, List<StreamFilter> filters) {
            throw new IllegalStateException("token counts are never streamed");
        }
    }
}
