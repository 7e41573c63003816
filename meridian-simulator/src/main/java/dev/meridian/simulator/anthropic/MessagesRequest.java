package dev.meridian.simulator.anthropic;

import dev.meridian.simulator.engine.Conversation;
import dev.meridian.simulator.engine.Directives;

/**
 * A decoded Messages request.
 *
 * @param conversation what the reply engine answers
 * @param inline directives found in the last message
 * @param stream whether to answer with an event stream
 * @param promptTokens the simulator's count of tools, system and messages
 * @param cachePrefixTokens tokens up to and including the last block with {@code cache_control}
 * @param cachePrefixKey hash of the model and that prefix, for the prompt-cache ledger
 */
record MessagesRequest(
        Conversation conversation,
        Directives inline,
        boolean stream,
        int promptTokens,
        int cachePrefixTokens,
        long cachePrefixKey) {}
