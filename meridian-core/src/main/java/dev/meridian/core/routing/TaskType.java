package dev.meridian.core.routing;

import java.util.Locale;
import java.util.Optional;

/** The kind of work a request asks for; smart routing picks candidate models by it. */
public enum TaskType {
    TRANSLATION("translation"),
    SUMMARIZATION("summarization"),
    CODE_GENERATION("code_generation"),
    REASONING("reasoning"),
    CHAT("chat");

    private final String wireName;

    TaskType(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in configuration, headers and metrics, e.g. {@code "code_generation"}. */
    public String wireName() {
        return wireName;
    }

    /**
     * The task named by {@code s}: a wire name, or {@code "code"} for {@link #CODE_GENERATION}; case-insensitive,
     * surrounding whitespace ignored. Empty for null or any other text.
     */
    public static Optional<TaskType> parse(String s) {
        if (s == null) {
            return Optional.empty();
        }
        String name = s.strip().toLowerCase(Locale.ROOT);
        if (name.equals("code")) {
            return Optional.of(CODE_GENERATION);
        }
        for (TaskType task : values()) {
            if (task.wireName.equals(name)) {
                return Optional.of(task);
            }
        }
        return Optional.empty();
    }
}
