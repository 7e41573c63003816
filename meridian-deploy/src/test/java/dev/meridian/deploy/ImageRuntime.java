package dev.meridian.deploy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts a command of an unpacked image as a container runtime would, without one: in new mount and PID
 * namespaces, the image's root bind-mounted read-only, a tmpfs on /tmp, a writable directory on /data, /proc and
 * /dev, then chroot to it as the image's user with only the image's environment. The network is the host's.
 */
final class ImageRuntime {
    private static final String SETUP = """
            set -e
            image_path=$PATH
            PATH=/usr/sbin:/usr/bin:/sbin:/bin
            root=$1; data=$2; user=$3; shift 3
            mount --bind "$root" "$root"
            mount -o remount,bind,ro "$root"
            mount -t proc proc "$root/proc"
            mount --rbind /dev "$root/dev"
            mount -t tmpfs -o mode=1777 tmpfs "$root/tmp"
            mount --bind "$data" "$root/data"
            exec env PATH="$image_path" /usr/sbin/chroot --userspec="$user" "$root" "$@"
            """;

    private ImageRuntime() {}

    static Process start(Path rootfs, Path data, List<String> env, List<String> command, Path log) throws IOException {
        List<String> argv = new ArrayList<>(List.of(
                "/usr/bin/unshare",
                "--mount",
                "--pid",
                "--fork",
                "--kill-child",
                "/bin/sh",
                "-c",
                SETUP,
                "sh",
                rootfs.toString(),
                data.toString(),
                "65532:65532"));
        // Only the image's environment, as a runtime gives it (the host's PATH is used for the setup alone).
        ProcessBuilder builder =
                new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().clear();
        for (String variable : env) {
            int equals = variable.indexOf('=');
            builder.environment().put(variable.substring(0, equals), variable.substring(equals + 1));
        }
        argv.addAll(command);
        return builder.command(argv).start();
    }

    /**
     * Stops the image's process as a runtime does: SIGTERM to the namespace's PID 1 (the JVM: unshare itself passes
     * no signal on), then kill after 40 s. True when it stopped on SIGTERM alone.
     */
    static boolean stop(Process process) throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroy);
        if (process.waitFor(40, TimeUnit.SECONDS)) {
            return true;
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor();
        return false;
    }
}
