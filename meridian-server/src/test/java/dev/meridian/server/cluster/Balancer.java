package dev.meridian.server.cluster;

import dev.meridian.testkit.Poll;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * nginx (Debian's package) in front of the replicas, in the foreground with its own prefix, configuration, pid and
 * logs in a directory of its own, on 127.0.0.1. Its upstream and retry settings are those of
 * {@code deploy/compose/nginx.conf}: a refused connection, a broken one or a 503 (a draining gateway) goes to the
 * next replica, POSTs included.
 */
public final class Balancer implements AutoCloseable {

    static final String MISSING = "nginx is needed for the multi-replica cluster and was not found on the PATH"
            + " or in /usr/sbin: install Debian's package (apt-get install -y nginx)";

    private final int port;
    private final Path dir;
    private final Process process;

    private Balancer(int port, Path dir, Process process) {
        this.port = port;
        this.dir = dir;
        this.process = process;
    }

    /** The nginx binary, or an {@link AssertionError} naming the package to install. */
    static Path nginx() {
        return nginx(Optional.ofNullable(System.getenv("PATH")).orElse(""), List.of("/usr/sbin", "/usr/local/sbin"));
    }

    /** The first executable {@code nginx} in {@code path}'s directories, then in {@code more}. */
    static Path nginx(String path, List<String> more) {
        return Stream.concat(Stream.of(path.split(File.pathSeparator)), more.stream())
                .filter(d -> !d.isEmpty())
                .map(d -> Path.of(d, "nginx"))
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(() -> new AssertionError(MISSING));
    }

    static Balancer start(Path dir, int port, List<Integer> upstreams) throws IOException {
        Path nginx = nginx();
        Files.createDirectories(dir);
        Path conf = dir.resolve("nginx.conf");
        Files.writeString(conf, config(dir, port, upstreams));
        Process process = new ProcessBuilder(
                        nginx.toString(),
                        "-p",
                        dir.toString(),
                        "-c",
                        conf.toString(),
                        "-e",
                        dir.resolve("error.log").toString(),
                        "-g",
                        "daemon off;")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("nginx.out").toFile())
                .start();
        Balancer balancer = new Balancer(port, dir, process);
        try {
            Poll.until(
                    () -> {
                        if (!process.isAlive()) {
                            throw new AssertionError("nginx exited: " + balancer.log());
                        }
                        return accepts(port);
                    },
                    Duration.ofSeconds(10),
                    "nginx listens on " + port);
        } catch (AssertionError e) {
            balancer.close();
            throw e;
        }
        return balancer;
    }

    static String config(Path dir, int port, List<Integer> upstreams) {
        String servers = upstreams.stream()
                .map(p -> "    server 127.0.0.1:" + p + " max_fails=1 fail_timeout=5s;")
                .collect(Collectors.joining("\n"));
        String temp = Stream.of("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
                .map(t -> "  " + t + "_temp_path " + dir.resolve("temp-" + t) + ";")
                .collect(Collectors.joining("\n"));
        return """
                # Written by the cluster harness: deploy/compose/nginx.conf's balancing on 127.0.0.1.
                worker_processes 1;
                pid %s;
                events { worker_connections 4096; }
                http {
                  access_log %s;
                %s
                  upstream meridian {
                %s
                    keepalive 64;
                  }
                  server {
                    listen 127.0.0.1:%d;
                    client_max_body_size 32m;
                    location / {
                      proxy_pass http://meridian;
                      proxy_http_version 1.1;
                      proxy_set_header Connection "";
                      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                      proxy_buffering off;
                      proxy_read_timeout 600s;
                      proxy_connect_timeout 2s;
                      proxy_next_upstream error http_503 non_idempotent;
                      proxy_next_upstream_tries 3;
                      # Which replica (or replicas, when retried) answered: for a failing test's message.
                      add_header x-upstream $upstream_addr always;
                    }
                  }
                }
                """.formatted(dir.resolve("nginx.pid"), dir.resolve("access.log"), temp, servers, port);
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** nginx's error log: which upstream failed and which attempts it passed on. */
    public String log() {
        try {
            Path errors = dir.resolve("error.log");
            return Files.exists(errors) ? Files.readString(errors) : "";
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
