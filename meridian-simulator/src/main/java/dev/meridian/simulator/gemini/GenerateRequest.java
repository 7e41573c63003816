package dev.meridian.simulator.gemini;

import dev.meridian.simulator.engine.Conversation;
import dev.meridian.simulator.engine.Directives;

/**
 * A decoded generateContent request.
 *
 * @param conversation what the reply engine answers ({@code thinking} set when the request has a
 *     {@code thinkingConfig} whose budget is not 0)
 * @param inline directives found in the last content
 * @param promptTokens the simulator's count of system instruction, contents and tools
 * @param includeThoughts whether thought summaries are returned as {@code thought: true} parts
 */
record GenerateRequest(Conversation conversation, Directives inline, int promptTokens, boolean includeThoughts) {}
