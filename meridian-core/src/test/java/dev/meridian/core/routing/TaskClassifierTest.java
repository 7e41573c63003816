package dev.meridian.core.routing;

import static dev.meridian.core.routing.TaskType.CHAT;
import static dev.meridian.core.routing.TaskType.CODE_GENERATION;
import static dev.meridian.core.routing.TaskType.REASONING;
import static dev.meridian.core.routing.TaskType.SUMMARIZATION;
import static dev.meridian.core.routing.TaskType.TRANSLATION;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TaskClassifierTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            Please translate this letter.                  | TRANSLATION
            Put this paragraph into French                 | TRANSLATION
            把这段话翻译成英文                              | TRANSLATION
            Summarise the meeting notes                    | SUMMARIZATION
            tl;dr?                                         | SUMMARIZATION
            请总结这篇文章                                  | SUMMARIZATION
            Write a function that reverses a list          | CODE_GENERATION
            ```\\nint x;\\n```                             | CODE_GENERATION
            How do I match an email with a regex?          | CODE_GENERATION
            用Python写一个排序函数                          | CODE_GENERATION
            Prove that the square root of 2 is irrational  | REASONING
            Think step by step: 17 * 23                    | REASONING
            请证明这个定理                                  | REASONING
            Hello, how are you today?                      | CHAT
            """)
    void classify_userTextByKeyword(String userText, TaskType expected) {
        assertThat(TaskClassifier.classify(null, userText.replace("\\n", "\n"))).isEqualTo(expected);
    }

    @Test
    void classify_ignoresCase() {
        assertThat(TaskClassifier.classify(null, "TRANSLATE THIS")).isEqualTo(TRANSLATION);
    }

    @Test
    void classify_whitespaceRunsMatchASpace() {
        assertThat(TaskClassifier.classify(null, "Go Step\n  by\tSTEP")).isEqualTo(REASONING);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Which codec should I use?",
                "Scan the barcode",
                "a reasonable price",
                "old proverbs",
                "ladybugs",
                "I'm javanese"
            })
    void classify_keywordInsideAWord_doesNotCount(String userText) {
        assertThat(TaskClassifier.classify(null, userText)).isEqualTo(CHAT);
    }

    @Test
    void classify_keywordNextToPunctuationOrChinese_counts() {
        assertThat(TaskClassifier.classify(null, "(code)")).isEqualTo(CODE_GENERATION);
        assertThat(TaskClassifier.classify(null, "这段sql有问题")).isEqualTo(CODE_GENERATION);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            Translate this Python code into Java     | TRANSLATION
            Summarize this bug report                | SUMMARIZATION
            Solve this bug in my code                | CODE_GENERATION
            Calculate the median with SQL            | CODE_GENERATION
            总结一下这段代码                          | SUMMARIZATION
            """)
    void classify_firstRuleInPrecedenceOrderWins(String userText, TaskType expected) {
        assertThat(TaskClassifier.classify(null, userText)).isEqualTo(expected);
    }

    @Test
    void classify_userTextDecidesBeforeSystemText() {
        assertThat(TaskClassifier.classify("You are a translator.", "Summarize this"))
                .isEqualTo(SUMMARIZATION);
    }

    @Test
    void classify_systemTextDecides_whenUserTextSaysNothing() {
        assertThat(TaskClassifier.classify("You are a translator.", "Bonjour tout le monde"))
                .isEqualTo(TRANSLATION);
    }

    @Test
    void classify_nothingToRead_isChat() {
        assertThat(TaskClassifier.classify(null, null)).isEqualTo(CHAT);
        assertThat(TaskClassifier.classify("", "")).isEqualTo(CHAT);
        assertThat(TaskClassifier.classify("You are a helpful assistant.", "Hi"))
                .isEqualTo(CHAT);
    }

    @Test
    void classify_longText_readsOnlyTheFirstAndLast4096Characters() {
        String filler = "lorem ipsum ".repeat(10_000);
        assertThat(TaskClassifier.classify(null, "translate: " + filler)).isEqualTo(TRANSLATION);
        assertThat(TaskClassifier.classify(null, filler + " in summary")).isEqualTo(SUMMARIZATION);
        String middle = filler.substring(0, 5_000) + " python " + filler.substring(0, 5_000);
        assertThat(TaskClassifier.classify(null, middle)).isEqualTo(CHAT);
    }

    @Test
    void classify_keywordCannotSpanTheCut() {
        String text = ".".repeat(4_092) + "step" + "y".repeat(2_000) + "by step" + ".".repeat(4_089);
        assertThat(TaskClassifier.normalize(text)).hasSize(2 * TaskClassifier.WINDOW + 1);
        assertThat(TaskClassifier.classify(null, text)).isEqualTo(CHAT);
    }

    @Test
    void normalize_shortTextIsLowercasedWithWhitespaceCollapsed() {
        assertThat(TaskClassifier.normalize("  Hello\r\n\tWORLD  ")).isEqualTo(" hello world ");
    }
}
