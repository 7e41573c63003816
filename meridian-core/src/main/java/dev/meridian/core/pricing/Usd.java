package dev.meridian.core.pricing;

import java.math.BigDecimal;
import java.math.MathContext;

/** US dollar amounts as the gateway writes them: a plain decimal to six significant digits. */
public final class Usd {

    private static final MathContext SIX_DIGITS = new MathContext(6);

    private Usd() {}

    /** {@code 0.00002775}, {@code 1.5}, {@code 0}: never an exponent, never trailing zeros. */
    public static String format(double dollars) {
        return new BigDecimal(dollars).round(SIX_DIGITS).stripTrailingZeros().toPlainString();
    }
}
