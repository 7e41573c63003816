package dev.meridian.bench;

import java.nio.charset.StandardCharsets;

/**
 * What one request asks for. Both scenarios send the same ~1 KB conversation (system prompt, a question, an
 * answer, a follow-up) ending in {@code [sim tokens=64]}, so the simulator answers 64 tokens: one chat
 * completion, or a stream of 64 content chunks plus role, finish and usage chunks. Streams ask for
 * {@code stream_options.include_usage}, so the simulator does the same work whether it is called directly or
 * through the gateway (which would otherwise add the option upstream and withhold the usage chunk).
 */
enum Scenario {
    NON_STREAM("non-stream", false),
    STREAM("stream", true);

    private static final String SYSTEM = "You are the support assistant of Acme Analytics. Answer questions about"
            + " dashboards, data sources, scheduled reports and billing. Be concise and precise; when a question is"
            + " ambiguous, ask one clarifying question. Never invent features: if the documentation does not cover"
            + " something, say so and suggest contacting support@acme.example. Format lists as bullet points and"
            + " code or queries as fenced blocks. The user's plan is Team (10 seats, SSO enabled, EU region).";
    private static final String QUESTION = "Our weekly revenue report stopped arriving on Monday. The schedule"
            + " still shows 08:00 Europe/Paris and the recipients list is unchanged. What should I check first?";
    private static final String ANSWER = "First check the report's run history: a failed run usually means the"
            + " data source credentials expired. Open Data sources, test the connection, and re-run the report.";
    private static final String FOLLOW_UP = "The connection test passes and a manual run works. Could the"
            + " schedule itself be paused after our SSO change last week? [sim tokens=64]";

    private final String label;
    private final boolean stream;

    Scenario(String label, boolean stream) {
        this.label = label;
        this.stream = stream;
    }

    String label() {
        return label;
    }

    boolean stream() {
        return stream;
    }

    /**
     * The request body for {@code model}; identical bytes for every target apart from the model name, but for the
     * cached group, whose request asks the simulator for 370 tokens (with room for them in max_tokens): its answer, served from the cache, is about
     * 2 KB (the size issue 12's hit-latency target is set for).
     */
    byte[] body(String model) {
        return body(model, false);
    }

    /**
     * {@link #body(String)}, and when {@code unique} with a ticket number of {@link #UNIQUE_DIGITS} zeros in the
     * follow-up, which the load generator replaces by a fresh number per request ({@link #uniqueOffset}), so that no
     * two requests share a cache key and every body has the same length.
     */
    byte[] body(String model, boolean unique) {
        boolean cached = model.equals(ServerConfigs.CACHED_MODEL);
        String followUp = cached ? FOLLOW_UP.replace("[sim tokens=64]", "[sim tokens=370]") : FOLLOW_UP;
        if (unique) {
            followUp = followUp.replace(" [sim", " " + UNIQUE_MARKER + " [sim");
        }
        String json = "{\"model\":\"" + model + "\",\"messages\":["
                + message("system", SYSTEM) + "," + message("user", QUESTION) + ","
                + message("assistant", ANSWER) + "," + message("user", followUp) + "],"
                + "\"temperature\":0.2,\"max_tokens\":" + (cached ? 512 : 256)
                + (stream ? ",\"stream\":true,\"stream_options\":{\"include_usage\":true}" : "") + "}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** The digits a unique body's number takes. */
    static final int UNIQUE_DIGITS = 12;

    private static final String UNIQUE_MARKER = "ticket #" + "0".repeat(UNIQUE_DIGITS);

    /** Where the number's digits start in a unique {@code body}. */
    static int uniqueOffset(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        int at = text.indexOf(UNIQUE_MARKER);
        if (at < 0 || text.length() != body.length) {
            throw new IllegalArgumentException("not a unique ASCII body");
        }
        return at + UNIQUE_MARKER.length() - UNIQUE_DIGITS;
    }

    private static String message(String role, String content) {
        return "{\"role\":\"" + role + "\",\"content\":\"" + content + "\"}";
    }

    static Scenario parse(String label) {
        for (Scenario s : values()) {
            if (s.label.equals(label)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown scenario '" + label + "' (non-stream, stream)");
    }
}
