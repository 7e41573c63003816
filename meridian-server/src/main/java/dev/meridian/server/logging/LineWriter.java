package dev.meridian.server.logging;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A log message that writes itself as UTF-8 bytes. Logged as the single argument of {@code "{}"}, it reaches
 * {@link AsyncLineAppender}'s stream directly, without being formatted into a String, copied by the message
 * formatter and encoded again; other appenders use its {@code toString()}.
 */
public interface LineWriter {

    /** Writes the line, without its line end, to {@code out}; does not close it. */
    void writeLine(OutputStream out) throws IOException;
}
