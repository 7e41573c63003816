package dev.meridian.server.tracing;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OpenTelemetry SDK logs through {@code java.util.logging} (an export that failed, a full queue). Its records go to
 * the gateway's log instead of JUL's two-line stderr format with a stack trace: one line, with the failure's own
 * message; the stack trace only at debug level.
 */
final class SdkLog extends Handler {

    private static final Logger LOG = LoggerFactory.getLogger("dev.meridian.server.tracing.sdk");
    /** Held so the configured logger is not collected (JUL keeps loggers weakly) and its settings lost. */
    private static java.util.logging.Logger sdk;

    private SdkLog() {}

    static synchronized void install() {
        if (sdk != null) {
            return;
        }
        sdk = java.util.logging.Logger.getLogger("io.opentelemetry");
        sdk.setUseParentHandlers(false);
        sdk.addHandler(new SdkLog());
    }

    @Override
    public void publish(LogRecord record) {
        int level = record.getLevel().intValue();
        Throwable cause = record.getThrown();
        String message = "traces: " + record.getMessage() + (cause == null ? "" : " (" + cause + ")");
        if (level >= Level.SEVERE.intValue()) {
            LOG.error(message);
        } else if (level >= Level.WARNING.intValue()) {
            LOG.warn(message);
        } else if (level >= Level.INFO.intValue()) {
            LOG.info(message);
        } else {
            LOG.debug(message);
        }
        if (cause != null && LOG.isDebugEnabled()) {
            LOG.debug("traces: the SDK's failure", cause);
        }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
}
