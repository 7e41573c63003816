package dev.meridian.simulator.openai;

import dev.meridian.simulator.engine.Conversation;
import dev.meridian.simulator.engine.Directives;

/**
 * A decoded chat completion request.
 *
 * @param conversation what the reply engine answers
 * @param inline directives found in the last message
 * @param stream whether to answer with an event stream
 * @param includeUsage {@code stream_options.include_usage}
 * @param promptTokens the simulator's count of the prompt
 * @param promptKey hash of model, messages and tools, for the prompt-cache ledger
 * @param reasoning whether the model is a reasoning model (hidden reasoning tokens)
 */
record ChatRequest(
        Conversation conversation,
        Directives inline,
        boolean stream,
        boolean includeUsage,
        int promptTokens,
        long promptKey,
        boolean reasoning) {}
