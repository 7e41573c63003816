package dev.meridian.server.config;

import java.util.function.Function;

/**
 * Replaces {@code ${NAME}} and {@code ${NAME:-default}} in configuration values with environment variables;
 * {@code $${} writes a literal {@code ${}. Applied to parsed string values, never to the raw file, so
 * comments are never expanded and a variable's value can never inject YAML structure.
 */
final class EnvSubstitution {

    private EnvSubstitution() {}

    /**
     * @param key      the configuration key, for error messages
     * @param problems where an unset variable without default is reported
     */
    static String apply(String value, String key, Function<String, String> env, Problems problems) {
        if (value.indexOf('$') < 0) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        int i = 0;
        while (i < value.length()) {
            char c = value.charAt(i);
            if (c == '$' && value.startsWith("$${", i)) {
                out.append("${");
                i += 3;
            } else if (c == '$' && value.startsWith("${", i)) {
                int end = value.indexOf('}', i + 2);
                if (end < 0) {
                    problems.unreadable(key, "unterminated ${ in '" + value + "'");
                    return value;
                }
                String expr = value.substring(i + 2, end);
                int dflt = expr.indexOf(":-");
                String name = dflt < 0 ? expr : expr.substring(0, dflt);
                if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    problems.unreadable(key, "'${" + expr + "}' is not a valid variable reference");
                    return value;
                }
                String resolved = env.apply(name);
                if (resolved == null || (dflt >= 0 && resolved.isEmpty())) {
                    if (dflt < 0) {
                        problems.unreadable(
                                key,
                                "environment variable " + name + " is not set (write ${" + name
                                        + ":-default} to give a default)");
                        resolved = "";
                    } else {
                        resolved = expr.substring(dflt + 2);
                    }
                }
                out.append(resolved);
                i = end + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
