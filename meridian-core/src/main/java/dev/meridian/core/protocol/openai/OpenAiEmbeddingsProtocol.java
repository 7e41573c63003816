package dev.meridian.core.protocol.openai;

import dev.meridian.core.error.GatewayException;
import dev.meridian.core.inbound.InboundProtocol;
import dev.meridian.core.inbound.InboundRequest;
import dev.meridian.core.model.EmbeddingRequest;
import dev.meridian.core.model.EmbeddingResponse;
import dev.meridian.core.model.Operation;
import dev.meridian.core.provider.PromptCaching;
import dev.meridian.core.provider.Protocol;
import dev.meridian.core.provider.ProviderAdapter;
import dev.meridian.core.provider.UpstreamRequest;
import dev.meridian.core.relay.StreamFilter;
import dev.meridian.core.relay.StreamTranslator;
import java.util.List;

/** The front door of OpenAI embeddings ({@code POST /v1/embeddings}). Never streamed. Stateless. */
public final class OpenAiEmbeddingsProtocol implements InboundProtocol {

    public static final OpenAiEmbeddingsProtocol INSTANCE = new OpenAiEmbeddingsProtocol();

    private OpenAiEmbeddingsProtocol() {}

    @Override
    public Protocol protocol() {
        return Protocol.OPENAI;
    }

    @Override
    public Operation operation() {
        return Operation.EMBEDDINGS;
    }

    @Override
    public InboundRequest read(byte[] body) {
        return new Request(body, OpenAiPassThrough.scanEmbeddings(body));
    }

    @Override
    public byte[] encodeError(GatewayException e) {
        return OpenAiErrors.encode(e);
    }

    private static final class Request extends OpenAiInbound<EmbeddingRequest> {

        Request(byte[] body, OpenAiPassThrough.Scan scan) {
            super(body, scan, EmbeddingRequest.class);
        }

        @Override
        public OpenAiEmbeddingsProtocol protocol() {
            return INSTANCE;
        }

        @Override
        EmbeddingRequest decode(byte[] body) {
            return OpenAiRequestDecoder.decodeEmbeddings(body);
        }

        @Override
        UpstreamRequest translate(
                ProviderAdapter adapter, EmbeddingRequest request, String upstreamModel, PromptCaching caching) {
            return adapter.embeddingsRequest(request, upstreamModel);
        }

        @Override
        public Answer answer(ProviderAdapter adapter, String provider, byte[] body, boolean passThrough) {
            if (passThrough) {
                OpenAiAnswerScan.Answer answer = OpenAiAnswerScan.scan(provider, "response", body);
                return new Answer(body, answer.usage(), answer.model());
            }
            EmbeddingRequest request = canonical();
            EmbeddingResponse response = adapter.decodeEmbeddings(body, request);
            return new Answer(
                    OpenAiResponseEncoder.encodeEmbeddings(response, "base64".equals(request.encodingFormat())),
                    response.usage(),
                    response.model());
        }

        @Override
        public StreamTranslator streamTranslator(
                ProviderAdapter adapter, String provider, boolean passThrough, List<StreamFilter> filters) {
            throw new IllegalStateException("embeddings are never streamed");
        }
    }
}
