package dev.meridian.server.logging;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A log line already encoded as UTF-8, without its line end: {@link AsyncLineAppender} copies its bytes into its
 * buffer, other appenders use {@link #toString()}. For lines made on the thread that holds their values in its cache
 * (an event loop), so the writer thread reads one array instead of chasing a dozen objects another core made.
 */
public record EncodedLine(byte[] utf8) implements LineWriter {

    @Override
    public void writeLine(OutputStream out) throws IOException {
        out.write(utf8);
    }

    @Override
    public String toString() {
        return new String(utf8, StandardCharsets.UTF_8);
    }
}
