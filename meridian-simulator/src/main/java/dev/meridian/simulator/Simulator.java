package dev.meridian.simulator;

/**
 * A running provider simulator as an application that embeds it sees it: where it listens and how
 * to stop it. The gateway's demo mode uses only this; tests that queue faults or read recorded
 * requests use {@link ProviderSimulator}, which implements it.
 *
 * <pre>{@code
 * Simulator sim = Simulator.start(SimulatorOptions.defaults().recording(false));
 * String upstream = sim.baseUrl();   // http://127.0.0.1:<port>; OpenAI clients add /v1
 * ...
 * sim.close();
 * }</pre>
 *
 * <p>Thread-safe: any thread may read {@link #port()} and {@link #baseUrl()}; {@link #close()} is
 * idempotent but blocks, so it must not be called on a Vert.x event loop.
 */
public interface Simulator extends AutoCloseable {

    /**
     * Starts a simulator on a Vert.x instance of its own, and blocks until it listens. Its own
     * instance, because an embedding application usually needs the simulator's address before it
     * can size its own Vert.x; {@link #close()} closes that instance.
     *
     * @param options where and how to listen; {@link SimulatorOptions#defaults()} is loopback on a
     *     free port
     * @throws NullPointerException if {@code options} is null
     * @throws IllegalStateException if it does not listen within 30 seconds (the port is taken, the
     *     host is not local), or if called on a Vert.x event loop
     */
    static Simulator start(SimulatorOptions options) {
        return ProviderSimulator.start(options);
    }

    /** The port it listens on, never 0 (a requested port 0 reads as the one that was picked). */
    int port();

    /**
     * {@code http://<host>:<port>} ({@code https://} with TLS), a wildcard bind address read as
     * loopback; the Anthropic and Gemini base URL, and the OpenAI one without its {@code /v1}.
     */
    String baseUrl();

    /**
     * Stops listening and releases the simulator's threads, waiting up to 30 seconds. Requests in
     * flight are cut off. A second call does nothing.
     *
     * @throws IllegalStateException if it does not stop in time, or if called on a Vert.x event loop
     */
    @Override
    void close();
}
