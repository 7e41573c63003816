package dev.meridian.core.inbound;

import static java.util.Objects.requireNonNull;

import dev.meridian.core.model.CanonicalRequest;
import dev.meridian.core.provider.PassThroughAdapter;
import dev.meridian.core.provider.PassThroughBody;
import dev.meridian.core.provider.PromptCaching;
import dev.meridian.core.provider.ProviderAdapter;
import dev.meridian.core.provider.UpstreamRequest;

/**
 * What every door's request that can pass through shares: the canonical form decoded once, on first need, or
 * replaced (which, like asking for the canonical form only, turns pass-through off); and the request for a provider,
 * the caller's body ({@link PassThroughBody}) when it passes through, else the canonical form translated.
 *
 * @param <R> the door's canonical request type
 */
public abstract class CanonicalOnce<R extends CanonicalRequest> implements InboundRequest, PassThroughBody {

    private final Class<R> type;
    private R canonical;
    private boolean passThroughAllowed = true;

    protected CanonicalOnce(Class<R> type) {
        this.type = requireNonNull(type, "type");
    }

    /** Decodes the caller's body into the canonical request, validating every field it reads. */
    protected abstract R decodeBody();

    /** The canonical request encoded by a provider's adapter, for a provider of another protocol. */
    protected abstract UpstreamRequest translated(
            ProviderAdapter adapter, R request, String upstreamModel, PromptCaching caching);

    @Override
    public final R canonical() {
        if (canonical == null) {
            canonical = decodeBody();
        }
        return canonical;
    }

    @Override
    public final void replace(CanonicalRequest request) {
        if (!type.isInstance(request)) {
            throw new IllegalArgumentException("a " + type.getSimpleName() + " cannot be replaced by a "
                    + request.getClass().getSimpleName());
        }
        canonical = type.cast(request);
        passThroughAllowed = false;
    }

    @Override
    public final void canonicalOnly() {
        canonical();
        passThroughAllowed = false;
    }

    @Override
    public final boolean passThroughAllowed() {
        return passThroughAllowed;
    }

    @Override
    public final UpstreamRequest upstreamRequest(
            ProviderAdapter adapter, String upstreamModel, boolean passThrough, PromptCaching caching) {
        if (passThrough) {
            return ((PassThroughAdapter) adapter).passThrough(this, upstreamModel, caching);
        }
        return translated(adapter, canonical(), upstreamModel, caching);
    }
}
