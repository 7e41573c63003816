package dev.meridian.core.routing;

import static dev.meridian.core.routing.QualityTier.HIGH;
import static dev.meridian.core.routing.QualityTier.LOW;
import static dev.meridian.core.routing.QualityTier.MEDIUM;
import static dev.meridian.core.routing.TaskType.CHAT;
import static dev.meridian.core.routing.TaskType.CODE_GENERATION;
import static dev.meridian.core.routing.TaskType.REASONING;
import static dev.meridian.core.routing.TaskType.SUMMARIZATION;
import static dev.meridian.core.routing.TaskType.TRANSLATION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SmartCandidatesTest {

    private final SmartCandidates seed = SmartCandidates.seedDefaults();

    @Test
    void seedDefaults_areTheSeedTaskModelMap() {
        assertThat(seed.candidates(TRANSLATION, LOW)).containsExactly("gpt-3.5-turbo", "gemini-pro");
        assertThat(seed.candidates(TRANSLATION, MEDIUM)).containsExactly("claude-3-haiku", "gemini-pro");
        assertThat(seed.candidates(TRANSLATION, HIGH)).containsExactly("claude-3-sonnet", "gpt-4-turbo");
        assertThat(seed.candidates(SUMMARIZATION, LOW)).containsExactly("gemini-pro", "gpt-3.5-turbo");
        assertThat(seed.candidates(SUMMARIZATION, MEDIUM)).containsExactly("claude-3-haiku", "gemini-pro");
        assertThat(seed.candidates(SUMMARIZATION, HIGH)).containsExactly("claude-3-sonnet", "gpt-4-turbo");
        assertThat(seed.candidates(CODE_GENERATION, LOW)).containsExactly("gpt-3.5-turbo");
        assertThat(seed.candidates(CODE_GENERATION, MEDIUM)).containsExactly("claude-3-haiku", "gemini-pro");
        assertThat(seed.candidates(CODE_GENERATION, HIGH)).containsExactly("gpt-4", "claude-3-sonnet");
        assertThat(seed.candidates(REASONING, LOW)).containsExactly("gpt-3.5-turbo", "claude-3-haiku");
        assertThat(seed.candidates(REASONING, MEDIUM)).containsExactly("claude-3-sonnet", "gpt-4-turbo");
        assertThat(seed.candidates(REASONING, HIGH)).containsExactly("gpt-4", "claude-3-opus");
        assertThat(seed.candidates(CHAT, LOW)).containsExactly("gpt-3.5-turbo", "gemini-pro", "claude-3-haiku");
        assertThat(seed.candidates(CHAT, MEDIUM)).containsExactly("claude-3-haiku", "gemini-pro");
        assertThat(seed.candidates(CHAT, HIGH)).containsExactly("claude-3-sonnet", "gpt-4-turbo");
    }

    @Test
    void seedPrices_areTheSeedModelPricingInOrder() {
        assertThat(SmartCandidates.seedPrices())
                .containsExactly(
                        Map.entry("gpt-4", new ModelPrice(30.0, 60.0, 0)),
                        Map.entry("gpt-4-turbo", new ModelPrice(10.0, 30.0, 0)),
                        Map.entry("gpt-3.5-turbo", new ModelPrice(0.5, 1.5, 0)),
                        Map.entry("claude-3-opus", new ModelPrice(15.0, 75.0, 0)),
                        Map.entry("claude-3-sonnet", new ModelPrice(3.0, 15.0, 0)),
                        Map.entry("claude-3-haiku", new ModelPrice(0.25, 1.25, 0)),
                        Map.entry("gemini-pro", new ModelPrice(0.5, 1.5, 0)));
    }

    @Test
    void seedPrices_priceEverySeedCandidate() {
        for (TaskType task : TaskType.values()) {
            for (QualityTier tier : QualityTier.values()) {
                assertThat(SmartCandidates.seedPrices())
                        .containsKeys(seed.candidates(task, tier).toArray(String[]::new));
            }
        }
    }

    @Test
    void of_overridesOnlyTheGivenCells() {
        SmartCandidates custom = SmartCandidates.of(Map.of(CHAT, Map.of(HIGH, List.of("my-best"))));
        assertThat(custom.candidates(CHAT, HIGH)).containsExactly("my-best");
        assertThat(custom.candidates(CHAT, LOW)).isEqualTo(seed.candidates(CHAT, LOW));
        assertThat(custom.candidates(REASONING, HIGH)).isEqualTo(seed.candidates(REASONING, HIGH));
    }

    @Test
    void of_emptyTable_isTheSeed() {
        SmartCandidates custom = SmartCandidates.of(Map.of());
        for (TaskType task : TaskType.values()) {
            for (QualityTier tier : QualityTier.values()) {
                assertThat(custom.candidates(task, tier)).isEqualTo(seed.candidates(task, tier));
            }
        }
    }

    @Test
    void of_copiesTheLists() {
        List<String> models = new ArrayList<>(List.of("a", "b"));
        SmartCandidates custom = SmartCandidates.of(Map.of(CHAT, Map.of(LOW, models)));
        models.add("c");
        assertThat(custom.candidates(CHAT, LOW)).containsExactly("a", "b");
    }

    @Test
    void of_emptyList_isRefusedNamingTheCell() {
        assertThatThrownBy(() -> SmartCandidates.of(Map.of(CODE_GENERATION, Map.of(MEDIUM, List.of()))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("code_generation/medium");
    }

    @Test
    void of_blankOrRepeatedName_isRefused() {
        assertThatThrownBy(() -> SmartCandidates.of(Map.of(CHAT, Map.of(LOW, List.of(" ")))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("chat/low");
        assertThatThrownBy(() -> SmartCandidates.of(Map.of(CHAT, Map.of(LOW, List.of("a", "a")))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'a' twice");
    }

    @Test
    void candidates_cannotBeModified() {
        assertThatThrownBy(() -> seed.candidates(CHAT, LOW).add("x")).isInstanceOf(UnsupportedOperationException.class);
    }
}
