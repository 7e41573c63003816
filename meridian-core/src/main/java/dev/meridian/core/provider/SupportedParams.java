package dev.meridian.core.provider;

import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.model.ChatRequest;
import dev.meridian.core.model.Param;
import java.util.EnumSet;
import java.util.Set;

/**
 * Applies a provider's parameter support to a request: what the provider cannot honour is refused with a
 * 400 naming the caller's field, or, when the provider is configured with {@code dropUnsupportedParams},
 * removed. Unknown top-level fields are treated the same way. This is the only place parameters are dropped.
 */
public final class SupportedParams {

    private SupportedParams() {}

    /**
     * @return the request, possibly without the dropped parameters
     * @throws GatewayException {@link ErrorCode#UNSUPPORTED_PARAMETER} for the first unsupported parameter
     */
    public static ChatRequest apply(ChatRequest request, Set<Param> supported, ProviderSettings settings) {
        EnumSet<Param> unsupported = EnumSet.noneOf(Param.class);
        for (Param p : request.params()) {
            if (!supported.contains(p)) {
                unsupported.add(p);
            }
        }
        if (unsupported.isEmpty() && request.unknown().isEmpty()) {
            return request;
        }
        if (settings.dropUnsupportedParams()) {
            return request.without(unsupported, request.unknown().keySet());
        }
        String field = unsupported.isEmpty()
                ? request.unknown().keySet().iterator().next()
                : unsupported.iterator().next().openAiName();
        throw GatewayException.builder(
                        ErrorCode.UNSUPPORTED_PARAMETER,
                        "Parameter '" + field + "' is not supported by provider '" + settings.name()
                                + "'. Remove it, or configure the provider with dropUnsupportedParams: true.")
                .param(field)
                .build();
    }
}
