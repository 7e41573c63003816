package dev.meridian.server.runtime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What SIGHUP does to a serving gateway: reload its configuration file ({@link LiveConfig#reload}), or, started without
 * one, log that there is nothing to reload. Installed before the gateway starts, because the JVM's own handling of
 * SIGHUP stops the process: a signal that arrives while the gateway starts, or just after it reports ready, is kept
 * and acted on once the gateway knows what to reload. A process that inherited SIGHUP ignored ({@code nohup}) cannot
 * take it at all: the JVM leaves it ignored, and a gateway with a file to reload says so at start.
 */
public final class HangUp {

    private static final Logger LOG = LoggerFactory.getLogger(HangUp.class);

    private boolean decided;
    /** What a signal does once the gateway serves; null when there is nothing to reload. */
    private Runnable reload;

    private boolean pending;
    /** Whether the process was started with SIGHUP ignored, so that no signal ever reaches {@link #signalled}. */
    private boolean ignored;

    HangUp() {}

    /**
     * Takes SIGHUP from the JVM from now on. Where the signal does not exist or the JVM keeps signals to itself
     * ({@code -Xrs}) it says so, and the configuration file is still watched.
     */
    public static HangUp install() {
        HangUp hangUp = new HangUp();
        try {
            sun.misc.SignalHandler before =
                    sun.misc.Signal.handle(new sun.misc.Signal("HUP"), signal -> hangUp.signalled());
            // Inherited from whatever started the JVM; the JVM keeps an ignored SIGHUP ignored, handler or not.
            hangUp.ignored = before == sun.misc.SignalHandler.SIG_IGN;
        } catch (IllegalArgumentException e) {
            LOG.info("SIGHUP cannot be handled here ({}); the configuration file is still watched", e.getMessage());
        }
        return hangUp;
    }

    /**
     * The gateway has started: from now on SIGHUP reloads {@code live}'s file, or, when {@code live} is null (started
     * without a file: embedded default, demo), logs that there is nothing to reload. A signal kept while it started
     * is acted on now.
     */
    public void serving(LiveConfig live) {
        serving(live == null ? null : () -> live.reload("sighup"));
    }

    /** {@link #serving(LiveConfig)} with what a signal runs (on a thread of its own); null for nothing to reload. */
    synchronized void serving(Runnable reload) {
        this.reload = reload;
        decided = true;
        if (ignored && reload != null) {
            LOG.warn("SIGHUP is ignored in this process (started under nohup, or by a parent that ignores it):"
                    + " it will not reload the configuration. The file is still watched"
                    + " (server.configWatchInterval); start the gateway without nohup for SIGHUP to reload.");
        }
        if (pending) {
            pending = false;
            act();
        }
    }

    synchronized void signalled() {
        if (decided) {
            act();
        } else {
            pending = true;
        }
    }

    private void act() {
        if (reload == null) {
            LOG.warn("SIGHUP: the gateway started without a configuration file; nothing to reload");
            return;
        }
        Thread t = new Thread(reload, "meridian-config-reload");
        t.setDaemon(true);
        t.start();
    }
}
