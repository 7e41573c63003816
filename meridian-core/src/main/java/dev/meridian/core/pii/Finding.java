package dev.meridian.core.pii;

import static java.util.Objects.requireNonNull;

/**
 * One detected value: its class (a built-in class's key, or a tenant pattern's name) and its place in the text.
 *
 * @param start index of the first char
 * @param end   index after the last char
 */
public record Finding(String type, int start, int end) {

    public Finding {
        requireNonNull(type, "type");
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("an empty finding: " + start + ".." + end);
        }
    }
}
