package dev.meridian.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** {@code demo: true} beside a file's own providers, and the warnings about smart models that cannot serve. */
class DemoAndWarningsTest {

    private static final Function<String, String> ENV = Map.<String, String>of()::get;

    private static final String LOCAL = """
            providers:
              local:
                type: openai-compatible
                baseUrl: http://127.0.0.1:11434/v1
            models:
              llama:
                provider: local
                model: llama3.1
            """;

    @Test
    void demo_addsTheDemoProvidersAndModelsToTheFilesOwn() {
        MeridianConfig c = ConfigLoader.parse("demo: true\n" + LOCAL + """
                  tryout:
                    provider: local
                    model: llama3.1
                    fallbacks:
                      any: [demo-claude, demo-gpt]
                """, ENV);

        assertThat(c.demo()).isTrue();
        assertThat(c.providers()).containsKeys("local", "demo-openai", "demo-anthropic", "demo-gemini");
        assertThat(c.models()).containsKeys("llama", "tryout", "demo-gpt", "demo-claude", "demo-gemini");
        assertThat(c.routing().smart().candidates())
                .as("auto chooses among the demo models")
                .isNotNull();
        assertThat(ConfigWarnings.of(c)).isEmpty();
    }

    @Test
    void demo_pointAt_movesOnlyTheDemoProvidersToTheSimulator() {
        MeridianConfig c = DemoModels.pointAt(ConfigLoader.parse("demo: true\n" + LOCAL, ENV), "http://127.0.0.1:4321");

        assertThat(c.providers().get("demo-openai").baseUrl()).isEqualTo("http://127.0.0.1:4321/v1");
        assertThat(c.providers().get("demo-anthropic").baseUrl()).isEqualTo("http://127.0.0.1:4321");
        assertThat(c.providers().get("local").baseUrl()).isEqualTo("http://127.0.0.1:11434/v1");
    }

    @Test
    void demo_aFileNameThatIsAlsoADemoName_isAnError() {
        assertThat(ConfigProblemsTest.problems("demo: true\n" + LOCAL + """
                  demo-gpt:
                    provider: local
                    model: llama3.1
                """))
                .containsExactly(
                        "models.demo-gpt: this name belongs to a demo model of demo: true; choose another" + " name");
    }

    @Test
    void demo_off_referencesToDemoModelsAreUnknown() {
        assertThat(ConfigProblemsTest.problems(LOCAL + "    fallbacks: {any: [demo-gpt]}\n"))
                .containsExactly("models.llama.fallbacks.any: no model named 'demo-gpt'");
    }

    @Test
    void warnings_autoWithNoConfiguredCandidate_isWarnedNotRefused() {
        MeridianConfig c = ConfigLoader.parse(LOCAL, ENV);

        assertThat(ConfigWarnings.of(c))
                .singleElement()
                .asString()
                .startsWith("auto: none of its candidate models (gpt-3.5-turbo, gemini-pro,")
                .contains("every request for it answers 404 model_not_found")
                .endsWith("name configured models under routing.smart.candidates");
    }

    @Test
    void warnings_autoWithSomeCellsUncovered_namesThoseCells() {
        MeridianConfig c = ConfigLoader.parse(LOCAL + """
                routing:
                  smart:
                    candidates:
                      translation: {low: [llama], medium: [llama], high: [llama]}
                      summarization: {low: [llama], medium: [llama], high: [llama]}
                      code_generation: {low: [llama], medium: [llama], high: [llama]}
                      chat: {low: [llama], medium: [llama], high: [llama]}
                      reasoning: {low: [llama], medium: [llama]}
                """, ENV);

        assertThat(ConfigWarnings.of(c))
                .containsExactly("auto: no candidate model is configured for reasoning/high (task/tier); requests"
                        + " classified there answer 404 model_not_found; see routing.smart.candidates");
    }

    @Test
    void warnings_smartModelOfItsOwn_isCheckedLikeAuto_andAModelNamedAutoReplacesIt() {
        MeridianConfig c = ConfigLoader.parse(LOCAL + """
                  auto:
                    provider: local
                    model: llama3.1
                  picker:
                    smart: true
                """, ENV);

        assertThat(ConfigWarnings.of(c))
                .singleElement()
                .asString()
                .startsWith("picker: none of its candidate models")
                .endsWith("under models.picker.candidates");
    }
}
