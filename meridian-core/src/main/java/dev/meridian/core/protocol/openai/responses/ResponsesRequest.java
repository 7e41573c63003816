package dev.meridian.core.protocol.openai.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.inbound.InboundRequest;
import dev.meridian.core.inbound.StatefulRequest;
import dev.meridian.core.inbound.StoredResponse;
import dev.meridian.core.json.Json;
import dev.meridian.core.model.CanonicalRequest;
import dev.meridian.core.model.ChatRequest;
import dev.meridian.core.model.ChatResponse;
import dev.meridian.core.model.Choice;
import dev.meridian.core.model.Message;
import dev.meridian.core.protocol.openai.OpenAiProtocolAdapter;
import dev.meridian.core.provider.PromptCaching;
import dev.meridian.core.provider.ProviderAdapter;
import dev.meridian.core.provider.UpstreamRequest;
import dev.meridian.core.relay.StreamFilter;
import dev.meridian.core.relay.StreamTranslator;
import dev.meridian.core.relay.TranslatedStream;
import dev.meridian.core.relay.UsageMeter;
import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

/**
 * One Responses API request. Whether it passes through is decided per deployment, here: an OpenAI-protocol
 * deployment that serves the Responses API receives the caller's body (unless a stage turned pass-through off);
 * any other receives the canonical chat request its adapter encodes, and its answer or stream is written back as a
 * response object or the typed events. A stored conversation ({@code previous_response_id}) is put before the input
 * on both paths. Confined to the request's event loop.
 */
final class ResponsesRequest implements InboundRequest, StatefulRequest {

    private final ResponsesBody body;
    private ArrayNode earlier = Json.NODES.arrayNode();
    private List<Message> earlierMessages = List.of();
    private ChatRequest canonical;
    private boolean passThroughAllowed = true;

    ResponsesRequest(ResponsesBody body) {
        this.body = body;
    }

    @Override
    public String model() {
        return body.model();
    }

    @Override
    public boolean stream() {
        return body.stream();
    }

    @Override
    public ResponsesProtocol protocol() {
        return ResponsesProtocol.INSTANCE;
    }

    /** Each answer is a new response with its own id, to be stored: never from or into the response cache. */
    @Override
    public boolean cacheable() {
        return false;
    }

    @Override
    public ChatRequest canonical() {
        if (canonical == null) {
            canonical = body.chat(earlierMessages);
        }
        return canonical;
    }

    @Override
    public void replace(CanonicalRequest request) {
        if (!(request instanceof ChatRequest chat)) {
            throw new IllegalArgumentException("a Responses request is a chat request, not a "
                    + request.getClass().getSimpleName());
        }
        canonical = chat;
        passThroughAllowed = false;
    }

    @Override
    public void canonicalOnly() {
        canonical();
        passThroughAllowed = false;
    }

    @Override
    public boolean passThroughAllowed() {
        return passThroughAllowed;
    }

    /** Whether {@code adapter}'s deployment serves the Responses API, so takes this request as the caller sent it. */
    @Override
    public boolean passesThrough(ProviderAdapter adapter) {
        return passThroughAllowed && adapter instanceof OpenAiProtocolAdapter openAi && openAi.servesResponses();
    }

    @Override
    public UpstreamRequest upstreamRequest(
            ProviderAdapter adapter, String upstreamModel, boolean passThrough, PromptCaching caching) {
        if (passesThrough(adapter)) {
            return ((OpenAiProtocolAdapter) adapter)
                    .responsesRequest(ResponsesPassThrough.body(body, earlier, upstreamModel), upstreamModel, stream());
        }
        if (body.refusal() != null) {
            throw body.refusal();
        }
        return adapter.chatRequest(canonical(), upstreamModel, caching);
    }

    @Override
    public Answer answer(ProviderAdapter adapter, String provider, byte[] bytes, boolean passThrough) {
        if (passesThrough(adapter)) {
            ResponsesPassThrough.Read read = ResponsesPassThrough.answer(provider, bytes);
            return new Answer(bytes, read.usage(), read.model());
        }
        ChatResponse chat = adapter.decodeChat(bytes);
        Choice first = chat.choices().isEmpty() ? null : chat.choices().get(0);
        ArrayNode output = first == null ? Json.NODES.arrayNode() : ResponsesOutput.items(first.message());
        ObjectNode response = ResponsesOutput.response(
                body,
                ResponsesOutput.id("resp_"),
                chat.created() > 0 ? chat.created() : System.currentTimeMillis() / 1000,
                chat.model(),
                ResponsesOutput.status(first == null ? null : first.finishReason()),
                output,
                chat.usage());
        return new Answer(Json.bytes(response), chat.usage(), chat.model());
    }

    @Override
    public StreamTranslator streamTranslator(
            ProviderAdapter adapter, String provider, boolean passThrough, List<StreamFilter> filters) {
        if (passesThrough(adapter)) {
            return new ResponsesPassThroughStream(provider);
        }
        return new CompletingStream(adapter, filters, new ResponsesStreamEncoder(body));
    }

    /** A translated stream that also hands out the response it ended with. */
    private static final class CompletingStream implements StreamTranslator, StatefulRequest.Completion {
        private final TranslatedStream stream;
        private final ResponsesStreamEncoder encoder;

        CompletingStream(ProviderAdapter adapter, List<StreamFilter> filters, ResponsesStreamEncoder encoder) {
            this.stream = new TranslatedStream(adapter.newStreamDecoder(), filters, encoder);
            this.encoder = encoder;
        }

        @Override
        public void onBytes(byte[] chunk, Consumer<byte[]> out) {
            stream.onBytes(chunk, out);
        }

        @Override
        public void onEnd(Consumer<byte[]> out) {
            stream.onEnd(out);
        }

        @Override
        public byte[] error(GatewayException e) {
            return stream.error(e);
        }

        @Override
        public UsageMeter meter() {
            return stream.meter();
        }

        @Override
        public byte[] completedResponse() {
            return encoder.completedResponse();
        }
    }

    @Override
    public String previousResponseId() {
        return body.previousResponseId();
    }

    @Override
    public void continueFrom(StoredResponse previous) {
        JsonNode items;
        try {
            items = Json.parse(previous.items());
        } catch (IOException e) {
            throw new IllegalStateException("a stored conversation is not JSON", e);
        }
        if (!(items instanceof ArrayNode array)) {
            throw new IllegalStateException("a stored conversation is not an array of items");
        }
        earlier = array;
        earlierMessages = ResponsesInput.messages(array, "previous_response_id");
        if (passThroughAllowed) {
            canonical = null;
        }
    }

    @Override
    public boolean store() {
        return body.store();
    }

    @Override
    public StoredResponse stored(byte[] response) {
        JsonNode r;
        try {
            r = Json.parse(response);
        } catch (IOException e) {
            throw GatewayException.of(ErrorCode.UPSTREAM_ERROR, "The response to store is not JSON.");
        }
        String id = Json.text(r, "id");
        if (id == null) {
            throw GatewayException.of(ErrorCode.UPSTREAM_ERROR, "The response to store has no id.");
        }
        ArrayNode items = Json.NODES.arrayNode();
        items.addAll(earlier);
        items.addAll(body.input());
        JsonNode output = r.path("output");
        if (output.isArray()) {
            for (JsonNode item : output) {
                items.add(item);
            }
        }
        String model = Json.text(r, "model");
        return new StoredResponse(
                id,
                model == null ? body.model() : model,
                r.path("created_at").asLong(System.currentTimeMillis() / 1000),
                response,
                Json.bytes(items));
    }
}
