package dev.meridian.server.config;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Which keys of the configuration a running gateway can take from a reloaded file: {@code providers} and
 * {@code models} (model groups, their deployments and prices). Every other key is read once at start (the
 * listener, TLS, storage, Redis, auth, routing, caches, alerts, audit, PII, telemetry, pricing discounts), and so is
 * a group's response cache ({@code models.<name>.cache} but for {@code providerPrompt}), so a reload that changes
 * one is refused whole, naming each changed key the way {@code config check} names keys.
 */
public final class RestartOnlyKeys {

    /** The top-level keys a reload may change. */
    public static final Set<String> RELOADABLE = Set.of("providers", "models");

    private RestartOnlyKeys() {}

    /**
     * One problem per key that differs between the running configuration and {@code next} outside
     * {@link #RELOADABLE}, each "key: cannot change without a restart"; empty when the reload may go ahead.
     */
    public static List<String> changed(MeridianConfig running, MeridianConfig next) {
        List<String> keys = new ArrayList<>();
        for (RecordComponent c : MeridianConfig.class.getRecordComponents()) {
            if (!RELOADABLE.contains(c.getName())) {
                diff(c.getName(), read(c, running), read(c, next), keys);
            }
        }
        responseCaches(running, next, keys);
        return keys.stream()
                .map(k -> k + " cannot change without a restart (the file has a new value; the running gateway"
                        + " keeps its old one)")
                .toList();
    }

    /**
     * A group's response cache ({@code models.<name>.cache}, but for {@code providerPrompt}) is set up at start: a
     * group kept or added whose cache settings differ from the running ones' is a restart-only change (a group
     * removed is not: its requests are gone with it).
     */
    private static void responseCaches(MeridianConfig running, MeridianConfig next, List<String> out) {
        next.models().forEach((name, m) -> {
            CacheConfig before = policy(running.models().get(name));
            CacheConfig after = policy(m);
            if (Objects.equals(before, after)) {
                return;
            }
            String key = "models." + name + ".cache";
            if (before == null || after == null) {
                out.add(key + ".enabled");
                return;
            }
            List<String> changed = new ArrayList<>();
            diff(key, before, after, changed);
            changed.stream().filter(k -> !k.endsWith(".providerPrompt")).forEach(out::add);
        });
    }

    private static CacheConfig policy(ModelConfig m) {
        return m == null || !m.cache().enabled() ? null : m.cache();
    }

    private static void diff(String key, Object a, Object b, List<String> out) {
        if (Objects.equals(a, b)) {
            return;
        }
        if (a != null && b != null && a.getClass().isRecord() && a.getClass() == b.getClass()) {
            for (RecordComponent c : a.getClass().getRecordComponents()) {
                diff(key + "." + c.getName(), read(c, a), read(c, b), out);
            }
            return;
        }
        if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
            Set<Object> names = new LinkedHashSet<>(ma.keySet());
            names.addAll(mb.keySet());
            for (Object name : names) {
                diff(key + "." + name, ma.get(name), mb.get(name), out);
            }
            return;
        }
        out.add(key);
    }

    private static Object read(RecordComponent c, Object record) {
        try {
            return c.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("configuration record " + c + " cannot be read", e);
        }
    }
}
