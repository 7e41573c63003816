package dev.meridian.bench;

/**
 * One phase of the chaos scenario: what the simulator does to dep-a for how long.
 *
 * @param name    short name in the report
 * @param fault   the body of {@code POST /_sim/faults} applied at the start, or null for none (faults cleared)
 * @param seconds how long the phase lasts
 */
record ChaosPhase(String name, String fault, double seconds) {

    static final String WATCHED = "dep-a";
    private static final String WATCHED_MODEL = "chaos-a";

    static ChaosPhase healthy(String name, double seconds) {
        return new ChaosPhase(name, null, seconds);
    }

    /** dep-a answers every chat request with {@code status} until the faults are cleared. */
    static ChaosPhase errors(int status, double seconds) {
        return new ChaosPhase(
                "dep-a " + status,
                "{\"path\":\"/v1/chat\",\"model\":\"" + WATCHED_MODEL + "\",\"times\":-1,\"status\":" + status + "}",
                seconds);
    }

    /** dep-a accepts every chat request and never answers, until the faults are cleared. */
    static ChaosPhase hang(double seconds) {
        return new ChaosPhase(
                "dep-a hangs",
                "{\"path\":\"/v1/chat\",\"model\":\"" + WATCHED_MODEL + "\",\"times\":-1,\"hang\":true}",
                seconds);
    }

    boolean faulty() {
        return fault != null;
    }
}
