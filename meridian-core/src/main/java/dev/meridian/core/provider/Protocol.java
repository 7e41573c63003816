package dev.meridian.core.provider;

/** The wire protocols the gateway speaks, inbound or outbound. */
public enum Protocol {
    OPENAI,
    ANTHROPIC,
    GEMINI,
    /** OpenAI's Responses API ({@code /v1/responses}): a door of its own; OpenAI deployments that serve it say so. */
    OPENAI_RESPONSES
}
