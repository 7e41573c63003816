package dev.meridian.server.audit;

import static java.util.Objects.requireNonNull;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedFileNamingAndTriggeringPolicy;
import ch.qos.logback.core.rolling.TimeBasedRollingPolicy;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusListener;
import ch.qos.logback.core.util.FileSize;
import dev.meridian.store.model.ChainedAuditEntry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.util.List;

/**
 * One JSON line per audit entry, with its chain fields, in a file that logback's rolling appender rotates by size
 * and by time: {@code audit.jsonl} is the current file, and full or past ones are renamed after the pattern (by
 * default {@code audit.<yyyy-MM-dd>.<n>.jsonl} beside it), the oldest deleted beyond {@code maxHistory} periods or
 * {@code totalSizeCap} by {@link AuditFileRetention} on the writing thread. Runs in a logger context of its own, so the application's logging configuration neither
 * sees nor changes it. Write failures are reported by logback's status, counted, and never thrown.
 */
public final class AuditFileSink implements AuditSink {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AuditFileSink.class);

    private final LoggerContext context = new LoggerContext();
    private final Logger logger;
    private final SizeAndTimeBasedFileNamingAndTriggeringPolicy<ILoggingEvent> trigger;
    private final AuditFileRetention retention;

    /**
     * @param file the current file
     * @param pattern rotated files' name, relative to the file's directory, with {@code %d} (the period) and
     *     {@code %i} (the index within it)
     * @param maxFileSize rotate when the current file reaches this many bytes
     * @param maxHistory how many periods of rotated files to keep
     * @param totalSizeCap the most bytes all rotated files may take, 0 for no cap
     * @param registry where {@code meridian_audit_sink_failures{sink="file"}} counts failed writes, or null
     * @param nowMillis the time the appender sees, for tests; null for the clock
     */
    public AuditFileSink(
            Path file,
            String pattern,
            long maxFileSize,
            int maxHistory,
            long totalSizeCap,
            MeterRegistry registry,
            Long nowMillis) {
        requireNonNull(file, "file");
        Path dir = file.toAbsolutePath().getParent();
        context.setName("meridian-audit");
        context.setMDCAdapter(new LogbackMDCAdapter());
        context.start();
        Counter failures = registry == null ? null : AuditMetrics.failures(registry, name());
        // logback reports a failed write as an ERROR status and carries on; log and count each one.
        context.getStatusManager().add((StatusListener) status -> {
            if (status.getLevel() == Status.ERROR) {
                LOG.error("audit file {}: {}", file, status.getMessage());
                if (failures != null) {
                    failures.increment();
                }
            }
        });
        RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
        appender.setContext(context);
        appender.setName("audit-file");
        appender.setFile(file.toAbsolutePath().toString());
        appender.setAppend(true);

        TimeBasedRollingPolicy<ILoggingEvent> policy = new TimeBasedRollingPolicy<>();
        policy.setContext(context);
        policy.setParent(appender);
        policy.setFileNamePattern(dir.resolve(pattern).toString());
        // No maxHistory or totalSizeCap for logback: its asynchronous remover deleted current files (see
        // AuditFileRetention, which applies both limits instead).
        SizeAndTimeBasedFileNamingAndTriggeringPolicy<ILoggingEvent> trigger =
                new SizeAndTimeBasedFileNamingAndTriggeringPolicy<>();
        trigger.setContext(context);
        trigger.setMaxFileSize(new FileSize(maxFileSize));
        if (nowMillis != null) {
            trigger.setCurrentTime(nowMillis);
        }
        policy.setTimeBasedFileNamingAndTriggeringPolicy(trigger);
        policy.start();
        appender.setRollingPolicy(policy);

        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%msg%n");
        encoder.start();
        appender.setEncoder(encoder);
        appender.start();

        logger = context.getLogger("audit");
        logger.setAdditive(false);
        logger.setLevel(Level.INFO);
        logger.addAppender(appender);
        this.trigger = trigger;
        this.retention = new AuditFileRetention(dir, pattern, maxHistory, totalSizeCap, context);
        retention.maybeApply(trigger.getCurrentTime());
    }

    @Override
    public String name() {
        return "file";
    }

    @Override
    public void accept(List<ChainedAuditEntry> entries) {
        for (ChainedAuditEntry e : entries) {
            logger.info(AuditJson.encodable(AuditJson.text(AuditJson.chained(e))));
        }
        retention.maybeApply(trigger.getCurrentTime());
    }

    /** Moves the appender's clock, for tests of time rotation. */
    void setTimeForTest(long millis) {
        trigger.setCurrentTime(millis);
    }

    @Override
    public void close() {
        context.stop();
    }
}
