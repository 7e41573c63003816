package dev.meridian.server.config;

import dev.meridian.core.routing.QualityTier;
import dev.meridian.core.routing.SmartCandidates;
import dev.meridian.core.routing.TaskType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a valid configuration probably does not mean: today, smart models ({@code auto} and {@code smart: true}
 * models) whose candidates are not configured, so requests for them answer 404. Warnings do not stop a start
 * or fail {@code config check}; they are printed.
 */
public final class ConfigWarnings {

    /** The smart model every configuration has unless it defines a model of that name (RouteTable.AUTO). */
    static final String AUTO = "auto";

    private ConfigWarnings() {}

    /** The warnings of a configuration that passed validation, each "name: message"; empty when none. */
    public static List<String> of(MeridianConfig c) {
        List<String> warnings = new ArrayList<>();
        if (!c.models().containsKey(AUTO)) {
            smart(AUTO, "routing.smart.candidates", SmartTables.of(c.routing(), null), c, warnings);
        }
        for (Map.Entry<String, ModelConfig> e : c.models().entrySet()) {
            if (e.getValue().smart()) {
                String where = "models." + e.getKey() + ".candidates";
                smart(e.getKey(), where, SmartTables.of(c.routing(), e.getValue()), c, warnings);
            }
        }
        return warnings;
    }

    private static void smart(
            String name, String where, SmartCandidates table, MeridianConfig c, List<String> warnings) {
        List<String> empty =
                SmartTables.cellsWithout(table, candidate -> servable(c.models().get(candidate)));
        int cells = TaskType.values().length * QualityTier.values().length;
        if (empty.size() == cells) {
            Set<String> tried = new LinkedHashSet<>();
            for (TaskType task : TaskType.values()) {
                for (QualityTier tier : QualityTier.values()) {
                    tried.addAll(table.candidates(task, tier));
                }
            }
            warnings.add(name + ": none of its candidate models (" + String.join(", ", tried) + ") is configured,"
                    + " so every request for it answers 404 model_not_found and /v1/models does not list it; name"
                    + " configured models under " + where);
        } else if (!empty.isEmpty()) {
            warnings.add(name + ": no candidate model is configured for " + String.join(", ", empty)
                    + " (task/tier); requests classified there answer 404 model_not_found; see " + where);
        }
    }

    private static boolean servable(ModelConfig m) {
        return m != null && !m.smart() && !m.allDeployments().isEmpty();
    }
}
