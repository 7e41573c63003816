package dev.meridian.testkit.proxy;

import io.vertx.core.net.NetSocket;
import java.util.function.LongConsumer;

/** Copies bytes from one socket to another, counting them and pausing the source while the sink is full. */
final class Relay {

    private boolean stopped;

    private Relay() {}

    /** Takes over {@code from}'s data handler; its end and close handlers are left to the caller. */
    static Relay start(NetSocket from, NetSocket to, LongConsumer counter) {
        Relay relay = new Relay();
        from.handler(data -> {
            if (relay.stopped) {
                return;
            }
            counter.accept(data.length());
            to.write(data);
            if (to.writeQueueFull()) {
                from.pause();
                to.drainHandler(v -> from.resume());
            }
        });
        return relay;
    }

    /** Drops whatever {@code from} still delivers, for an upstream the client no longer reads from. */
    void stop() {
        stopped = true;
    }
}
