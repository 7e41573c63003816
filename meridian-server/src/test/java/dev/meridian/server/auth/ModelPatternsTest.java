package dev.meridian.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModelPatternsTest {

    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource({
        "*, gpt-4o, true",
        "*, '', true",
        "gpt-4o, gpt-4o, true",
        "gpt-4o, gpt-4o-mini, false",
        "gpt-*-mini, gpt-4o-mini, true",
        "gpt-*-mini, gpt-4.1-mini, true",
        "gpt-*-mini, gpt-4o, false",
        "gpt-*-mini, o4-mini, false",
        "gemini-*-flash, gemini-2.5-flash, true",
        "gemini-*-flash, gemini-2.5-flash-lite, false",
        "o*-mini, o4-mini, true",
        "*embedding*, text-embedding-3-small, true",
        "a*b*c, abc, true",
        "a*b*c, aXbYbZc, true",
        "a*b*c, aXbYc-d, false",
        "claude-*, claude-, true",
        "claude-*, Claude-sonnet, false"
    })
    void matches_starIsAnyRunOfCharacters(String pattern, String model, boolean expected) {
        assertThat(ModelPatterns.matches(pattern, model)).isEqualTo(expected);
    }

    @Test
    void anyMatches_isTrueWhenOnePatternMatches() {
        assertThat(ModelPatterns.anyMatches(List.of("gpt-4o", "claude-*"), "claude-haiku-4-5"))
                .isTrue();
        assertThat(ModelPatterns.anyMatches(List.of("gpt-4o", "claude-*"), "gemini-2.5-pro"))
                .isFalse();
        assertThat(ModelPatterns.anyMatches(List.of(), "gpt-4o")).isFalse();
    }

    @Test
    void problem_namesWhatIsWrongWithAPattern() {
        assertThat(ModelPatterns.problem("gpt-*-mini")).isNull();
        assertThat(ModelPatterns.problem("openai/gpt-4o@2024:1+*")).isNull();
        assertThat(ModelPatterns.problem("gp**")).contains("two `*`");
        assertThat(ModelPatterns.problem("gp t*")).contains("index 2");
        assertThat(ModelPatterns.problem("")).contains("1 to 200");
        assertThat(ModelPatterns.problem("x".repeat(201))).contains("1 to 200");
    }
}
