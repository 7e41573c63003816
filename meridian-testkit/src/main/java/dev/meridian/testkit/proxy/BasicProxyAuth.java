package dev.meridian.testkit.proxy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** Checks {@code Proxy-Authorization} (RFC 9110 §11.7.4) against Basic credentials (RFC 7617). */
final class BasicProxyAuth {

    private static final String SCHEME = "Basic ";

    private BasicProxyAuth() {}

    /** The outcome of one check. */
    sealed interface Result permits Accepted, Refused {}

    /** @param user the user name, or null when no credentials are required */
    record Accepted(String user) implements Result {}

    /** @param user the user name presented, or null when none could be read */
    record Refused(AuthFailure.Reason reason, String user) implements Result {}

    /**
     * @param expected null when no credentials are required: then anything, even a malformed header, is accepted
     * @param headerValues every {@code Proxy-Authorization} value of the request
     */
    static Result check(ProxyCredentials expected, List<String> headerValues) {
        if (expected == null) {
            return new Accepted(null);
        }
        if (headerValues.isEmpty()) {
            return new Refused(AuthFailure.Reason.MISSING, null);
        }
        String value = headerValues.get(0);
        if (headerValues.size() > 1 || !value.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return new Refused(AuthFailure.Reason.MALFORMED, null);
        }
        String decoded;
        try {
            byte[] bytes =
                    Base64.getDecoder().decode(value.substring(SCHEME.length()).strip());
            decoded = new String(bytes, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return new Refused(AuthFailure.Reason.MALFORMED, null);
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return new Refused(AuthFailure.Reason.MALFORMED, null);
        }
        String user = decoded.substring(0, colon);
        return expected.matches(user, decoded.substring(colon + 1))
                ? new Accepted(user)
                : new Refused(AuthFailure.Reason.WRONG, user);
    }
}
