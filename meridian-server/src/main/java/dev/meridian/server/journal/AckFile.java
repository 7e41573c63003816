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
     * Writes {@code position}, replacing the previous one by a rename. Not forced to disk: a forced write made every
     * batch sync the file system's journal, and on ext4 that wrote back the database's freshly written pages on the
     * request-log thread (most of its kernel CPU). After a machine crash the file may hold an older position, or
     * nothing readable ({@link #read} then answers null and reading starts at the oldest segment); either way
     * records come again and the database ignores those it has.
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
