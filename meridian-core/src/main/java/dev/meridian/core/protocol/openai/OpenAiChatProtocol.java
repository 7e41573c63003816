package dev.meridian.core.protocol.openai;

import dev.meridian.core.error.GatewayException;
import dev.meridian.core.inbound.InboundProtocol;
import dev.meridian.core.inbound.InboundRequest;
import dev.meridian.core.model.ChatRequest;
import dev.meridian.core.model.ChatResponse;
import dev.meridian.core.model.Operation;
import dev.meridian.core.model.StreamEvent;
import dev.meridian.core.provider.PromptCaching;
import dev.meridian.core.provider.Protocol;
import dev.meridian.core.provider.ProviderAdapter;
import dev.meridian.core.provider.UpstreamRequest;
import dev.meridian.core.relay.AnswerEvents;
import dev.meridian.core.relay.StreamFilter;
import dev.meridian.core.relay.StreamTranslator;
import dev.meridian.core.relay.TranslatedStream;
import java.io.ByteArrayOutputStream;
import java.util.List;

/** The front door of OpenAI chat completions ({@code POST /v1/chat/completions}). Stateless. */
public final class OpenAiChatProtocol implements InboundProtocol {

    public static final OpenAiChatProtocol INSTANCE = new OpenAiChatProtocol();

    private OpenAiChatProtocol() {}

    @Override
    public Protocol protocol() {
        return Protocol.OPENAI;
    }

    @Override
    public Operation operation() {
        return Operation.CHAT;
    }

    @Override
    public InboundRequest read(byte[] body) {
        return new Request(body, OpenAiPassThrough.scanChat(body));
    }

    @Override
    public byte[] encodeError(GatewayException e) {
        return OpenAiErrors.encode(e);
    }

    @Override
    public byte[] encodeAnswer(ChatResponse answer) {
        return OpenAiResponseEncoder.encode(answer);
    }

    @Override
    public ChatResponse decodeAnswer(byte[] body) {
        return OpenAiResponseDecoder.decode("cache", body);
    }

    private static final class Request extends OpenAiInbound<ChatRequest> {

        Request(byte[] body, OpenAiPassThrough.Scan scan) {
            super(body, scan, ChatRequest.class);
        }

        @Override
        public OpenAiChatProtocol protocol() {
            return INSTANCE;
        }

        @Override
        ChatRequest decode(byte[] body) {
            return OpenAiRequestDecoder.decodeChat(body);
        }

        @Override
        UpstreamRequest translate(
                ProviderAdapter adapter, ChatRequest request, String upstreamModel, PromptCaching caching) {
            return adapter.chatRequest(request, upstreamModel, caching);
        }

        @Override
        public Answer answer(ProviderAdapter adapter, String provider, byte[] body, boolean passThrough) {
            if (passThrough) {
                OpenAiAnswerScan.Answer answer = OpenAiAnswerScan.scan(provider, "response", body);
                return new Answer(body, answer.usage(), answer.model());
            }
            ChatResponse response = adapter.decodeChat(body);
            return new Answer(OpenAiResponseEncoder.encode(response), response.usage(), response.model());
        }

        @Override
        public Replay replay(ChatResponse answer) {
            OpenAiStreamEncoder encoder = new OpenAiStreamEncoder(true);
            ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
            for (StreamEvent event : AnswerEvents.of(answer)) {
                out.writeBytes(encoder.encode(event));
            }
            // A hit cost nothing: the usage chunk says so.
            out.writeBytes(encoder.finish(0.0));
            return new Replay(List.of(out.toByteArray()), new OpenAiPassThroughStream("cache", includeUsage()));
        }

        @Override
        public StreamTranslator streamTranslator(
                ProviderAdapter adapter, String provider, boolean passThrough, List<StreamFilter> filters) {
            if (passThrough) {
                return new OpenAiPassThroughStream(provider, includeUsage());
            }
            return new TranslatedStream(adapter.newStreamDecoder(), filters, new OpenAiStreamEncoder(includeUsage()));
        }
    }
}
