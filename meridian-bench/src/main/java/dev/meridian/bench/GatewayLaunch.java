package dev.meridian.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How the benchmarks start a gateway: as the README does, through the launcher {@code bin/meridian}, with this
 * JVM's Java. JVM flags given to a benchmark replace the launcher's defaults ({@code MERIDIAN_JVM_DEFAULTS=off});
 * extra flags (a profiler's) are added to whichever apply. Each gateway records and maps the class-data archive
 * at a path the benchmark chooses, so runs never share one by accident.
 *
 * @param launcher the launcher script
 * @param jar      the gateway's jar
 * @param jvmFlags flags replacing the launcher's defaults; blank for the defaults
 */
record GatewayLaunch(Path launcher, Path jar, String jvmFlags) {

    static final String LAUNCHER = "bin/meridian";

    /** The launcher and jar of the repository at {@code repo}, both required to exist. */
    static GatewayLaunch of(Path repo, String jvmFlags) {
        Path launcher = repo.resolve(LAUNCHER);
        if (!Files.isRegularFile(launcher)) {
            throw new IllegalStateException(launcher + " not found: --repo must be the repository's root");
        }
        return new GatewayLaunch(launcher, BenchProcesses.requireJar(repo, BenchProcesses.GATEWAY_JAR), jvmFlags);
    }

    /** {@code sh bin/meridian serve --config <config>}. */
    List<String> command(Path config) {
        return List.of("sh", launcher.toString(), "serve", "--config", config.toString());
    }

    /** What the launcher reads: the Java, the jar, the data directory, the archive and the flags. */
    Map<String, String> environment(Path home, Path archive, String extraFlags) {
        Map<String, String> env = new HashMap<>();
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("MERIDIAN_JAR", jar.toString());
        env.put("MERIDIAN_HOME", home.toString());
        env.put("MERIDIAN_CDS_ARCHIVE", archive.toString());
        String flags = (jvmFlags + " " + extraFlags).trim();
        if (!jvmFlags.isBlank()) {
            env.put("MERIDIAN_JVM_DEFAULTS", "off");
        }
        env.put("MERIDIAN_JAVA_OPTS", flags);
        return env;
    }

    /** For the report: what the gateway JVM ran with. */
    String describe() {
        return jvmFlags.isBlank()
                ? "the launcher's defaults (`" + LAUNCHER + "`, as the README starts it)"
                : "`" + jvmFlags + "` instead of the launcher's defaults";
    }
}
