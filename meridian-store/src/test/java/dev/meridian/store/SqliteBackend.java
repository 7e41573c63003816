package dev.meridian.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** SQLite files in a temporary directory, removed on close. */
public final class SqliteBackend implements TestBackend {
    private final Path dir;
    private int next;

    public SqliteBackend() {
        try {
            dir = Files.createTempDirectory("meridian-store-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public DatabaseConfig newDatabase() {
        return new DatabaseConfig("jdbc:sqlite:" + dir.resolve("db-" + (next++) + ".db"), null, null, 4);
    }

    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
