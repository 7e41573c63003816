package dev.meridian.server.pipeline;

import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.inbound.StatefulRequest;
import dev.meridian.server.responses.ResponseStore;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Conversations kept by the gateway, for doors whose requests are {@link StatefulRequest}s (the Responses API): the
 * stored conversation a request continues is read (off the event loop) and put before its input, ahead of routing;
 * an answer the caller asked to store is stored once it reached the caller whole (after the reply is written, so
 * the caller never waits for the write). Other requests pass straight through.
 */
public final class ConversationStage implements Stage {

    private static final Logger LOG = LoggerFactory.getLogger(ConversationStage.class);

    private final ResponseStore store;

    public ConversationStage(ResponseStore store) {
        this.store = store;
    }

    @Override
    public Future<Reply> apply(RequestContext ctx, Next next) {
        if (!(ctx.inbound() instanceof StatefulRequest request)) {
            return next.run(ctx);
        }
        if (request.store() && !store.admits()) {
            // Refused before anything is sent: an answer the gateway could not keep would be lost once given.
            return Future.failedFuture(GatewayException.builder(
                            ErrorCode.OVERLOADED,
                            "Stored responses are waiting to be written to the database; retry after 1 s, or send"
                                    + " \"store\": false.")
                    .param("store")
                    .retryAfter("1")
                    .build());
        }
        String owner = ResponseStore.owner(ctx.principal());
        String previous = request.previousResponseId();
        if (previous == null) {
            return storing(ctx, next, request, owner);
        }
        return store.find(owner, previous).compose(found -> {
            if (found == null) {
                throw GatewayException.builder(
                                ErrorCode.NOT_FOUND, "Previous response with id '" + previous + "' not found.")
                        .param("previous_response_id")
                        .build();
            }
            request.continueFrom(found);
            return storing(ctx, next, request, owner);
        });
    }

    private Future<Reply> storing(RequestContext ctx, Next next, StatefulRequest request, String owner) {
        Future<Reply> reply = next.run(ctx);
        if (!request.store()) {
            return reply;
        }
        return reply.map(r -> {
            if (r instanceof Reply.Complete c && c.status() == 200) {
                byte[] body = c.body().getBytes();
                ctx.whenDone(() -> save(ctx, request, owner, body));
            } else if (r instanceof Reply.Streaming s && s.translator() instanceof StatefulRequest.Completion done) {
                ctx.whenDone(() -> save(ctx, request, owner, done.completedResponse()));
            }
            return r;
        });
    }

    private void save(RequestContext ctx, StatefulRequest request, String owner, byte[] response) {
        RequestContext.Outcome outcome = ctx.outcome();
        if (response == null || outcome == null || outcome.status() != 200 || outcome.error() != null) {
            return;
        }
        try {
            store.save(owner, ctx.principal() == null ? null : ctx.principal().keyId(), request.stored(response));
        } catch (RuntimeException e) {
            LOG.warn("request {}: its response could not be stored: {}", ctx.requestId(), e.toString());
        }
    }
}
