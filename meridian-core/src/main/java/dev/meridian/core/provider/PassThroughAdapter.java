package dev.meridian.core.provider;

/**
 * Implemented by adapters whose provider speaks the caller's protocol, so a request body can be forwarded as
 * it came, changed only where it must be (model name, usage request, configured extras). Pure: no I/O.
 */
public interface PassThroughAdapter {

    /**
     * The upstream request for a caller body in the provider's own protocol.
     *
     * @param body          the caller's body, with what the front door read from it
     * @param upstreamModel the provider's name for the model
     */
    UpstreamRequest passThrough(PassThroughBody body, String upstreamModel);

    /** {@link #passThrough(PassThroughBody, String)} with what the gateway asks of the provider's prompt cache. */
    default UpstreamRequest passThrough(PassThroughBody body, String upstreamModel, PromptCaching caching) {
        return passThrough(body, upstreamModel);
    }
}
