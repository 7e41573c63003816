package dev.meridian.simulator.engine;

import static java.util.Objects.requireNonNull;

/**
 * Thrown by a protocol's decoder or validator to answer at once with an error already rendered in
 * the protocol's shape; the protocol's handler catches it and returns {@link #response()}.
 */
public final class Rejection extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient SimResponse response;

    public Rejection(SimResponse response) {
        super("rejected with status " + response.status(), null, false, false);
        this.response = requireNonNull(response, "response");
    }

    public SimResponse response() {
        return response;
    }
}
