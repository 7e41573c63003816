package dev.meridian.core.pii;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A tenant's own detectors: named classes, each a regular expression. A pattern is checked when it is set: it must
 * compile, must not match the empty string, and must finish on a set of adversarial inputs (long runs that make a
 * backtracking pattern such as {@code (a+)+$} explode) within {@link #PROBE_MILLIS}; otherwise it is refused with
 * its name. At request time all patterns share one time bound for all of a request's texts ({@link #SCAN_MILLIS}); a scan that runs out
 * stops and reports {@link Timeout}, which the caller treats as a finding of every custom class (fail closed).
 */
public final class CustomPatterns {

    public static final CustomPatterns NONE = new CustomPatterns(Map.of(), 0);

    static final long PROBE_MILLIS = 50;
    static final long SCAN_MILLIS = 20;

    private final Map<String, Pattern> patterns;
    private final long boundNanos;

    private CustomPatterns(Map<String, Pattern> patterns, long boundMillis) {
        this.patterns = patterns;
        this.boundNanos = boundMillis * 1_000_000;
    }

    /**
     * Checks and compiles {@code sources} (class name to regex).
     *
     * @throws IllegalArgumentException naming the pattern, when one is invalid or catastrophic
     */
    public static CustomPatterns of(Map<String, String> sources) {
        if (sources == null || sources.isEmpty()) {
            return NONE;
        }
        Map<String, Pattern> compiled = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : sources.entrySet()) {
            compiled.put(e.getKey(), check(e.getKey(), e.getValue()));
        }
        return new CustomPatterns(Map.copyOf(compiled), SCAN_MILLIS);
    }

    /** The names of these classes. */
    public java.util.Set<String> names() {
        return patterns.keySet();
    }

    /** The deadline for a request whose matching starts now. */
    public long deadlineFromNow() {
        return System.nanoTime() + boundNanos;
    }

    boolean isEmpty() {
        return patterns.isEmpty();
    }

    private static Pattern check(String name, String regex) {
        if (name == null || !name.matches("[a-z][a-z0-9_]{0,39}")) {
            throw new IllegalArgumentException(
                    "custom PII class name '" + name + "' must be lower case letters, digits and _, at most 40");
        }
        Pattern p;
        try {
            p = Pattern.compile(regex == null ? "" : regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(
                    "custom PII pattern '" + name + "' is not a valid regular expression: " + e.getDescription());
        }
        if (p.matcher("").matches()) {
            throw new IllegalArgumentException("custom PII pattern '" + name + "' matches the empty string");
        }
        for (String probe : probes()) {
            try {
                Matcher m = p.matcher(new Deadline(probe, System.nanoTime() + PROBE_MILLIS * 1_000_000));
                while (m.find()) {
                    // run every match to the end of the probe
                }
            } catch (Timeout e) {
                throw new IllegalArgumentException("custom PII pattern '" + name
                        + "' is refused: it backtracks catastrophically (over " + PROBE_MILLIS
                        + " ms on a 40-char input)");
            }
        }
        return p;
    }

    private static List<String> probes() {
        List<String> out = new ArrayList<>();
        for (String unit : new String[] {"a", "1", " ", "aa1", "a.", "x@", "-", "0."}) {
            out.add(unit.repeat(40 / unit.length()) + "!");
        }
        return out;
    }

    /**
     * Findings of every pattern in {@code text}.
     *
     * @param deadline the {@link System#nanoTime()} by which matching must end (one for all of a request's texts)
     * @throws Timeout when the patterns ran out of time
     */
    List<Finding> scan(CharSequence text, long deadline) {
        List<Finding> out = new ArrayList<>(2);
        Deadline bounded = new Deadline(text, deadline);
        for (Map.Entry<String, Pattern> e : patterns.entrySet()) {
            Matcher m = e.getValue().matcher(bounded);
            while (m.find()) {
                if (m.end() > m.start()) {
                    out.add(new Finding(e.getKey(), m.start(), m.end()));
                }
            }
        }
        return out;
    }

    /** The custom patterns ran out of their time bound. */
    public static final class Timeout extends RuntimeException {
        Timeout() {
            super("custom PII patterns ran out of time", null, false, false);
        }
    }

    /** A view of a text that throws {@link Timeout} once its deadline passed (checked every 1024 reads). */
    private static final class Deadline implements CharSequence {
        private final CharSequence text;
        private final long deadline;
        private int reads;

        Deadline(CharSequence text, long deadline) {
            this.text = text;
            this.deadline = deadline;
        }

        @Override
        public char charAt(int index) {
            if ((++reads & 1023) == 0 && System.nanoTime() > deadline) {
                throw new Timeout();
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new Deadline(text.subSequence(start, end), deadline);
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }
}
