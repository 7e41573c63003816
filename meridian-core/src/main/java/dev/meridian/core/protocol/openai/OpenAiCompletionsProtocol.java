package dev.meridian.core.protocol.openai;

import dev.meridian.core.error.GatewayException;
import dev.meridian.core.inbound.InboundProtocol;
import dev.meridian.core.inbound.InboundRequest;
import dev.meridian.core.model.ChatResponse;
import dev.meridian.core.model.Operation;
import dev.meridian.core.provider.Protocol;

/**
 * The front door of OpenAI's legacy completions ({@code POST /v1/completions}): a prompt in, text out. The prompt
 * is one user message of a chat request ({@link OpenAiCompletionDecoder}), so it routes, falls back, is cached and
 * accounted as a chat request to any provider; the answer and the stream come back as {@code text_completion}
 * objects. Never passed through, not even to OpenAI: see {@link OpenAiCompletionsRequest}. Stateless.
 */
public final class OpenAiCompletionsProtocol implements InboundProtocol {

    public static final OpenAiCompletionsProtocol INSTANCE = new OpenAiCompletionsProtocol();

    private OpenAiCompletionsProtocol() {}

    @Override
    public Protocol protocol() {
        return Protocol.OPENAI;
    }

    /** A chat, whatever door it came through: the same routes, limits, cache policy and accounting. */
    @Override
    public Operation operation() {
        return Operation.CHAT;
    }

    /** Decodes the whole body at once: it is always translated, so the scan would be the decode. */
    @Override
    public InboundRequest read(byte[] body) {
        return new OpenAiCompletionsRequest(body, OpenAiCompletionDecoder.decode(body));
    }

    @Override
    public byte[] encodeError(GatewayException e) {
        return OpenAiErrors.encode(e);
    }

    @Override
    public byte[] encodeAnswer(ChatResponse answer) {
        return OpenAiTextCompletion.encode(answer);
    }

    @Override
    public ChatResponse decodeAnswer(byte[] body) {
        return OpenAiTextCompletion.decode("cache", body);
    }
}
