package dev.meridian.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.server.config.EmbeddedDefaults;
import dev.meridian.store.Database;
import dev.meridian.store.DatabaseConfig;
import dev.meridian.store.model.Plan;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seeded plans against the public model names of the embedded default configuration: the product decision
 * written in docs/admin-api.md ("Plans"), held here so a new default model lands in the tier it was meant for.
 */
class DefaultPlansTest {

    @TempDir
    static Path home;

    private static Map<String, Plan> plans;
    private static Set<String> models;

    @BeforeAll
    static void readSeedAndDefaults() {
        try (Database db =
                Database.open(new DatabaseConfig("jdbc:sqlite:" + home.resolve("plans.db"), null, null, 2))) {
            plans = Map.of(
                    Plan.BASIC, db.plans().get(Plan.BASIC).orElseThrow(),
                    Plan.PROFESSIONAL, db.plans().get(Plan.PROFESSIONAL).orElseThrow(),
                    Plan.ENTERPRISE, db.plans().get(Plan.ENTERPRISE).orElseThrow());
        }
        models = new TreeSet<>(EmbeddedDefaults.fromEnvironment(k -> k.endsWith("_API_KEY") ? "set" : null)
                .models()
                .keySet());
        models.add("auto");
    }

    private static List<String> allowed(String plan) {
        return models.stream()
                .filter(m -> ModelPatterns.anyMatches(plans.get(plan).models(), m))
                .toList();
    }

    @Test
    void basic_isTheEconomyTier() {
        assertThat(allowed(Plan.BASIC))
                .containsExactlyInAnyOrder(
                        "gpt-4o-mini",
                        "gpt-4.1-mini",
                        "gemini-2.5-flash",
                        "gemini-2.5-flash-lite",
                        "deepseek-chat",
                        "text-embedding-3-small",
                        "text-embedding-3-large",
                        "gemini-embedding-001");
    }

    @Test
    void professional_isEverythingButThePremiumReasoningAndOpusTier() {
        assertThat(allowed(Plan.PROFESSIONAL)).containsAll(allowed(Plan.BASIC));
        assertThat(models)
                .filteredOn(m -> !allowed(Plan.PROFESSIONAL).contains(m))
                .containsExactlyInAnyOrder("o3", "claude-opus-4-1", "auto");
    }

    @Test
    void enterprise_isEveryModel_andDemoModelsAreInEveryPlan() {
        assertThat(allowed(Plan.ENTERPRISE)).containsExactlyInAnyOrderElementsOf(models);
        for (String plan : plans.keySet()) {
            assertThat(EmbeddedDefaults.DEMO_MODELS.keySet())
                    .as(plan)
                    .allMatch(m -> ModelPatterns.anyMatches(plans.get(plan).models(), m));
        }
    }
}
