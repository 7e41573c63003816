package dev.meridian.core.provider;

/** The wire protocols the gateway speaks, inbound or outbound. */
public enum Protocol {
    OPENAI,
    ANTHROPIC,
    GEMINI
}
