package dev.meridian.testkit.proxy;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/** The responses the HTTP port gives itself; every one closes the connection. */
enum ProxyStatus {
    BAD_REQUEST(400, "Bad Request"),
    PROXY_AUTHENTICATION_REQUIRED(407, "Proxy Authentication Required"),
    REQUEST_HEADER_FIELDS_TOO_LARGE(431, "Request Header Fields Too Large"),
    BAD_GATEWAY(502, "Bad Gateway");

    private final int code;
    private final String reason;

    ProxyStatus(int code, String reason) {
        this.code = code;
        this.reason = reason;
    }

    int code() {
        return code;
    }

    /** A complete response with a plain-text body and {@code Connection: close}. */
    Buffer response(String detail, String... extraHeaderLines) {
        byte[] body = (detail + "\n").getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder()
                .append("HTTP/1.1 ")
                .append(code)
                .append(' ')
                .append(reason)
                .append("\r\n");
        for (String line : extraHeaderLines) {
            head.append(line).append("\r\n");
        }
        head.append("Content-Type: text/plain; charset=utf-8\r\n")
                .append("Content-Length: ")
                .append(body.length)
                .append("\r\n")
                .append("Connection: close\r\n\r\n");
        return Buffer.buffer(head.toString().getBytes(StandardCharsets.ISO_8859_1))
                .appendBytes(body);
    }
}
