package dev.meridian.server.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Every problem found in one configuration, each starting with the key it concerns. A key whose value could not
 * be read (unset variable, wrong type) is remembered, so later checks of the same key (required, range) do not
 * report it a second time.
 */
final class Problems {

    private final List<String> all = new ArrayList<>();
    private final Set<String> unreadable = new HashSet<>();

    /** A value that could not be read as written; checks of this key and below it are skipped. */
    void unreadable(String key, String message) {
        unreadable.add(key);
        all.add(key + ": " + message);
    }

    /** A problem, "key: message". */
    void add(String problem) {
        all.add(problem);
    }

    /** Problems found on the bound configuration, each "key: message"; those about unreadable keys are dropped. */
    void addChecked(List<String> problems) {
        for (String p : problems) {
            if (unreadable.stream().noneMatch(key -> concerns(p, key))) {
                all.add(p);
            }
        }
    }

    boolean isEmpty() {
        return all.isEmpty();
    }

    ConfigException exception() {
        return new ConfigException(all);
    }

    private static boolean concerns(String problem, String key) {
        return problem.startsWith(key)
                && problem.length() > key.length()
                && ":.[".indexOf(problem.charAt(key.length())) >= 0;
    }
}
