package dev.meridian.core.pii;

import static dev.meridian.core.pii.TextScan.emailLocal;
import static dev.meridian.core.pii.TextScan.endsWord;
import static dev.meridian.core.pii.TextScan.hex;

import java.util.List;

/** E-mail addresses (anchored on a word's local part and its {@code @}) and IPv6 addresses. */
final class Addresses {

    private Addresses() {}

    /** An e-mail address starting at {@code i}: the end, or -1. */
    static int email(CharSequence text, int i, List<Finding> out) {
        int n = text.length();
        int j = i;
        while (j < n && emailLocal(text.charAt(j))) {
            j++;
        }
        if (j == i || j >= n || text.charAt(j) != '@') {
            return -1;
        }
        int k = j + 1;
        int labelStart = k;
        int dots = 0;
        int lastLabel = 0;
        while (k < n) {
            char c = text.charAt(k);
            if (c < 128 && (Character.isLetterOrDigit(c) || c == '-')) {
                k++;
            } else if (c == '.' && k > labelStart && k + 1 < n && Character.isLetterOrDigit(text.charAt(k + 1))) {
                dots++;
                k++;
                labelStart = k;
            } else {
                break;
            }
        }
        lastLabel = k - labelStart;
        if (dots == 0 || lastLabel < 2 || !Character.isLetter(text.charAt(k - 1))) {
            return -1;
        }
        out.add(new Finding(PiiClass.EMAIL.key(), i, k));
        return k;
    }

    /** An IPv6 address starting at {@code i} (hex groups, at most one {@code ::}): the end, or -1. */
    static int ipv6(CharSequence text, int i, List<Finding> out) {
        int n = text.length();
        int j = i;
        int groups = 0;
        boolean compressed = false;
        if (j + 1 < n && text.charAt(j) == ':' && text.charAt(j + 1) == ':') {
            compressed = true;
            j += 2;
        }
        int end = j;
        while (j < n) {
            int g = j;
            while (j < n && j - g < 5 && hex(text.charAt(j))) {
                j++;
            }
            int len = j - g;
            if (len == 0 || len > 4) {
                break;
            }
            groups++;
            end = j;
            if (j + 1 < n && text.charAt(j) == ':' && text.charAt(j + 1) == ':' && !compressed) {
                compressed = true;
                j += 2;
                end = j;
            } else if (j + 1 < n && text.charAt(j) == ':' && hex(text.charAt(j + 1))) {
                j++;
            } else {
                break;
            }
        }
        boolean ok = compressed ? groups >= 1 && groups <= 7 : groups == 8;
        if (!ok || !endsWord(text, end) || end < n && text.charAt(end) == ':' && !compressed) {
            return -1;
        }
        if (end - i < 3 || end < n && text.charAt(end) == '.') {
            return -1;
        }
        out.add(new Finding(PiiClass.IPV6.key(), i, end));
        return end;
    }
}
