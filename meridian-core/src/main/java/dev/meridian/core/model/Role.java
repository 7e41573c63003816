package dev.meridian.core.model;

/** Who wrote a message. {@link #DEVELOPER} is OpenAI's newer name for system instructions. */
public enum Role {
    SYSTEM,
    DEVELOPER,
    USER,
    ASSISTANT,
    TOOL;

    /** True for the roles that carry instructions rather than conversation turns. */
    public boolean isInstruction() {
        return this == SYSTEM || this == DEVELOPER;
    }
}
