package dev.meridian.testkit.proxy;

import static java.util.Objects.requireNonNull;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A parsed HTTP/1.x request line and header section (RFC 9112 §2–§5).
 *
 * @param headers in received order, duplicates kept
 */
record HttpRequestHead(String method, String target, String version, List<Header> headers) {

    private static final String TOKEN_CHARS = "!#$%&'*+-.^_`|~";

    HttpRequestHead {
        requireNonNull(method, "method");
        requireNonNull(target, "target");
        requireNonNull(version, "version");
        headers = List.copyOf(headers);
    }

    record Header(String name, String value) {}

    /**
     * Where the head ends: the index just past the empty line, or -1 while it is incomplete. Empty
     * lines before the request line are skipped (RFC 9112 §2.2), and bare LF ends a line.
     */
    static int findEnd(Buffer in) {
        int i = 0;
        int n = in.length();
        while (i < n && (in.getByte(i) == '\r' || in.getByte(i) == '\n')) {
            i++;
        }
        for (; i < n; i++) {
            if (in.getByte(i) == '\n') {
                if (i + 1 < n && in.getByte(i + 1) == '\n') {
                    return i + 2;
                }
                if (i + 2 < n && in.getByte(i + 1) == '\r' && in.getByte(i + 2) == '\n') {
                    return i + 3;
                }
            }
        }
        return -1;
    }

    /** Parses a complete head as delimited by {@link #findEnd}. */
    static HttpRequestHead parse(Buffer head) throws RejectedRequestException {
        String text = head.toString(StandardCharsets.ISO_8859_1).replaceFirst("^[\r\n]+", "");
        if (text.indexOf('\0') >= 0) {
            throw bad("NUL in request head");
        }
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            String stripped = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            if (stripped.indexOf('\r') >= 0) {
                throw bad("bare CR in request head");
            }
            lines.add(stripped);
        }
        String[] requestLine = lines.get(0).split(" ", -1);
        if (requestLine.length != 3 || !isToken(requestLine[0]) || requestLine[1].isEmpty()) {
            throw bad("malformed request line: " + lines.get(0));
        }
        if (!requestLine[2].equals("HTTP/1.1") && !requestLine[2].equals("HTTP/1.0")) {
            throw bad("unsupported version: " + requestLine[2]);
        }
        List<Header> headers = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isEmpty()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || !isToken(line.substring(0, colon))) {
                // Also rejects obsolete line folding and whitespace before the colon (RFC 9112 §5.1, §5.2).
                throw bad("malformed header line: " + line);
            }
            headers.add(new Header(
                    line.substring(0, colon), line.substring(colon + 1).strip()));
        }
        return new HttpRequestHead(requestLine[0], requestLine[1], requestLine[2], headers);
    }

    /** The values of every field named {@code name} (case-insensitive), in order. */
    List<String> values(String name) {
        return headers.stream()
                .filter(h -> h.name().equalsIgnoreCase(name))
                .map(Header::value)
                .toList();
    }

    /** The comma-separated list elements of every field named {@code name}, trimmed and lower-cased. */
    List<String> listValues(String name) {
        return values(name).stream()
                .flatMap(v -> Arrays.stream(v.split(",")))
                .map(v -> v.strip().toLowerCase(Locale.ROOT))
                .filter(v -> !v.isEmpty())
                .toList();
    }

    /**
     * This head with another request target, {@code Host} replaced by {@code host}, and the fields in
     * {@code drop} (lower-case names) removed.
     */
    Buffer encode(String newTarget, String host, Set<String> drop) {
        StringBuilder out = new StringBuilder()
                .append(method)
                .append(' ')
                .append(newTarget)
                .append(' ')
                .append(version)
                .append("\r\n")
                .append("Host: ")
                .append(host)
                .append("\r\n");
        for (Header h : headers) {
            String name = h.name().toLowerCase(Locale.ROOT);
            if (!name.equals("host") && !drop.contains(name)) {
                out.append(h.name()).append(": ").append(h.value()).append("\r\n");
            }
        }
        return Buffer.buffer(out.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    private static boolean isToken(String s) {
        return !s.isEmpty()
                && s.chars()
                        .allMatch(c ->
                                c > 0x20 && c < 0x7f && (Character.isLetterOrDigit(c) || TOKEN_CHARS.indexOf(c) >= 0));
    }

    private static RejectedRequestException bad(String message) {
        return new RejectedRequestException(ProxyStatus.BAD_REQUEST, message);
    }
}
