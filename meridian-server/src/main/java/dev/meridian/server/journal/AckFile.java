package dev.meridian.server.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The {@link Journal}'s acknowledgement file, {@code journal.ack}: the reader's last acknowledged position as
 * text, replaced atomically so a crash leaves the old position or the new one.
 */
final class AckFile {

    private final Path dir;

    AckFile(Path dir) {
        this.dir = dir;
    }

    /** The position last written, or null when there is none or it cannot be read. */
    Journal.Position read() throws IOException {
        Path ack = dir.resolve("journal.ack");
        if (!Files.exists(ack)) {
            return null;
        }
        String[] parts = Files.readString(ack).trim().split(" ");
        try {
            return new Journal.Position(Long.parseLong(parts[0]), Integer.parseInt(parts[1]));
        } catch (RuntimeException unreadable) {
            // Cut short by a machine crash: read everything again (the store ignores what it already has).
            return null;
        }
    }

    /**
     * Writes {@code position} durably (forced to disk before it replaces the previous one).
     *
     * @throws UncheckedIOException when it cannot be written
     */
    void write(Journal.Position position) {
        try {
            Path tmp = dir.resolve("journal.ack.tmp");
            try (FileChannel ch = FileChannel.open(
                    tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(ByteBuffer.wrap(
                        (position.segment() + " " + position.offset()).getBytes(StandardCharsets.US_ASCII)));
                ch.force(true);
            }
            Files.move(
                    tmp,
                    dir.resolve("journal.ack"),
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("journal acknowledgement cannot be written in " + dir, e);
        }
    }
}
