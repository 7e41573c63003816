package dev.meridian.core.pii;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Finds personal data and secrets in text in one pass. The pass stops only at word starts (an ASCII letter,
 * digit or {@code _} after anything else, or {@code +}, {@code (}, {@code :}) and dispatches on the first char to
 * the few detectors that can start there: digits to the number detectors, letters to key prefixes, IBANs and
 * secret keys, every word to the e-mail detector. Each candidate is then checked by its validator (Luhn, MOD 11-2,
 * mod 97, octet ranges, group shapes), so look-alikes are not reported. A tenant's own patterns
 * ({@link CustomPatterns}) run after, within a time bound. Immutable and thread-safe.
 */
public final class PiiScanner {

    /** The built-in detectors alone. */
    public static final PiiScanner BUILT_IN = new PiiScanner(CustomPatterns.NONE);

    private final CustomPatterns custom;

    public PiiScanner(CustomPatterns custom) {
        this.custom = custom;
    }

    /** The deadline for a request whose scanning starts now (see {@link CustomPatterns}). */
    public long deadlineFromNow() {
        return custom.deadlineFromNow();
    }

    /** Findings in order of position, not overlapping; an empty list when there are none. */
    public List<Finding> scan(CharSequence text) {
        return scan(text, custom.deadlineFromNow());
    }

    /**
     * {@link #scan(CharSequence)} with the custom patterns bound by {@code deadline} ({@link System#nanoTime()}).
     *
     * @throws CustomPatterns.Timeout when the custom patterns ran out of time
     */
    public List<Finding> scan(CharSequence text, long deadline) {
        List<Finding> out = null;
        Numbers numbers = null;
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (!startsWord(text, i, c)) {
                i++;
                continue;
            }
            if (out == null) {
                out = new ArrayList<>(4);
            }
            int end = -1;
            if (TextScan.emailLocal(c)) {
                end = Addresses.email(text, i, out);
            }
            if (end < 0 && (TextScan.digit(c) || c == '+' || c == '(')) {
                if (numbers == null) {
                    numbers = new Numbers();
                }
                end = numbers.detect(text, i, out);
            }
            if (end < 0 && (TextScan.hex(c) || c == ':')) {
                end = Addresses.ipv6(text, i, out);
            }
            if (end < 0 && TextScan.word(c) && !TextScan.digit(c)) {
                end = Words.detect(text, i, out);
            }
            i = end > i ? end : i + 1;
        }
        if (custom.isEmpty()) {
            return out == null || out.isEmpty() ? List.of() : out;
        }
        return merge(out == null ? List.of() : out, custom.scan(text, deadline));
    }

    private static boolean startsWord(CharSequence text, int i, char c) {
        if (!TextScan.word(c) && c != '+' && c != '(' && c != ':') {
            return false;
        }
        if (i == 0) {
            return true;
        }
        char before = text.charAt(i - 1);
        if (before == '.' && i >= 2 && TextScan.digit(c) && TextScan.digit(text.charAt(i - 2))) {
            return false; // inside a dotted number: 1.2.3.4.5 is not an address from its second part
        }
        return !TextScan.word(before) && (c != ':' || before != ':');
    }

    /** The built-in findings, and the custom ones that overlap none of them. */
    private static List<Finding> merge(List<Finding> builtIn, List<Finding> extra) {
        if (extra.isEmpty()) {
            return builtIn;
        }
        List<Finding> all = new ArrayList<>(builtIn);
        for (Finding f : extra) {
            boolean overlaps = false;
            for (Finding b : builtIn) {
                overlaps |= f.start() < b.end() && b.start() < f.end();
            }
            if (!overlaps) {
                all.add(f);
            }
        }
        all.sort(Comparator.comparingInt(Finding::start));
        List<Finding> kept = new ArrayList<>(all.size());
        int last = 0;
        for (Finding f : all) {
            if (f.start() >= last) {
                kept.add(f);
                last = f.end();
            }
        }
        return kept;
    }
}
