package dev.meridian.simulator.engine;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A class of provider refusal that the {@code error=<name>} directive asks for. Each protocol
 * answers it with its provider's real error for that class (see the protocols' error classes).
 */
public enum ProviderError {
    /** The prompt does not fit the model's context window. */
    CONTEXT_LENGTH("context_length"),
    /** The provider's content policy blocked the prompt. */
    CONTENT_POLICY("content_policy");

    private final String directiveName;

    ProviderError(String directiveName) {
        this.directiveName = directiveName;
    }

    /** The value written after {@code error=}. */
    public String directiveName() {
        return directiveName;
    }

    /** The class with that directive name; an unknown name is an {@link IllegalArgumentException} listing the known ones. */
    public static ProviderError named(String name) {
        for (ProviderError e : values()) {
            if (e.directiveName.equals(name.strip())) {
                return e;
            }
        }
        throw new IllegalArgumentException("sim directive 'error' must be one of "
                + Arrays.stream(values()).map(ProviderError::directiveName).collect(Collectors.joining(", "))
                + ", got '" + name + "'");
    }
}
