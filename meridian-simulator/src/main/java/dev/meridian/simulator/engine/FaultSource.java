package dev.meridian.simulator.engine;

/** Where queued faults come from: the server passes its fault queue to every protocol handler. */
@FunctionalInterface
public interface FaultSource {

    /** Never injects anything. */
    FaultSource NONE = (path, model, inline) -> inline;

    /**
     * The directives for a request: {@code inline} (from the message text) overridden by the first
     * queued fault matching {@code path} and {@code model}, which this call consumes once.
     */
    Directives resolve(String path, String model, Directives inline);
}
