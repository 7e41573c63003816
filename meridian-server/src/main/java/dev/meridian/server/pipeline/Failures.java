package dev.meridian.server.pipeline;

import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns any failure into the gateway's one error type; an unexpected one is logged once, here. */
public final class Failures {

    private static final Logger LOG = LoggerFactory.getLogger(Failures.class);

    private Failures() {}

    public static GatewayException asGatewayError(Throwable t) {
        if (t instanceof GatewayException g) {
            return g;
        }
        LOG.error("unexpected failure", t);
        return GatewayException.builder(ErrorCode.INTERNAL, "The gateway failed to process the request.")
                .cause(t)
                .build();
    }
}
