package dev.meridian.server.pipeline;

import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.server.auth.Authenticator;
import dev.meridian.server.auth.PresentedKey;
import dev.meridian.server.auth.Principal;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;

/**
 * Who is calling, from {@code Authorization: Bearer <key>} (OpenAI SDKs) or {@code x-api-key} (Anthropic
 * SDKs). Runs before the body is read, so an unauthenticated caller costs almost nothing.
 */
public final class AuthenticateStage implements Stage {

    private final Authenticator authenticator;

    public AuthenticateStage(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public Future<Reply> apply(RequestContext ctx, Next next) {
        Future<Principal> principal = authenticate(ctx.caller().request());
        if (principal.succeeded()) {
            // The usual case, answered from memory: no callback.
            ctx.principal(principal.result());
            return next.run(ctx);
        }
        // The key is being looked up off the event loop: hold the body until a later stage reads it, or it would
        // arrive (and be dropped) before anyone listens.
        ctx.caller().request().pause();
        principal.onFailure(e -> ctx.caller().request().resume()); // refused: let the connection drain the unread body
        return principal.compose(p -> {
            ctx.principal(p);
            return next.run(ctx);
        });
    }

    /**
     * The caller of a request, for endpoints outside the pipeline too; fails with 401 {@code invalid_api_key}
     * when no key or an unknown key is presented.
     */
    public Future<Principal> authenticate(HttpServerRequest request) {
        String key;
        try {
            key = PresentedKey.of(request);
        } catch (GatewayException ambiguous) {
            return Future.failedFuture(ambiguous);
        }
        if (key == null) {
            return Future.failedFuture(GatewayException.of(
                    ErrorCode.INVALID_API_KEY,
                    "You didn't provide an API key."
                            + " Provide it in the Authorization header as 'Bearer <key>' or in the x-api-key header."));
        }
        Future<Principal> principal = authenticator.authenticate(key);
        if (principal.succeeded()) {
            return principal.result() != null ? principal : unknown(key);
        }
        return principal.compose(p -> p != null ? Future.succeededFuture(p) : unknown(key));
    }

    private static Future<Principal> unknown(String key) {
        return Future.failedFuture(
                GatewayException.of(ErrorCode.INVALID_API_KEY, "Incorrect API key provided: " + redact(key) + "."));
    }

    /** Shows only the ends of a key, as OpenAI does, so a typo can be spotted without leaking the key. */
    static String redact(String key) {
        if (key.length() <= 8) {
            return "****";
        }
        return key.substring(0, 3) + "*".repeat(Math.min(20, key.length() - 7)) + key.substring(key.length() - 4);
    }
}
