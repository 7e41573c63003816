package dev.meridian.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What the numbers were measured on, for the report's header. */
record Machine(int cores, String cpu, long memoryMib, String kernel, String jvm, String nginx) {

    static Machine describe(String nginxBinary) {
        return new Machine(
                Runtime.getRuntime().availableProcessors(),
                cpuModel(),
                readMemoryMib(),
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                nginxVersion(nginxBinary));
    }

    String markdown() {
        return "| | |\n| --- | --- |\n"
                + "| cores (nproc) | " + cores + " |\n"
                + "| CPU | " + cpu + " |\n"
                + "| memory | " + memoryMib + " MiB |\n"
                + "| kernel | " + kernel + " |\n"
                + "| JVM (bench, gateway, simulator) | " + jvm + " |\n"
                + "| nginx | " + nginx + " |\n";
    }

    private static String cpuModel() {
        String model = "unknown";
        String mhz = "";
        for (String line : lines(Path.of("/proc/cpuinfo"))) {
            if (line.startsWith("model name") && model.equals("unknown")) {
                model = line.substring(line.indexOf(':') + 1).trim();
            } else if (line.startsWith("cpu MHz") && mhz.isEmpty()) {
                mhz = ", " + line.substring(line.indexOf(':') + 1).trim() + " MHz";
            }
        }
        return model + mhz;
    }

    private static long readMemoryMib() {
        for (String line : lines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemTotal:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        return -1;
    }

    private static String nginxVersion(String binary) {
        try {
            Process p =
                    new ProcessBuilder(binary, "-v").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor(5, TimeUnit.SECONDS);
            return out.replace("nginx version: ", "");
        } catch (IOException e) {
            return "not found (" + binary + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    private static List<String> lines(Path p) {
        try {
            return Files.readAllLines(p);
        } catch (IOException e) {
            return List.of();
        }
    }
}
