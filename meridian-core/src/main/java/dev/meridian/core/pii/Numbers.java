package dev.meridian.core.pii;

import static dev.meridian.core.pii.TextScan.digit;
import static dev.meridian.core.pii.TextScan.digitsEnd;
import static dev.meridian.core.pii.TextScan.endsWord;

import java.util.List;

/**
 * The detectors anchored on a digit, a {@code +} or a {@code (}: CN resident IDs, payment cards, CN and US phone
 * numbers, IPv4 addresses. One cursor per scan, reused for every number in the text.
 */
final class Numbers {

    private static final int MAX_DIGITS = 19;

    private final byte[] digits = new byte[MAX_DIGITS];
    private final int[] groups = new int[6];
    private int count;
    private int groupCount;

    /** Detects a number starting at {@code i}; returns the end of what it found, or -1. */
    int detect(CharSequence text, int i, List<Finding> out) {
        char c = text.charAt(i);
        if (c == '+') {
            return international(text, i, out);
        }
        if (c == '(') {
            int end = usParenthesised(text, i);
            return emit(out, PiiClass.PHONE_US, i, end);
        }
        int run = digitsEnd(text, i);
        int len = run - i;
        if (run < text.length() && text.charAt(run) == '.' && len <= 3) {
            int end = ipv4(text, i);
            if (end > 0) {
                return emit(out, PiiClass.IPV4, i, end);
            }
        }
        if (len == 17 && run < text.length() && (text.charAt(run) == 'X' || text.charAt(run) == 'x')) {
            return endsWord(text, run + 1) && Checksums.cnResidentId(text, i)
                    ? emit(out, PiiClass.CN_ID, i, run + 1)
                    : -1;
        }
        int end = grouped(text, i);
        if (end < 0) {
            return -1;
        }
        if (groupCount == 1 && count == 18) {
            return Checksums.cnResidentId(text, i) ? emit(out, PiiClass.CN_ID, i, end) : -1;
        }
        if (cnMobile(0)) {
            return emit(out, PiiClass.PHONE_CN, i, end);
        }
        if (usNumber(0)) {
            return emit(out, PiiClass.PHONE_US, i, end);
        }
        if (count >= 13 && count <= MAX_DIGITS && Checksums.luhn(digits, count)) {
            return emit(out, PiiClass.CARD, i, end);
        }
        return -1;
    }

    /** {@code +86 138...} or {@code +1 415...}. */
    private int international(CharSequence text, int i, List<Finding> out) {
        int j = i + 1;
        boolean cn = TextScan.at(text, j, "86", false);
        boolean us = !cn && TextScan.at(text, j, "1", false);
        if (!cn && !us) {
            return -1;
        }
        j += cn ? 2 : 1;
        if (j < text.length() && (text.charAt(j) == ' ' || text.charAt(j) == '-')) {
            j++;
        }
        if (j >= text.length()) {
            return -1;
        }
        if (us && text.charAt(j) == '(') {
            return emit(out, PiiClass.PHONE_US, i, usParenthesised(text, j));
        }
        if (!digit(text.charAt(j))) {
            return -1;
        }
        int end = grouped(text, j);
        if (end < 0) {
            return -1;
        }
        if (cn && cnMobile(0)) {
            return emit(out, PiiClass.PHONE_CN, i, end);
        }
        return us && usNumber(0) ? emit(out, PiiClass.PHONE_US, i, end) : -1;
    }

    /** {@code (415) 555-2671}: the end, or -1. */
    private int usParenthesised(CharSequence text, int i) {
        int area = digitsEnd(text, i + 1);
        if (area - i - 1 != 3 || area >= text.length() || text.charAt(area) != ')') {
            return -1;
        }
        int j = area + 1;
        if (j < text.length() && text.charAt(j) == ' ') {
            j++;
        }
        int end = j < text.length() && digit(text.charAt(j)) ? grouped(text, j) : -1;
        if (end < 0 || count != 7 || groupCount > 2 || text.charAt(i + 1) < '2' || digits[0] < 2) {
            return -1;
        }
        return end;
    }

    /**
     * Reads digits in groups split by one consistent separator (space, {@code -} or {@code .}) into the cursor.
     * Returns the end, or -1 when the number runs on into a word or is too long for any class.
     */
    private int grouped(CharSequence text, int from) {
        count = 0;
        groupCount = 0;
        char sep = 0;
        int j = from;
        int n = text.length();
        while (true) {
            int end = digitsEnd(text, j);
            if (count + end - j > MAX_DIGITS || groupCount == groups.length) {
                return -1;
            }
            for (int k = j; k < end; k++) {
                digits[count++] = (byte) (text.charAt(k) - '0');
            }
            groups[groupCount++] = end - j;
            j = end;
            if (j + 1 < n && digit(text.charAt(j + 1))) {
                char s = text.charAt(j);
                if ((s == ' ' || s == '-' || s == '.') && (sep == 0 || s == sep)) {
                    sep = s;
                    j++;
                    continue;
                }
            }
            return endsWord(text, j) ? j : -1;
        }
    }

    /** 11 digits, 1[3-9]..., alone or as 3-4-4. */
    private boolean cnMobile(int first) {
        return count == 11
                && digits[first] == 1
                && digits[first + 1] >= 3
                && (groupCount == 1 || groupCount == 3 && groups[0] == 3 && groups[1] == 4);
    }

    /** 10 digits with area and exchange codes starting 2-9, as 3-3-4 (or one run), or 11 starting with 1. */
    private boolean usNumber(int first) {
        int f = count == 11 && digits[0] == 1 && groupCount == 4 && groups[0] == 1 ? 1 : first;
        if (count - f != 10 || digits[f] < 2 || digits[f + 3] < 2) {
            return false;
        }
        int g = f == 1 ? 1 : 0;
        return groupCount - g == 1 || groupCount - g == 3 && groups[g] == 3 && groups[g + 1] == 3;
    }

    /** {@code a.b.c.d}, each 0-255: the end, or -1. */
    private static int ipv4(CharSequence text, int i) {
        int j = i;
        for (int octet = 0; octet < 4; octet++) {
            int end = digitsEnd(text, j);
            int len = end - j;
            if (len < 1 || len > 3 || Integer.parseInt(text, j, end, 10) > 255) {
                return -1;
            }
            j = end;
            if (octet < 3) {
                if (j + 1 >= text.length() || text.charAt(j) != '.') {
                    return -1;
                }
                j++;
            }
        }
        return endsWord(text, j) && (j >= text.length() || text.charAt(j) != '.' || !endsDotNumber(text, j)) ? j : -1;
    }

    private static boolean endsDotNumber(CharSequence text, int dot) {
        return dot + 1 < text.length() && digit(text.charAt(dot + 1));
    }

    private static int emit(List<Finding> out, PiiClass type, int start, int end) {
        if (end < 0) {
            return -1;
        }
        out.add(new Finding(type.key(), start, end));
        return end;
    }
}
