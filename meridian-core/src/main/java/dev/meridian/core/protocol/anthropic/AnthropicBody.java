package dev.meridian.core.protocol.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.core.provider.PassThroughBody;
import java.util.Map;

/** A caller's Messages body on its way to an Anthropic provider as it came, which may also get cache breakpoints. */
public interface AnthropicBody extends PassThroughBody {

    /**
     * The bytes to send: the model replaced by {@code upstreamModel}, the {@code extraBody} fields the caller did not
     * set added and, with {@code autoCache}, prompt-cache breakpoints inserted where the caller set none
     * ({@link AnthropicPromptCache}).
     */
    byte[] rewrite(String upstreamModel, Map<String, JsonNode> extraBody, boolean autoCache);
}
