package dev.meridian.server.config;

import java.time.Instant;
import java.util.List;

/**
 * The configuration in force and how the last reload went, for {@code GET /admin/v1/config}: a version counting
 * the configurations applied since start (1 at start), the SHA-256 of the file they came from, and the last
 * reload's outcome with its problems (keys and reasons as {@code config check} names them; never a value).
 * Thread-safe: the reloader writes, the admin API reads.
 */
public final class ReloadStatus {

    /** How a reload ended. */
    public enum Outcome {
        APPLIED,
        UNCHANGED,
        REFUSED;

        /** The {@code outcome} label of {@code meridian_config_reloads_total}. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * What {@code GET /admin/v1/config} answers.
     *
     * @param source     where the configuration came from: the file's path, or {@code embedded} without one
     * @param version    1 at start, one more for each reload applied
     * @param sha256     the hex SHA-256 of the file as last applied, or null without a file
     * @param appliedAt  when the configuration in force was applied
     * @param lastReload the last reload tried, or null when none was
     */
    public record View(String source, long version, String sha256, Instant appliedAt, Reload lastReload) {}

    /**
     * One reload tried.
     *
     * @param trigger  {@code sighup}, {@code file} (the file changed on disk) or {@code admin}
     * @param problems why it was refused, each "key: reason"; empty otherwise
     */
    public record Reload(Instant at, String trigger, Outcome outcome, String sha256, List<String> problems) {
        public Reload {
            problems = List.copyOf(problems);
        }
    }

    private volatile View view;

    public ReloadStatus(String source, String sha256, Instant startedAt) {
        this.view = new View(source, 1, sha256, startedAt, null);
    }

    public View view() {
        return view;
    }

    /** Names the file the configuration came from, and its hash, once it is known. */
    public synchronized void source(String source, String sha256) {
        View v = view;
        view = new View(source, v.version(), sha256, v.appliedAt(), v.lastReload());
    }

    /** Records a reload; one that was applied moves the version and the hash on. */
    public synchronized void record(Reload reload) {
        View v = view;
        view = reload.outcome() == Outcome.APPLIED
                ? new View(v.source(), v.version() + 1, reload.sha256(), reload.at(), reload)
                : new View(v.source(), v.version(), v.sha256(), v.appliedAt(), reload);
    }
}
