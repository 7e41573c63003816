package dev.meridian.bench;

import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The chaos benchmark's markdown report: per phase what the callers saw, then per fault how long the gateway
 * took to take dep-a out and to bring it back, then dep-a's states as the admin view showed them. Passes when
 * no caller saw a failure (a healthy deployment existed throughout).
 */
final class ChaosReport {

    private static final List<String> DEPLOYMENTS = List.of("dep-a", "dep-b", "dep-c");

    private final Machine machine;
    private final List<String> settings;
    private final ChaosRun run;
    private final DeploymentWatch watch;

    ChaosReport(Machine machine, List<String> settings, ChaosRun run, DeploymentWatch watch) {
        this.machine = machine;
        this.settings = settings;
        this.run = run;
        this.watch = watch;
    }

    boolean passed() {
        return failures() == 0;
    }

    private long failures() {
        long n = 0;
        for (int i = 0; i < run.phases().size(); i++) {
            n += run.stats(i).failed();
        }
        return n;
    }

    String markdown() {
        StringBuilder md = new StringBuilder("# Meridian chaos benchmark\n\n")
                .append("Run ")
                .append(ZonedDateTime.now().withNano(0))
                .append(".\n\n## Machine\n\n")
                .append(machine.markdown())
                .append("\n## Settings\n\n");
        settings.forEach(s -> md.append("- ").append(s).append('\n'));
        md.append("\n## Phases\n\n")
                .append(
                        "| phase | s | answers | failures | p50 ms | p99 ms | p99 added vs baseline ms | p99.9 ms | max ms |");
        DEPLOYMENTS.forEach(d -> md.append(' ').append(d).append(" |"));
        md.append(" retried answers | max attempts |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        DEPLOYMENTS.forEach(d -> md.append(" ---: |"));
        md.append(" ---: | ---: |\n");
        double baselineP99 = run.stats(0).millis(99);
        for (int i = 0; i < run.phases().size(); i++) {
            PhaseStats s = run.stats(i);
            double seconds = (run.end(i) - run.start(i)) / 1e9;
            md.append(String.format(
                    "| %s | %.1f | %d | %d | %.2f | %.2f | %s | %.2f | %.2f |",
                    run.phases().get(i).name(),
                    seconds,
                    s.ok(),
                    s.failed(),
                    s.millis(50),
                    s.millis(99),
                    i == 0 ? "—" : String.format("%+.2f", s.millis(99) - baselineP99),
                    s.millis(99.9),
                    s.millis(100)));
            for (String d : DEPLOYMENTS) {
                md.append(String.format(" %.1f %% |", s.ok() == 0 ? 0.0 : 100.0 * s.servedBy(d) / s.ok()));
            }
            md.append(String.format(" %d | %d |%n", s.retried(), s.maxAttempts()));
        }
        md.append("\nFailures are answers that were not 200, or streams that did not end with `[DONE]`; the"
                + " deployment shares are of the good answers, from `x-meridian-deployment`.\n");
        failureDetails(md);
        timings(md);
        timeline(md);
        md.append("\n## Result\n\n")
                .append(
                        passed()
                                ? "**PASS**: no caller-visible failure while a healthy deployment existed.\n"
                                : "**FAIL**: " + failures()
                                        + " caller-visible failures although dep-b and dep-c stayed healthy.\n");
        return md.toString();
    }

    private void failureDetails(StringBuilder md) {
        for (int i = 0; i < run.phases().size(); i++) {
            Map<String, Long> failures = run.stats(i).failures();
            if (!failures.isEmpty()) {
                md.append("\nFailures in ").append(run.phases().get(i).name()).append(":\n");
                failures.forEach((why, n) ->
                        md.append("- ").append(n).append(" × ").append(why).append('\n'));
            }
        }
        for (int i = 0; i < run.phases().size(); i++) {
            TreeSet<String> other = new TreeSet<>(run.stats(i).servedBy().keySet());
            other.removeAll(DEPLOYMENTS);
            if (!other.isEmpty()) {
                md.append("\nUnexpected `x-meridian-deployment` values in ")
                        .append(run.phases().get(i).name())
                        .append(": ")
                        .append(other)
                        .append('\n');
            }
        }
    }

    private void timings(StringBuilder md) {
        md.append("\n## Detection and recovery of dep-a\n\n")
                .append(
                        "| fault phase | detected (admin: circuit open or unhealthy) | recovery phase"
                                + " | admin: circuit closed and healthy | admin: also available | dep-a serves callers again |\n")
                .append("| --- | --- | --- | --- | --- | --- |\n");
        List<ChaosPhase> phases = run.phases();
        for (int i = 0; i < phases.size(); i++) {
            if (!phases.get(i).faulty()) {
                continue;
            }
            md.append("| ")
                    .append(phases.get(i).name())
                    .append(" | ")
                    .append(detection(i))
                    .append(" | ");
            int next = i + 1;
            if (next < phases.size() && !phases.get(next).faulty()) {
                md.append(phases.get(next).name())
                        .append(" | ")
                        .append(recovery(next, DeploymentWatch.State::closedAndHealthy))
                        .append(" | ")
                        .append(recovery(next, DeploymentWatch.State::fullyBack))
                        .append(" | ")
                        .append(servingAgain(next))
                        .append(" |\n");
            } else {
                md.append("— | — | — | — |\n");
            }
        }
        md.append("\nTimes are from the fault being set (or cleared) on the simulator; the admin view is polled"
                        + " every 100 ms, so they are accurate to about 100 ms. Admin polls: ")
                .append(watch.summary())
                .append(".\n");
    }

    private String detection(int phase) {
        long from = run.start(phase);
        DeploymentWatch.State before = watch.latest(ChaosPhase.WATCHED, from);
        if (before != null && before.detectedBad()) {
            return "already out at the fault's start (circuit " + before.circuit() + ")";
        }
        for (DeploymentWatch.State s : watch.changes(ChaosPhase.WATCHED)) {
            if (s.nanos() >= from && s.nanos() < run.end(phase) && s.detectedBad()) {
                return seconds(s.nanos() - from) + " (circuit " + s.circuit() + ", healthy " + s.healthy() + ")";
            }
        }
        return "not detected within the phase";
    }

    private String recovery(int phase, Predicate<DeploymentWatch.State> back) {
        long from = run.start(phase);
        DeploymentWatch.State before = watch.latest(ChaosPhase.WATCHED, from);
        if (before != null && back.test(before)) {
            return "never out";
        }
        for (DeploymentWatch.State s : watch.changes(ChaosPhase.WATCHED)) {
            if (s.nanos() >= from && s.nanos() < run.end(phase) && back.test(s)) {
                return seconds(s.nanos() - from);
            }
        }
        return "not within the phase";
    }

    private String servingAgain(int phase) {
        long first = run.stats(phase).firstWatchedAnswer();
        return first == 0 ? "not within the phase" : seconds(first - run.start(phase));
    }

    private void timeline(StringBuilder md) {
        md.append("\n## Deployment states seen by the admin view\n\n")
                .append("Every change, in seconds from the baseline's start:\n\n")
                .append("| t s | phase | deployment | circuit | healthy | available |\n")
                .append("| ---: | --- | --- | --- | --- | --- |\n");
        long zero = run.start(0);
        for (String d : watch.deployments()) {
            for (DeploymentWatch.State s : watch.changes(d)) {
                md.append(String.format(
                        "| %.1f | %s | %s | %s | %s | %s |%n",
                        (s.nanos() - zero) / 1e9, phaseAt(s.nanos()), d, s.circuit(), s.healthy(), s.available()));
            }
        }
    }

    private String phaseAt(long nanos) {
        for (int i = run.phases().size() - 1; i >= 0; i--) {
            if (run.start(i) <= nanos) {
                return nanos < run.end(i) ? run.phases().get(i).name() : "after";
            }
        }
        return "warm-up";
    }

    private static String seconds(long nanos) {
        return String.format("%.2f s", nanos / 1e9);
    }
}
