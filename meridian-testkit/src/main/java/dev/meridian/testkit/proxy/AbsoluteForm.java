package dev.meridian.testkit.proxy;

import java.util.Locale;

/**
 * An {@code http} request target in absolute-form (RFC 9112 §3.2.2), split into what the proxy
 * connects to and what it sends on.
 *
 * @param target where to connect
 * @param authority the authority as written, for the {@code Host} field
 * @param originForm path and query, at least {@code /}
 */
record AbsoluteForm(HostPort target, String authority, String originForm) {

    private static final String SCHEME = "http://";

    static AbsoluteForm parse(String requestTarget) throws RejectedRequestException {
        if (requestTarget.startsWith("/")) {
            throw new RejectedRequestException(
                    ProxyStatus.BAD_REQUEST, "a proxy needs an absolute-form target, got origin-form " + requestTarget);
        }
        if (!requestTarget.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            int colon = requestTarget.indexOf(':');
            String scheme = colon < 0 ? requestTarget : requestTarget.substring(0, colon);
            throw new RejectedRequestException(
                    ProxyStatus.BAD_REQUEST,
                    "only http targets are forwarded (use CONNECT for others), got scheme "
                            + scheme.toLowerCase(Locale.ROOT));
        }
        String rest = requestTarget.substring(SCHEME.length());
        int end = 0;
        while (end < rest.length() && "/?#".indexOf(rest.charAt(end)) < 0) {
            end++;
        }
        String authority = rest.substring(0, end);
        if (authority.indexOf('@') >= 0) {
            throw new RejectedRequestException(ProxyStatus.BAD_REQUEST, "userinfo is not allowed in an http URI");
        }
        String pathAndQuery = rest.substring(end);
        int fragment = pathAndQuery.indexOf('#');
        if (fragment >= 0) {
            pathAndQuery = pathAndQuery.substring(0, fragment);
        }
        if (!pathAndQuery.startsWith("/")) {
            pathAndQuery = "/" + pathAndQuery;
        }
        return new AbsoluteForm(HostPort.parse(authority, 80), authority, pathAndQuery);
    }
}
