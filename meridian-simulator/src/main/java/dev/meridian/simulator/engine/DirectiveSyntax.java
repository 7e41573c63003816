package dev.meridian.simulator.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads and writes {@link Directives}: the {@code [sim key=value flag key="quoted value"]} blocks
 * inside message text, and the same names as JSON fields for the control API.
 *
 * <p>An unknown name or a bad value is an {@link IllegalArgumentException} naming it, which the
 * protocols answer as a 400: a typo in a test must not pass silently.
 */
public final class DirectiveSyntax {

    private static final String OPEN = "[sim";
    private static final Set<String> FLAGS =
            Set.of("hang", "malformed", "redacted_thinking", "safety", "prompt_blocked");

    private DirectiveSyntax() {}

    /** Text with every {@code [sim ...]} block removed, and the directives the blocks held. */
    public record Extracted(String text, Directives directives) {}

    /** Finds and removes the directive blocks in {@code text}; several blocks are merged in order. */
    public static Extracted extract(String text) {
        Directives[] found = {Directives.NONE};
        String rest = removeBlocks(text, block -> found[0] = parseBlock(block, found[0]));
        return new Extracted(rest, found[0]);
    }

    /** {@code text} with every {@code [sim ...]} block removed, without interpreting the blocks. */
    public static String strip(String text) {
        return removeBlocks(text, block -> {});
    }

    private static String removeBlocks(String text, Consumer<String> onBlock) {
        int start = nextBlock(text, 0);
        if (start < 0) {
            return text;
        }
        StringBuilder rest = new StringBuilder(text.length());
        int from = 0;
        while (start >= 0) {
            int end = blockEnd(text, start + OPEN.length());
            rest.append(text, from, start);
            onBlock.accept(text.substring(start + OPEN.length(), end));
            from = Math.min(text.length(), end + 1);
            start = nextBlock(text, from);
        }
        rest.append(text, from, text.length());
        return rest.toString().strip().replaceAll("\\s{2,}", " ");
    }

    /** Where the next {@code [sim} block starts ({@code [sim} then a space or {@code ]}), or -1. */
    private static int nextBlock(String text, int from) {
        int at = text.indexOf(OPEN, from);
        while (at >= 0) {
            int after = at + OPEN.length();
            if (after == text.length() || text.charAt(after) == ']' || Character.isWhitespace(text.charAt(after))) {
                return at;
            }
            at = text.indexOf(OPEN, after);
        }
        return -1;
    }

    /** Directives from a JSON object using the directive names; other fields listed in {@code ignored} are skipped. */
    public static Directives fromJson(JsonNode json, Set<String> ignored) {
        Directives result = Directives.NONE;
        Iterator<Map.Entry<String, JsonNode>> fields = json.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (ignored.contains(field.getKey())) {
                continue;
            }
            JsonNode value = field.getValue();
            if (FLAGS.contains(field.getKey()) && value.isBoolean() && !value.booleanValue()) {
                continue;
            }
            result = apply(result, field.getKey(), value.isTextual() ? value.textValue() : value.toString());
        }
        return result;
    }

    /** The directives as a JSON object with the directive names; unset fields are left out. */
    public static ObjectNode toJson(Directives d) {
        ObjectNode out = Json.object();
        put(out, "status", d.status());
        put(out, "retry_after", d.retryAfterSeconds());
        put(out, "delay_ms", d.delayMs());
        flag(out, "hang", d.hang());
        put(out, "cut_after", d.cutAfter());
        flag(out, "malformed", d.malformed());
        put(out, "chunk_delay_ms", d.chunkDelayMs());
        d.reply().ifPresent(r -> out.put("reply", r));
        put(out, "tokens", d.tokens());
        d.tool().ifPresent(t -> out.put("tool", t));
        flag(out, "redacted_thinking", d.redactedThinking());
        flag(out, "safety", d.safety());
        put(out, "cached", d.cached());
        flag(out, "prompt_blocked", d.promptBlocked());
        d.error().ifPresent(e -> out.put("error", e.directiveName()));
        return out;
    }

    /** {@code base} with one directive set; {@code value} is {@code "true"} for a bare flag. */
    public static Directives apply(Directives base, String key, String value) {
        Draft d = new Draft(base);
        switch (key) {
            case "status" -> d.status = integer(key, value);
            case "retry_after" -> d.retryAfter = integer(key, value);
            case "delay_ms" -> d.delay = integer(key, value);
            case "hang" -> d.hang = flag(key, value);
            case "cut_after" -> d.cutAfter = integer(key, value);
            case "malformed" -> d.malformed = flag(key, value);
            case "chunk_delay_ms" -> d.chunkDelay = integer(key, value);
            case "reply" -> d.reply = Optional.of(value);
            case "tokens" -> d.tokens = integer(key, value);
            case "tool" -> d.tool = Optional.of(value);
            case "redacted_thinking" -> d.redacted = flag(key, value);
            case "safety" -> d.safety = flag(key, value);
            case "cached" -> d.cached = integer(key, value);
            case "prompt_blocked" -> d.promptBlocked = flag(key, value);
            case "error" -> d.error = Optional.of(ProviderError.named(value));
            default -> throw new IllegalArgumentException("unknown sim directive '" + key + "'");
        }
        return d.build();
    }

    /** Mutable copy used to change one field of the immutable record. */
    private static final class Draft {
        OptionalInt status;
        OptionalInt retryAfter;
        OptionalInt delay;
        boolean hang;
        OptionalInt cutAfter;
        boolean malformed;
        OptionalInt chunkDelay;
        Optional<String> reply;
        OptionalInt tokens;
        Optional<String> tool;
        boolean redacted;
        boolean safety;
        OptionalInt cached;
        boolean promptBlocked;
        Optional<ProviderError> error;

        Draft(Directives d) {
            status = d.status();
            retryAfter = d.retryAfterSeconds();
            delay = d.delayMs();
            hang = d.hang();
            cutAfter = d.cutAfter();
            malformed = d.malformed();
            chunkDelay = d.chunkDelayMs();
            reply = d.reply();
            tokens = d.tokens();
            tool = d.tool();
            redacted = d.redactedThinking();
            safety = d.safety();
            cached = d.cached();
            promptBlocked = d.promptBlocked();
            error = d.error();
        }

        Directives build() {
            return new Directives(
                    status,
                    retryAfter,
                    delay,
                    hang,
                    cutAfter,
                    malformed,
                    chunkDelay,
                    reply,
                    tokens,
                    tool,
                    redacted,
                    safety,
                    cached,
                    promptBlocked,
                    error);
        }
    }

    private static Directives parseBlock(String block, Directives base) {
        Directives result = base;
        int i = 0;
        int n = block.length();
        while (i < n) {
            while (i < n && Character.isWhitespace(block.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            int keyStart = i;
            while (i < n && block.charAt(i) != '=' && !Character.isWhitespace(block.charAt(i))) {
                i++;
            }
            String key = block.substring(keyStart, i);
            if (i >= n || block.charAt(i) != '=') {
                if (!FLAGS.contains(key)) {
                    throw new IllegalArgumentException("sim directive '" + key + "' needs a value (key=value)");
                }
                result = apply(result, key, "true");
                continue;
            }
            i++;
            StringBuilder value = new StringBuilder();
            if (i < n && block.charAt(i) == '"') {
                i++;
                while (i < n && block.charAt(i) != '"') {
                    if (block.charAt(i) == '\\' && i + 1 < n) {
                        i++;
                    }
                    value.append(block.charAt(i++));
                }
                i++;
            } else {
                while (i < n && !Character.isWhitespace(block.charAt(i))) {
                    value.append(block.charAt(i++));
                }
            }
            result = apply(result, key, value.toString());
        }
        return result;
    }

    /** Index of the {@code ]} closing a block, skipping quoted text; the text's end if unclosed. */
    private static int blockEnd(String text, int from) {
        boolean quoted = false;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && quoted) {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ']' && !quoted) {
                return i;
            }
        }
        return text.length();
    }

    private static OptionalInt integer(String key, String value) {
        try {
            return OptionalInt.of(Integer.parseInt(value.strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("sim directive '" + key + "' needs an integer, got '" + value + "'");
        }
    }

    private static boolean flag(String key, String value) {
        return switch (value.strip()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("sim directive '" + key + "' is a flag, got '" + value + "'");
        };
    }

    private static void put(ObjectNode out, String name, OptionalInt value) {
        value.ifPresent(v -> out.put(name, v));
    }

    private static void flag(ObjectNode out, String name, boolean value) {
        if (value) {
            out.put(name, true);
        }
    }
}
