package dev.meridian.deploy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Running the deployment tools the checks need (docker-compose, kubectl), and where deploy/ and the image are. */
final class Commands {
    private Commands() {}

    record Result(int exitCode, String output) {}

    static Path deployDir() {
        return Path.of(System.getProperty("meridian.deploy.dir", "../deploy"))
                .toAbsolutePath()
                .normalize();
    }

    static Path imageTar() {
        return Path.of(System.getProperty("meridian.image.tar", "target/meridian-image.tar"));
    }

    static Path serverJar() {
        return Path.of(System.getProperty("meridian.server.jar", "../meridian-server/target/meridian.jar"));
    }

    /** The tool's path, or a failure that says how to install it. */
    static String require(String tool, String install) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path candidate = Path.of(dir, tool);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new AssertionError(tool + " is not installed: " + install);
    }

    /** Runs a command to completion (stdout and stderr together), failing the test after two minutes. */
    static Result run(List<String> command, Path directory) throws IOException, InterruptedException {
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        // The files' own variables only: a MERIDIAN_ADMIN_KEY of the machine running the tests must not fill a gap.
        builder.environment()
                .keySet()
                .removeIf(name ->
                        name.startsWith("MERIDIAN_") || name.startsWith("POSTGRES_") || name.startsWith("GRAFANA_"));
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
