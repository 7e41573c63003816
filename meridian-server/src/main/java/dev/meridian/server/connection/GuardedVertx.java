package dev.meridian.server.connection;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.transport.Transport;

/**
 * A Vert.x instance whose HTTP servers can be guarded at accept time (see {@link ConnectionGuards}). The guard is
 * installed after the instance is built, since the instance is built before the configuration is read.
 */
public final class GuardedVertx {

    private final Vertx vertx;
    private final AcceptHookTransport transport;

    private GuardedVertx(Vertx vertx, AcceptHookTransport transport) {
        this.vertx = vertx;
        this.transport = transport;
    }

    /** Builds Vert.x on the native transport when {@code options} prefers it and it is available, else NIO. */
    public static GuardedVertx create(VertxOptions options) {
        Transport preferred = options.getPreferNativeTransport() ? Transport.nativeTransport() : null;
        Transport chosen = preferred != null && preferred.available() ? preferred : Transport.NIO;
        AcceptHookTransport hook = new AcceptHookTransport(chosen.implementation());
        Transport wrapped = new Transport() {
            @Override
            public String name() {
                return chosen.name();
            }

            @Override
            public boolean available() {
                return true;
            }

            @Override
            public Throwable unavailabilityCause() {
                return null;
            }

            @Override
            public io.vertx.core.spi.transport.Transport implementation() {
                return hook;
            }
        };
        return new GuardedVertx(
                Vertx.builder().with(options).withTransport(wrapped).build(), hook);
    }

    public Vertx vertx() {
        return vertx;
    }

    /** Guards the HTTP servers listened on from now on. */
    public void guard(ConnectionGuards guards) {
        transport.acceptHandler(guards);
    }
}
