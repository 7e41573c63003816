package dev.meridian.server.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.lang.reflect.Executable;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The keys a configuration record accepts and the type of each, read the way Jackson binds the record: the
 * parameters of its {@link JsonCreator}, else its record components.
 */
final class ConfigShape {

    /** One key: its Java type, and whether it is a byte size written with a unit ("32MiB"). */
    record Field(Type type, boolean size) {}

    private static final Map<Class<?>, Map<String, Field>> SHAPES = new ConcurrentHashMap<>();

    private ConfigShape() {}

    static Map<String, Field> of(Class<?> type) {
        return SHAPES.computeIfAbsent(type, ConfigShape::read);
    }

    private static Map<String, Field> read(Class<?> type) {
        Map<String, Field> fields = new LinkedHashMap<>();
        Executable creator = Stream.<Executable>concat(
                        Arrays.stream(type.getDeclaredConstructors()), Arrays.stream(type.getDeclaredMethods()))
                .filter(e -> e.isAnnotationPresent(JsonCreator.class))
                .findFirst()
                .orElse(null);
        if (creator != null) {
            for (Parameter p : creator.getParameters()) {
                JsonDeserialize using = p.getAnnotation(JsonDeserialize.class);
                fields.put(
                        p.getAnnotation(JsonProperty.class).value(),
                        new Field(
                                p.getParameterizedType(),
                                using != null && using.using() == UnitDeserializers.SizeDeserializer.class));
            }
        } else if (type.isRecord()) {
            for (RecordComponent c : type.getRecordComponents()) {
                fields.put(c.getName(), new Field(c.getGenericType(), false));
            }
        } else {
            throw new IllegalStateException(type + " is not a configuration record");
        }
        return fields;
    }

    /** " (did you mean x?)" when a known key is a likely typo of {@code key} (case, a letter or two), else "". */
    static String suggestion(String key, Collection<String> known) {
        String best = null;
        int bestDistance = Math.min(3, 1 + key.length() / 4);
        for (String k : known) {
            int d = k.equalsIgnoreCase(key) ? 0 : distance(key.toLowerCase(Locale.ROOT), k.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        return best == null ? "" : " (did you mean " + best + "?)";
    }

    /** Edits (insert, delete, replace, swap of neighbours) between two keys. */
    private static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            for (int j = 0; j <= b.length(); j++) {
                if (i == 0 || j == 0) {
                    d[i][j] = i + j;
                    continue;
                }
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
