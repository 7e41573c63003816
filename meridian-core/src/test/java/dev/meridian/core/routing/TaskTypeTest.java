package dev.meridian.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class TaskTypeTest {

    @Test
    void wireName_isTheSeedName() {
        assertThat(TaskType.values())
                .extracting(TaskType::wireName)
                .containsExactly("translation", "summarization", "code_generation", "reasoning", "chat");
    }

    @ParameterizedTest
    @CsvSource({
        "translation, TRANSLATION",
        "Summarization, SUMMARIZATION",
        "CODE_GENERATION, CODE_GENERATION",
        "code, CODE_GENERATION",
        "' reasoning ', REASONING",
        "chat, CHAT"
    })
    void parse_wireNamesAndCodeIgnoringCase(String text, TaskType expected) {
        assertThat(TaskType.parse(text)).contains(expected);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "auto", "code-generation", "summary", "translate"})
    void parse_anythingElse_isEmpty(String text) {
        assertThat(TaskType.parse(text)).isEmpty();
    }

    @Test
    void parse_everyWireName_roundTrips() {
        for (TaskType task : TaskType.values()) {
            assertThat(TaskType.parse(task.wireName())).contains(task);
        }
    }
}
