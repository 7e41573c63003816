package dev.meridian.core.routing;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * Guesses the {@link TaskType} of a request from its text with a fixed keyword heuristic, for requests that ask
 * for {@code model: auto}. Deterministic, stateless and thread-safe; it never fails.
 *
 * <h2>Rules</h2>
 * <ol>
 *   <li><b>User text first.</b> The last user message is classified; the system text is classified only when the
 *       user text matches no keyword. When neither matches, the task is {@link TaskType#CHAT}. Null or empty texts
 *       match nothing.</li>
 *   <li><b>Only the ends of long texts.</b> A text longer than 8,192 characters is cut to its first 4,096 and its
 *       last 4,096 characters (UTF-16 units); a keyword cannot span the cut.</li>
 *   <li><b>Normalised text.</b> Each character is lowercased ({@link Character#toLowerCase(char)}) and every run
 *       of whitespace becomes one space, so {@code "Step\n by  STEP"} matches {@code "step by step"}.</li>
 *   <li><b>Whole words.</b> Where a keyword begins with an ASCII letter or digit, the character before the match
 *       must not be one; where it ends with one, the character after must not be one. So {@code "code"} matches
 *       in {@code "my code."} and {@code "代码code"} but not in {@code "codec"} or {@code "barcode"}; inflections
 *       are listed as keywords of their own. Keywords made of other characters ({@code "```"}, Chinese) match
 *       anywhere.</li>
 *   <li><b>First rule wins</b>, in this order, so an instruction about the text outranks words inside it
 *       ({@code "summarize this Java code"} is a summary, {@code "solve this bug"} is code):
 *     <ol>
 *       <li>{@link TaskType#TRANSLATION}: translate, translates, translated, translating, translation,
 *           translations, translator, into english, into chinese, into french, into german, into spanish,
 *           into italian, into portuguese, into russian, into japanese, into korean, into arabic, 翻译, 译成,
 *           译为</li>
 *       <li>{@link TaskType#SUMMARIZATION}: summarize, summarise, summarizes, summarises, summarized, summarised,
 *           summarizing, summarising, summarization, summarisation, summary, tl;dr, tldr, 总结, 摘要, 概括</li>
 *       <li>{@link TaskType#CODE_GENERATION}: ```, write a function, write a script, code, coding, implement,
 *           implementing, python, java, javascript, typescript, sql, regex, bug, bugs, debug, 编程, 代码, 函数</li>
 *       <li>{@link TaskType#REASONING}: step by step, step-by-step, prove, proof, solve, calculate, why does,
 *           reason, reasoning, logic, logical, 推理, 证明, 计算</li>
 *     </ol>
 *   </li>
 * </ol>
 *
 * <p>Example: {@code classify("You are a translator.", "Summarise this, please")} is {@link
 * TaskType#SUMMARIZATION}, because the user text decides before the system text is read.
 */
public final class TaskClassifier {

    /** Characters read from each end of a long text. */
    static final int WINDOW = 4096;

    /** Keeps the head and the tail of a long text apart: not whitespace and not part of any keyword. */
    private static final char CUT = '\n';

    private record Rule(TaskType task, List<String> keywords) {}

    private static final List<Rule> RULES = List.of(
            new Rule(
                    TaskType.TRANSLATION,
                    List.of(
                            "translate",
                            "translates",
                            "translated",
                            "translating",
                            "translation",
                            "translations",
                            "translator",
                            "into english",
                            "into chinese",
                            "into french",
                            "into german",
                            "into spanish",
                            "into italian",
                            "into portuguese",
                            "into russian",
                            "into japanese",
                            "into korean",
                            "into arabic",
                            "翻译",
                            "译成",
                            "译为")),
            new Rule(
                    TaskType.SUMMARIZATION,
                    List.of(
                            "summarize",
                            "summarise",
                            "summarizes",
                            "summarises",
                            "summarized",
                            "summarised",
                            "summarizing",
                            "summarising",
                            "summarization",
                            "summarisation",
                            "summary",
                            "tl;dr",
                            "tldr",
                            "总结",
                            "摘要",
                            "概括")),
            new Rule(
                    TaskType.CODE_GENERATION,
                    List.of(
                            "```",
                            "write a function",
                            "write a script",
                            "code",
                            "coding",
                            "implement",
                            "implementing",
                            "python",
                            "java",
                            "javascript",
                            "typescript",
                            "sql",
                            "regex",
                            "bug",
                            "bugs",
                            "debug",
                            "编程",
                            "代码",
                            "函数")),
            new Rule(
                    TaskType.REASONING,
                    List.of(
                            "step by step",
                            "step-by-step",
                            "prove",
                            "proof",
                            "solve",
                            "calculate",
                            "why does",
                            "reason",
                            "reasoning",
                            "logic",
                            "logical",
                            "推理",
                            "证明",
                            "计算")));

    private TaskClassifier() {}

    /**
     * The task of a request.
     *
     * @param systemText    the system prompt, or null when there is none
     * @param lastUserText  the text of the last user message, or null when there is none
     * @return the first matching task by the rules above; {@link TaskType#CHAT} when nothing matches
     */
    public static TaskType classify(String systemText, String lastUserText) {
        return firstMatch(lastUserText).or(() -> firstMatch(systemText)).orElse(TaskType.CHAT);
    }

    private static Optional<TaskType> firstMatch(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        String normalized = normalize(text);
        for (Rule rule : RULES) {
            for (String keyword : rule.keywords()) {
                if (containsWord(normalized, keyword)) {
                    return Optional.of(rule.task());
                }
            }
        }
        return Optional.empty();
    }

    /** The lowercased, whitespace-collapsed window of {@code text} that the rules read. */
    static String normalize(String text) {
        int length = text.length();
        if (length <= 2 * WINDOW) {
            return normalize(text, 0, length, new StringBuilder(length)).toString();
        }
        StringBuilder out = new StringBuilder(2 * WINDOW + 1);
        normalize(text, 0, WINDOW, out).append(CUT);
        return normalize(text, length - WINDOW, length, out).toString();
    }

    private static StringBuilder normalize(String text, int from, int to, StringBuilder out) {
        boolean inSpace = false;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                if (!inSpace) {
                    out.append(' ');
                    inSpace = true;
                }
            } else {
                out.append(Character.toLowerCase(c));
                inSpace = false;
            }
        }
        return out;
    }

    /** Whether {@code keyword} occurs in {@code text} with word boundaries at its letter or digit ends. */
    static boolean containsWord(String text, String keyword) {
        requireNonNull(text, "text");
        boolean boundedStart = isWordChar(keyword.charAt(0));
        boolean boundedEnd = isWordChar(keyword.charAt(keyword.length() - 1));
        for (int at = text.indexOf(keyword); at >= 0; at = text.indexOf(keyword, at + 1)) {
            int end = at + keyword.length();
            boolean startOk = !boundedStart || at == 0 || !isWordChar(text.charAt(at - 1));
            boolean endOk = !boundedEnd || end == text.length() || !isWordChar(text.charAt(end));
            if (startOk && endOk) {
                return true;
            }
        }
        return false;
    }

    private static boolean isWordChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
