package dev.meridian.core.provider;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.core.model.Operation;
import java.util.Map;

/**
 * A caller's body in a provider's own protocol, read just enough to be forwarded with a few splices. Made by
 * the inbound protocol that read it; consumed by the {@link PassThroughAdapter} of a provider speaking the
 * same protocol. Immutable.
 */
public interface PassThroughBody {

    /** Which API the body is for. */
    Operation operation();

    /** Whether the caller asked for a stream. */
    boolean stream();

    /**
     * The bytes to send upstream: the model replaced by {@code upstreamModel}; for a stream with
     * {@code forceUsage}, usage requested; {@code extraBody} fields the caller did not set added.
     */
    byte[] rewrite(String upstreamModel, boolean forceUsage, Map<String, JsonNode> extraBody);

    /**
     * Headers of the caller's own protocol that a provider speaking it receives as they came (Anthropic's
     * {@code anthropic-beta}); empty by default. Never credentials.
     */
    default Map<String, String> headers() {
        return Map.of();
    }
}
