package dev.meridian.core.protocol.openai;

import static java.util.Objects.requireNonNull;

import dev.meridian.core.cache.CacheFingerprint;
import dev.meridian.core.cache.CanonicalJson;
import dev.meridian.core.inbound.InboundRequest;
import dev.meridian.core.model.CanonicalRequest;
import dev.meridian.core.model.ChatRequest;
import dev.meridian.core.model.ChatResponse;
import dev.meridian.core.model.StreamEvent;
import dev.meridian.core.provider.PromptCaching;
import dev.meridian.core.provider.ProviderAdapter;
import dev.meridian.core.provider.UpstreamRequest;
import dev.meridian.core.relay.AnswerEvents;
import dev.meridian.core.relay.StreamFilter;
import dev.meridian.core.relay.StreamTranslator;
import dev.meridian.core.relay.TranslatedStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Set;

/**
 * A legacy completions request, decoded at the door into a chat request and always translated, even for an
 * OpenAI-protocol provider: the gateway routes public names to chat deployments, which OpenAI serves at
 * {@code /v1/chat/completions} only (its few legacy-completion models would need a route of their own), so
 * every provider receives the chat request its adapter encodes, and every answer is re-encoded as a
 * {@code text_completion}. Confined to the request's event loop.
 */
final class OpenAiCompletionsRequest implements InboundRequest {

    /** Fields that do not change the answer: how it is delivered, and who asked. */
    private static final Set<String> NOT_IN_KEY = Set.of("stream", "stream_options", "user");

    private final byte[] body;
    private ChatRequest request;

    OpenAiCompletionsRequest(byte[] body, ChatRequest request) {
        this.body = requireNonNull(body, "body");
        this.request = requireNonNull(request, "request");
    }

    @Override
    public String model() {
        return request.model();
    }

    @Override
    public boolean stream() {
        return request.stream();
    }

    @Override
    public OpenAiCompletionsProtocol protocol() {
        return OpenAiCompletionsProtocol.INSTANCE;
    }

    @Override
    public ChatRequest canonical() {
        return request;
    }

    @Override
    public void replace(CanonicalRequest replacement) {
        if (!(replacement instanceof ChatRequest chat)) {
            throw new IllegalArgumentException("a completions request cannot be replaced by a "
                    + replacement.getClass().getSimpleName());
        }
        request = chat;
    }

    /** Already so: decoded at the door and never passed through. */
    @Override
    public void canonicalOnly() {}

    @Override
    public boolean passThroughAllowed() {
        return false;
    }

    @Override
    public UpstreamRequest upstreamRequest(
            ProviderAdapter adapter, String upstreamModel, boolean passThrough, PromptCaching caching) {
        return adapter.chatRequest(request, upstreamModel, caching);
    }

    @Override
    public Answer answer(ProviderAdapter adapter, String provider, byte[] upstreamBody, boolean passThrough) {
        ChatResponse response = adapter.decodeChat(upstreamBody);
        return new Answer(OpenAiTextCompletion.encode(response), response.usage(), response.model());
    }

    @Override
    public StreamTranslator streamTranslator(
            ProviderAdapter adapter, String provider, boolean passThrough, List<StreamFilter> filters) {
        return new TranslatedStream(
                adapter.newStreamDecoder(), filters, new OpenAiCompletionStreamEncoder(request.includeUsage()));
    }

    @Override
    public CacheFingerprint fingerprint(String group) {
        return CanonicalJson.fingerprint(
                OpenAiRequestDecoder.parse(body), NOT_IN_KEY, "model", group, "OPENAI COMPLETIONS");
    }

    /**
     * A cached answer as text completion events, usage included; the usage chunk is withheld from a caller who did
     * not ask for it by the same relay that does so for chat replays.
     */
    @Override
    public Replay replay(ChatResponse answer) {
        OpenAiCompletionStreamEncoder encoder = new OpenAiCompletionStreamEncoder(true);
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        for (StreamEvent event : AnswerEvents.of(answer)) {
            out.writeBytes(encoder.encode(event));
        }
        // A hit cost nothing: the usage chunk says so.
        out.writeBytes(encoder.finish(0.0));
        return new Replay(List.of(out.toByteArray()), new OpenAiPassThroughStream("cache", request.includeUsage()));
    }
}
