package dev.meridian.store.repo;

/**
 * Rows in PostgreSQL's COPY text format: columns separated by tabs, rows ended by a newline, {@code \N} for null,
 * and in a text value the backslash, tab, newline and carriage return written as backslash escapes (anything else,
 * non-ASCII included, goes through as it is; the connection's encoding is UTF-8). A value holding U+0000 is refused
 * by PostgreSQL as it is in any other statement. Not thread-safe; one per batch.
 */
final class CopyText {

    private final StringBuilder out;
    private boolean rowStarted;

    CopyText(int capacity) {
        this.out = new StringBuilder(capacity);
    }

    CopyText text(String value) {
        separate();
        if (value == null) {
            out.append("\\N");
            return this;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return this;
    }

    CopyText number(long value) {
        separate();
        out.append(value);
        return this;
    }

    /** A double as Java prints it (the shortest digits that read back as the same double, or NaN / Infinity). */
    CopyText number(double value) {
        separate();
        out.append(value);
        return this;
    }

    CopyText number(Double value) {
        return value == null ? text(null) : number(value.doubleValue());
    }

    CopyText number(Long value) {
        return value == null ? text(null) : number(value.longValue());
    }

    CopyText bool(boolean value) {
        separate();
        out.append(value ? 't' : 'f');
        return this;
    }

    CopyText endRow() {
        out.append('\n');
        rowStarted = false;
        return this;
    }

    /** The characters written so far. */
    int length() {
        return out.length();
    }

    /** What was written, and starts again empty. */
    String take() {
        String s = out.toString();
        out.setLength(0);
        return s;
    }

    private void separate() {
        if (rowStarted) {
            out.append('\t');
        }
        rowStarted = true;
    }
}
