package dev.meridian.server.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quiet logging for one admin command: the libraries it opens the database with (Flyway, HikariCP) log a dozen
 * INFO lines per run, which bury the command's own answer. Warnings and errors still show; {@code --verbose}
 * keeps everything. Only the root level changes, and it is restored afterwards (tests run commands in-process).
 */
final class CliLogging implements AutoCloseable {

    private final Logger root;
    private final Level previous;

    private CliLogging(Logger root, Level previous) {
        this.root = root;
        this.previous = previous;
    }

    /**
     * Raises the root level to WARN unless {@code verbose} or the operator chose a level with
     * {@code MERIDIAN_LOG_LEVEL}; {@link #close()} puts it back.
     */
    static CliLogging quiet(boolean verbose) {
        String chosen = System.getenv("MERIDIAN_LOG_LEVEL");
        if (verbose
                || (chosen != null && !chosen.isBlank())
                || !(LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof Logger root)) {
            return new CliLogging(null, null);
        }
        Level previous = root.getLevel();
        if (root.getEffectiveLevel().toInt() < Level.WARN.toInt()) {
            root.setLevel(Level.WARN);
        }
        return new CliLogging(root, previous);
    }

    @Override
    public void close() {
        if (root != null) {
            root.setLevel(previous);
        }
    }
}
