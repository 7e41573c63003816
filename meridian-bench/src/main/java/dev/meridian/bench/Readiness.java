package dev.meridian.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Polls a health URL on 127.0.0.1 with a tiny blocking HTTP/1.1 client until it answers 200. */
final class Readiness {

    private Readiness() {}

    /**
     * Polls {@code path} every {@code pollMillis} until it answers 200 and returns the nanoTime of that answer;
     * throws when {@code process} exits first or {@code timeout} passes.
     */
    static long await(ChildProcess process, int port, String path, long pollMillis, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (status(port, path) == 200) {
                return System.nanoTime();
            }
            process.checkAlive();
            Thread.sleep(pollMillis);
        }
        throw new IllegalStateException(
                process.name() + " was not ready on port " + port + " within " + timeout + "; see " + process.log());
    }

    /** The status of one GET, or -1 when the connection is refused or fails. */
    static int status(int port, String path) {
        try (Socket s = new Socket()) {
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            s.setSoTimeout(2000);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] head = new byte[12];
            int n = 0;
            while (n < head.length) {
                int r = in.read(head, n, head.length - n);
                if (r < 0) {
                    return -1;
                }
                n += r;
            }
            // "HTTP/1.1 200"
            return Integer.parseInt(new String(head, 9, 3, StandardCharsets.US_ASCII));
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /** True when nothing listens on the port, checked before starting a server on it. */
    static boolean portFree(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
