package dev.meridian.testkit.proxy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** What the proxy did, written from event loops and read from test threads. */
final class ConnectionLog {

    private final AtomicLong nextId = new AtomicLong(1);
    private final List<Entry> entries = new CopyOnWriteArrayList<>();
    private final List<AuthFailure> authFailures = new CopyOnWriteArrayList<>();

    /** Records an upstream connection that has just been established. */
    Entry opened(ProxyProtocol protocol, HostPort target, String user) {
        Entry entry = new Entry(nextId.getAndIncrement(), protocol, target, user);
        entries.add(entry);
        return entry;
    }

    void authFailed(AuthFailure failure) {
        authFailures.add(failure);
    }

    List<ProxyConnection> connections() {
        return entries.stream().map(Entry::snapshot).toList();
    }

    List<AuthFailure> authFailures() {
        return List.copyOf(authFailures);
    }

    /** The live counters of one upstream connection. */
    static final class Entry {
        private final long id;
        private final ProxyProtocol protocol;
        private final HostPort target;
        private final String user;
        private final AtomicLong bytesUp = new AtomicLong();
        private final AtomicLong bytesDown = new AtomicLong();
        private volatile boolean closed;

        private Entry(long id, ProxyProtocol protocol, HostPort target, String user) {
            this.id = id;
            this.protocol = protocol;
            this.target = target;
            this.user = user;
        }

        void addUp(long n) {
            bytesUp.addAndGet(n);
        }

        void addDown(long n) {
            bytesDown.addAndGet(n);
        }

        void markClosed() {
            closed = true;
        }

        ProxyConnection snapshot() {
            // Read the flag first: counters stop moving before it is set, so closed implies final counts.
            boolean isClosed = closed;
            return new ProxyConnection(
                    id, protocol, target.host(), target.port(), user, bytesUp.get(), bytesDown.get(), isClosed);
        }
    }
}
