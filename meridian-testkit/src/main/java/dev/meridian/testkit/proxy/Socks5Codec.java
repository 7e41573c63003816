package dev.meridian.testkit.proxy;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * The SOCKS5 messages (RFC 1928, RFC 1929) parsed from the start of a buffer that may not yet hold
 * a whole message; each parser returns null until it does.
 */
final class Socks5Codec {

    static final int VERSION = 0x05;
    static final int METHOD_NO_AUTH = 0x00;
    static final int METHOD_PASSWORD = 0x02;
    static final int NO_ACCEPTABLE_METHODS = 0xFF;
    static final int PASSWORD_AUTH_VERSION = 0x01;

    private static final int CMD_CONNECT = 0x01;
    private static final int ATYP_IPV4 = 0x01;
    private static final int ATYP_DOMAIN = 0x03;
    private static final int ATYP_IPV6 = 0x04;

    private Socks5Codec() {}

    /** Version identifier/method selection message; {@code length} is how many bytes it took. */
    record Greeting(int version, Set<Integer> methods, int length) {}

    /** RFC 1929 username/password request. */
    record PasswordAuth(int version, String user, String password, int length) {}

    /** A request after authentication: either a CONNECT to serve or a reply to refuse it with. */
    sealed interface Request {
        int length();
    }

    record Connect(HostPort target, int length) implements Request {}

    /** {@code length} may be short of the whole request when its address type is unknown; the session closes anyway. */
    record Refuse(Socks5Reply reply, int length) implements Request {}

    static Greeting greeting(Buffer in) {
        if (in.length() < 2) {
            return null;
        }
        int count = in.getUnsignedByte(1);
        if (in.length() < 2 + count) {
            return null;
        }
        Set<Integer> methods = new HashSet<>();
        for (int i = 0; i < count; i++) {
            methods.add((int) in.getUnsignedByte(2 + i));
        }
        return new Greeting(in.getUnsignedByte(0), Set.copyOf(methods), 2 + count);
    }

    static PasswordAuth passwordAuth(Buffer in) {
        if (in.length() < 2) {
            return null;
        }
        int userLength = in.getUnsignedByte(1);
        if (in.length() < 3 + userLength) {
            return null;
        }
        int passwordLength = in.getUnsignedByte(2 + userLength);
        int length = 3 + userLength + passwordLength;
        if (in.length() < length) {
            return null;
        }
        return new PasswordAuth(
                in.getUnsignedByte(0),
                in.getString(2, 2 + userLength, StandardCharsets.UTF_8.name()),
                in.getString(3 + userLength, length, StandardCharsets.UTF_8.name()),
                length);
    }

    static Request request(Buffer in) {
        if (in.length() < 4) {
            return null;
        }
        if (in.getUnsignedByte(0) != VERSION) {
            return new Refuse(Socks5Reply.GENERAL_FAILURE, 4);
        }
        if (in.getUnsignedByte(1) != CMD_CONNECT) {
            return new Refuse(Socks5Reply.COMMAND_NOT_SUPPORTED, 4);
        }
        int addressType = in.getUnsignedByte(3);
        int addressEnd;
        String host;
        switch (addressType) {
            case ATYP_IPV4, ATYP_IPV6 -> {
                addressEnd = 4 + (addressType == ATYP_IPV4 ? 4 : 16);
                if (in.length() < addressEnd + 2) {
                    return null;
                }
                host = ipLiteral(in.getBytes(4, addressEnd));
            }
            case ATYP_DOMAIN -> {
                if (in.length() < 5) {
                    return null;
                }
                addressEnd = 5 + in.getUnsignedByte(4);
                if (in.length() < addressEnd + 2) {
                    return null;
                }
                host = in.getString(5, addressEnd, StandardCharsets.ISO_8859_1.name());
                if (host.isEmpty()) {
                    return new Refuse(Socks5Reply.GENERAL_FAILURE, addressEnd + 2);
                }
            }
            default -> {
                return new Refuse(Socks5Reply.ADDRESS_TYPE_NOT_SUPPORTED, 4);
            }
        }
        return new Connect(new HostPort(host, in.getUnsignedShort(addressEnd)), addressEnd + 2);
    }

    static Buffer methodSelection(int method) {
        return Buffer.buffer(new byte[] {VERSION, (byte) method});
    }

    static Buffer passwordAuthStatus(boolean success) {
        return Buffer.buffer(new byte[] {PASSWORD_AUTH_VERSION, (byte) (success ? 0x00 : 0x01)});
    }

    /**
     * A reply to a request.
     *
     * @param bound the proxy's address toward the target, or null for a failure (sent as 0.0.0.0:0)
     */
    static Buffer reply(Socks5Reply reply, SocketAddress bound) {
        byte[] address = new byte[4];
        int port = 0;
        if (bound != null && bound.hostAddress() != null) {
            try {
                // A literal, so no name lookup happens.
                address = InetAddress.getByName(bound.hostAddress()).getAddress();
                port = bound.port();
            } catch (UnknownHostException e) {
                address = new byte[4];
            }
        }
        return Buffer.buffer()
                .appendByte((byte) VERSION)
                .appendByte((byte) reply.code())
                .appendByte((byte) 0x00)
                .appendByte((byte) (address.length == 4 ? ATYP_IPV4 : ATYP_IPV6))
                .appendBytes(address)
                .appendUnsignedShort(port);
    }

    private static String ipLiteral(byte[] address) {
        try {
            return InetAddress.getByAddress(address).getHostAddress();
        } catch (UnknownHostException e) {
            throw new AssertionError("a 4 or 16 byte address is always valid", e);
        }
    }
}
