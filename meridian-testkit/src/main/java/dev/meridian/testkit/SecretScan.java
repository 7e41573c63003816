package dev.meridian.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Greps what the suite wrote for {@link KnownSecrets}: as raw bytes, so a log line, a JSON file and a SQLite page are
 * read alike. Used where outputs are about to disappear (a gateway's home directory, a database schema) and over the
 * whole suite's test output at the end.
 */
public final class SecretScan {

    private static final List<byte[]> NEEDLES = KnownSecrets.all().stream()
            .map(s -> s.getBytes(StandardCharsets.UTF_8))
            .toList();

    private SecretScan() {}

    /** Each known secret found in {@code text}, as "where: secret". */
    public static List<String> findIn(String where, String text) {
        return findIn(where, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Each known secret found in {@code bytes}, as "where: secret". */
    public static List<String> findIn(String where, byte[] bytes) {
        List<String> hits = new ArrayList<>();
        for (byte[] needle : NEEDLES) {
            if (indexOf(bytes, needle) >= 0) {
                hits.add(where + ": " + new String(needle, StandardCharsets.UTF_8));
            }
        }
        return hits;
    }

    /**
     * Each known secret found in any regular file under {@code root}, as "file: secret". A file that disappears
     * while the scan runs (a database's shared-memory file, removed as its last connection closes) is skipped.
     */
    public static List<String> findUnder(Path root) {
        if (!Files.exists(root)) {
            return List.of();
        }
        List<String> hits = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    try {
                        hits.addAll(findIn(file.toString(), Files.readAllBytes(file)));
                    } catch (NoSuchFileException gone) {
                        // Removed since it was listed: nothing left to leak.
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw e;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return hits;
    }

    /** Fails with every hit when there is one. */
    public static void assertNone(List<String> hits) {
        if (!hits.isEmpty()) {
            throw new AssertionError("A known secret leaked into the suite's output: " + hits);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
