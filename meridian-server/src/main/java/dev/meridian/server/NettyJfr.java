package dev.meridian.server;

/**
 * Netty 4.2 reports buffer allocations as flight-recorder events unless {@code io.netty.jfr.enabled} is false.
 * The JDK initialises its flight recorder when the first event class loads, with or without a recording: that
 * happened on the event loop serving the gateway's first request, 0.2-0.5 s after the gateway listened, during
 * which readiness probes waited. The gateway turns the events off unless the operator set the property (to
 * record Netty's allocations with JFR, start with {@code -Dio.netty.jfr.enabled=true}).
 */
final class NettyJfr {

    static final String PROPERTY = "io.netty.jfr.enabled";

    private NettyJfr() {}

    /** Sets the property to false when it is unset; before Netty's first use, else Netty has read it already. */
    static void offUnlessSet() {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, "false");
        }
    }
}
