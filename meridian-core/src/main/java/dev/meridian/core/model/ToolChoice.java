package dev.meridian.core.model;

import static java.util.Objects.requireNonNull;

/** How the model must use the offered tools. {@code name} is set only for {@link Mode#FUNCTION}. */
public record ToolChoice(Mode mode, String name) {

    public enum Mode {
        AUTO,
        NONE,
        REQUIRED,
        FUNCTION
    }

    public static final ToolChoice AUTO = new ToolChoice(Mode.AUTO, null);
    public static final ToolChoice NONE = new ToolChoice(Mode.NONE, null);
    public static final ToolChoice REQUIRED = new ToolChoice(Mode.REQUIRED, null);

    public ToolChoice {
        requireNonNull(mode, "mode");
        if ((mode == Mode.FUNCTION) != (name != null)) {
            throw new IllegalArgumentException("a function name is given exactly when mode is FUNCTION");
        }
    }

    public static ToolChoice function(String name) {
        return new ToolChoice(Mode.FUNCTION, name);
    }
}
