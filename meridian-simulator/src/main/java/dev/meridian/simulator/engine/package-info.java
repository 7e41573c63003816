/**
 * The simulator's deterministic behaviour, shared by every protocol: the normalized {@link
 * dev.meridian.simulator.engine.Conversation} a protocol decodes, the {@link
 * dev.meridian.simulator.engine.ReplyEngine} that answers it, {@link
 * dev.meridian.simulator.engine.Directives} (fault injection), token counting, JSON-schema
 * sampling, signatures and embeddings.
 *
 * <p>Nothing here does I/O or knows Vert.x: a protocol package turns an {@link
 * dev.meridian.simulator.engine.InboundRequest} into a {@link
 * dev.meridian.simulator.engine.SimResponse}, and the server writes it. All types are non-null
 * unless a method says otherwise; optional values are {@code Optional}/{@code OptionalInt}.
 */
package dev.meridian.simulator.engine;
