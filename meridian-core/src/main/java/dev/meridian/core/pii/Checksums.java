package dev.meridian.core.pii;

/** The check digits that tell a real identifier from a look-alike: Luhn, ISO 7064 MOD 11-2, IBAN's mod 97. */
final class Checksums {

    private static final int[] ID_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] ID_CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

    private Checksums() {}

    /** Whether {@code digits[0..n)} (digit values) pass the Luhn check. */
    static boolean luhn(byte[] digits, int n) {
        int sum = 0;
        boolean twice = false;
        for (int i = n - 1; i >= 0; i--) {
            int d = digits[i];
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }

    /**
     * Whether {@code text[from..from+18)} is a CN resident ID: 17 digits, a plausible birth date, and the ISO 7064
     * MOD 11-2 check character (a digit or X).
     */
    static boolean cnResidentId(CharSequence text, int from) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            char c = text.charAt(from + i);
            if (c < '0' || c > '9') {
                return false;
            }
            sum += (c - '0') * ID_WEIGHTS[i];
        }
        int month = (text.charAt(from + 10) - '0') * 10 + text.charAt(from + 11) - '0';
        int day = (text.charAt(from + 12) - '0') * 10 + text.charAt(from + 13) - '0';
        if (month < 1 || month > 12 || day < 1 || day > 31) {
            return false;
        }
        char check = Character.toUpperCase(text.charAt(from + 17));
        return ID_CHECK[sum % 11] == check;
    }

    /** Whether {@code iban} (letters upper case, no spaces) passes ISO 13616's mod 97 check. */
    static boolean iban(CharSequence iban) {
        int n = iban.length();
        if (n < 15 || n > 34) {
            return false;
        }
        long rest = 0;
        for (int k = 0; k < n; k++) {
            char c = iban.charAt((k + 4) % n);
            if (c >= '0' && c <= '9') {
                rest = (rest * 10 + (c - '0')) % 97;
            } else if (c >= 'A' && c <= 'Z') {
                rest = (rest * 100 + (c - 'A' + 10)) % 97;
            } else {
                return false;
            }
        }
        return rest == 1;
    }
}
