package dev.meridian.core.model;

import static java.util.Objects.requireNonNull;

/**
 * A request to count a chat request's input tokens, without generating anything (Anthropic's
 * {@code POST /v1/messages/count_tokens}). It costs nothing and produces no output tokens.
 *
 * @param chat the conversation, tools and settings whose input is counted
 */
public record TokenCountRequest(ChatRequest chat) implements CanonicalRequest {

    public TokenCountRequest {
        requireNonNull(chat, "chat");
    }

    @Override
    public String model() {
        return chat.model();
    }
}
