package dev.meridian.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Latency at one connection measured by wrk, the instrument issue 10's figures came from, as a cross-check of
 * the load generator's own (a JVM client adds its own wake-ups to every request, which at one connection is most
 * of what is measured). wrk sends the scenario's exact body; targets alternate, {@code rounds} times each.
 */
final class WrkLatency {

    /** One target and scenario: p50 and p99 over its rounds, in ms (the median of each round's percentiles). */
    record Result(String target, Scenario scenario, double p50, double p99) {}

    /** {@code target}'s p50 less direct's for {@code scenario}, in ms; NaN when either was not measured. */
    static double addedP50(List<Result> results, Scenario scenario, String target) {
        return p50(results, scenario, target) - p50(results, scenario, Target.DIRECT);
    }

    private static double p50(List<Result> results, Scenario scenario, String target) {
        return results.stream()
                .filter(r -> r.scenario() == scenario && r.target().equals(target))
                .mapToDouble(Result::p50)
                .findFirst()
                .orElse(Double.NaN);
    }

    private static final Pattern PERCENTILE = Pattern.compile("^\\s+(50|99)\\.?0*%\\s+([\\d.]+)(us|ms|s)\\s*$");

    private final String wrk;
    private final Path out;

    WrkLatency(String wrk, Path out) {
        this.wrk = wrk;
        this.out = out;
    }

    List<Result> measure(List<Target> targets, List<Scenario> scenarios, int rounds, int seconds)
            throws IOException, InterruptedException {
        List<Result> results = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            Map<String, List<double[]>> byTarget = new LinkedHashMap<>();
            for (int round = 1; round <= rounds; round++) {
                for (Target target : targets) {
                    double[] p = once(target, scenario, seconds);
                    byTarget.computeIfAbsent(target.name(), k -> new ArrayList<>())
                            .add(p);
                    System.out.printf(
                            "wrk c1 %-18s %-10s round %d: p50 %.3f ms, p99 %.3f ms%n",
                            target.name(), scenario.label(), round, p[0], p[1]);
                }
            }
            byTarget.forEach((name, rs) -> results.add(new Result(
                    name,
                    scenario,
                    RoundTable.median(rs.stream().map(p -> p[0]).toList()),
                    RoundTable.median(rs.stream().map(p -> p[1]).toList()))));
        }
        return results;
    }

    private double[] once(Target target, Scenario scenario, int seconds) throws IOException, InterruptedException {
        Path script = out.resolve("wrk-" + target.name() + "-" + scenario.label() + ".lua");
        Files.writeString(script, lua(target, scenario));
        Process p = new ProcessBuilder(
                        wrk,
                        "-t1",
                        "-c1",
                        "-d" + seconds + "s",
                        "--latency",
                        "-s",
                        script.toString(),
                        "http://127.0.0.1:" + target.port() + "/v1/chat/completions")
                .redirectErrorStream(true)
                .start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(seconds + 30L, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("wrk failed against " + target.name() + ": " + output);
        }
        if (output.contains("Non-2xx")) {
            throw new IllegalStateException("wrk got errors from " + target.name() + ": " + output);
        }
        return parse(output);
    }

    /** p50 and p99 in ms from wrk's latency distribution. */
    static double[] parse(String output) {
        double[] p = {Double.NaN, Double.NaN};
        for (String line : output.split("\n")) {
            Matcher m = PERCENTILE.matcher(line);
            if (m.matches()) {
                double v = Double.parseDouble(m.group(2));
                double ms = switch (m.group(3)) {
                    case "us" -> v / 1000;
                    case "s" -> v * 1000;
                    default -> v;
                };
                p[m.group(1).equals("50") ? 0 : 1] = ms;
            }
        }
        if (Double.isNaN(p[0]) || Double.isNaN(p[1])) {
            throw new IllegalStateException("no latency distribution in wrk's output: " + output);
        }
        return p;
    }

    private static String lua(Target target, Scenario scenario) {
        String body = new String(scenario.body(target.model()), StandardCharsets.UTF_8);
        return "wrk.method = \"POST\"\n"
                + "wrk.body = [==[" + body + "]==]\n"
                + "wrk.headers[\"Content-Type\"] = \"application/json\"\n"
                + "wrk.headers[\"Authorization\"] = \"Bearer " + target.apiKey() + "\"\n"
                + "wrk.headers[\"Accept\"] = \"" + (scenario.stream() ? "text/event-stream" : "application/json")
                + "\"\n";
    }
}
