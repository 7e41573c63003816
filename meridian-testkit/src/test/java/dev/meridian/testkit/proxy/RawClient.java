package dev.meridian.testkit.proxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/** A blocking TCP client for byte-exact protocol tests, on loopback. */
final class RawClient implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RawClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    static RawClient connect(int port) {
        try {
            Socket socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(10_000);
            socket.setTcpNoDelay(true);
            return new RawClient(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An HTTP/1.1 response head and its Content-Length body. */
    record Response(int status, String head, String body) {
        String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).strip();
                }
            }
            return null;
        }
    }

    RawClient write(String text) {
        return write(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    RawClient write(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes one byte at a time, pausing now and then so the proxy sees many separate reads. */
    RawClient writeInTinyPieces(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < bytes.length; i++) {
            write(new byte[] {bytes[i]});
            if (i % 4 == 3) {
                Proxied.sleep(1); // not a wait: spaces the writes so they arrive as separate reads
            }
        }
        return this;
    }

    byte[] readExactly(int n) {
        try {
            return in.readNBytes(n);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a response whose body is delimited by Content-Length (absent means empty). */
    Response readResponse() {
        Response head = readResponseHead();
        String length = head.header("Content-Length");
        int bodyLength = length == null ? 0 : Integer.parseInt(length.toLowerCase(Locale.ROOT));
        return new Response(head.status(), head.head(), new String(readExactly(bodyLength), StandardCharsets.UTF_8));
    }

    /** Reads a response head only. */
    Response readResponseHead() {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        try {
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("connection closed inside a response head: " + head);
                }
                head.write(b);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String headText = head.toString(StandardCharsets.ISO_8859_1);
        return new Response(Integer.parseInt(headText.substring(9, 12)), headText, "");
    }

    /** Reads and discards everything until the peer closes; returns how many bytes that was. */
    long skipToEnd() {
        try {
            return in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code n} zero bytes, adding each piece to {@code sent}; stops quietly when the socket closes. */
    void writeZeros(long n, AtomicLong sent) {
        byte[] piece = new byte[64 * 1024];
        try {
            for (long left = n; left > 0; left -= piece.length) {
                out.write(piece, 0, (int) Math.min(piece.length, left));
                sent.addAndGet(Math.min(piece.length, left));
            }
            out.flush();
        } catch (IOException e) {
            // the test closed the socket to stop this writer
        }
    }

    /** Reads everything until the peer closes. */
    String readToEnd() {
        try {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the peer has closed: the next read sees end of stream (or a reset) within the timeout. */
    boolean closedByPeer() {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
