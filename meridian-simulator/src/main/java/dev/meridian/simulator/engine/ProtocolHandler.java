package dev.meridian.simulator.engine;

/**
 * One provider's wire protocol. The server asks each handler in turn whether it {@link #claims}
 * a request and gives the request to the first that does.
 *
 * <p>Implementations are stateless apart from the shared {@link SimContext}, called concurrently
 * from several event loops, and must not block: they decode, decide and encode, nothing else.
 */
public interface ProtocolHandler {

    /** Whether the request's route belongs to this protocol (unknown routes inside it included). */
    boolean claims(InboundRequest request);

    /**
     * The answer to a claimed request: a reply, or an error in this protocol's shape (unknown route,
     * authentication, validation, injected status). Never throws for bad input.
     */
    SimResponse handle(InboundRequest request, FaultSource faults);

    /** A 500 in this protocol's shape, for the server to send when handling failed unexpectedly. */
    SimResponse internalError(String message);
}
