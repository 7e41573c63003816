package dev.meridian.testkit.proxy;

/** The SOCKS5 reply codes the proxy sends (RFC 1928 §6). */
enum Socks5Reply {
    SUCCEEDED(0x00),
    GENERAL_FAILURE(0x01),
    HOST_UNREACHABLE(0x04),
    CONNECTION_REFUSED(0x05),
    COMMAND_NOT_SUPPORTED(0x07),
    ADDRESS_TYPE_NOT_SUPPORTED(0x08);

    private final int code;

    Socks5Reply(int code) {
        this.code = code;
    }

    int code() {
        return code;
    }
}
