package dev.meridian.server.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules every configured key meets, wherever it comes from (the configuration file, {@code MERIDIAN_API_KEY},
 * {@code MERIDIAN_ADMIN_KEY}): a caller key has at least {@value #MIN_CALLER_KEY} characters and is configured
 * once; the admin key has at least {@value #MIN_ADMIN_KEY} characters and differs from every caller key, since a
 * caller key that is also the admin key makes every caller the platform's super-admin. Each problem names the
 * source of the key, never the key.
 */
public final class KeyRules {

    public static final int MIN_CALLER_KEY = 8;
    public static final int MIN_ADMIN_KEY = 16;

    private KeyRules() {}

    /**
     * Checks the keys the gateway is about to run with.
     *
     * @param callerKeys  each caller key by where it comes from ({@code auth.apiKeys[0].key}, {@code MERIDIAN_API_KEY})
     * @param adminKey    the admin key, or null when there is none
     * @param adminSource where the admin key comes from ({@code auth.adminKey}, {@code MERIDIAN_ADMIN_KEY})
     * @throws ConfigException listing every broken rule
     */
    public static void check(Map<String, String> callerKeys, String adminKey, String adminSource) {
        List<String> problems = new ArrayList<>();
        check(callerKeys, adminKey, adminSource, problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }

    /** Like {@link #check(Map, String, String)}, adding the problems to {@code problems}. */
    static void check(Map<String, String> callerKeys, String adminKey, String adminSource, List<String> problems) {
        Map<String, String> sourceOf = new HashMap<>();
        callerKeys.forEach((source, key) -> {
            if (key == null || key.length() < MIN_CALLER_KEY) {
                problems.add(source + ": required, at least " + MIN_CALLER_KEY + " characters");
            } else if (sourceOf.putIfAbsent(key, source) != null) {
                problems.add(source + ": the same key is configured twice (also " + sourceOf.get(key) + ")");
            }
        });
        if (adminKey == null) {
            return;
        }
        if (adminKey.length() < MIN_ADMIN_KEY) {
            problems.add(adminSource + ": the admin key needs at least " + MIN_ADMIN_KEY + " characters");
        } else if (sourceOf.containsKey(adminKey)) {
            problems.add(adminSource + ": the admin key must differ from every caller key, but it equals "
                    + sourceOf.get(adminKey) + " (every caller would be the admin API's super-admin)");
        }
    }
}
