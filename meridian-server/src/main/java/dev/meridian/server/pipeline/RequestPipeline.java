package dev.meridian.server.pipeline;

import dev.meridian.core.pii.PiiPolicy;
import dev.meridian.server.auth.Authenticator;
import dev.meridian.server.cache.ResponseCache;
import dev.meridian.server.responses.ResponseStore;
import dev.meridian.server.routing.Admission;
import dev.meridian.server.routing.RouteTable;
import dev.meridian.server.routing.RoutingMetrics;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/** The request path, in order, in one place. Adding a capability means adding its stage to this list. */
public final class RequestPipeline {

    private RequestPipeline() {}

    /**
     * authenticate → read body → front door (scan and validate in the caller's protocol) → access (key, model
     * allow-list) → conversation (a stored conversation put before the input; the answer stored) → PII (block, or mask through the
     * canonical path and restore the answer) → residency → resolve (smart choice, degradation: the route plan) → decode (the canonical request,
     * when the plan may translate) → response cache (a hit answers here) → admission → {@code attempts} (retries,
     * fallbacks, hedging, per-attempt hooks). Budgets decide a downgrade in resolve (through {@code downgrade}) and
     * reserve in the attempts' hooks, as limits do: a cache hit never reaches them.
     *
     * @param internalAccounting accounts a request the gateway made for itself (the semantic cache's embedding
     *                           call) once it is over, as the reply writer accounts a caller's
     * @param assembly           how the stages are put together ({@link Pipeline.Assembly#PLAIN}, or traced)
     */
    public static Pipeline of(
            Vertx vertx,
            Authenticator authenticator,
            long maxBodyBytes,
            RouteTable table,
            Admission admission,
            RoutingMetrics metrics,
            GroupDowngrade downgrade,
            ResponseCache cache,
            ResponseStore responses,
            Function<String, PiiPolicy> pii,
            Stage.Next attempts,
            Consumer<RequestContext> internalAccounting,
            Pipeline.Assembly assembly) {
        return assembly.assemble(
                List.of(
                        new AuthenticateStage(authenticator),
                        new ReadBodyStage(maxBodyBytes),
                        new FrontDoorStage(),
                        new AccessStage(),
                        new ConversationStage(responses),
                        new PiiStage(pii),
                        new ResidencyStage(table),
                        new ResolveStage(table, admission, metrics, downgrade),
                        new DecodeStage(table),
                        new CacheStage(
                                cache,
                                new SemanticLookup(cache, new PromptEmbedder(table, attempts, internalAccounting))),
                        new AdmissionStage(vertx, admission, metrics)),
                attempts);
    }
}
