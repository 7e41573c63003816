package dev.meridian.server.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The gateway's logging, set up in code rather than from an XML file (parsing logback.xml costs a noticeable
 * part of start-up): application logs to stderr, the access log (one JSON line per request, through an
 * {@link AsyncLineAppender} that never blocks an event loop and writes in batches) to stdout. {@code MERIDIAN_LOG_LEVEL} and
 * {@code MERIDIAN_ACCESS_LOG_LEVEL} set the levels; {@code -Dlogback.configurationFile=...} replaces all of
 * it with an operator's own file.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class LoggingConfigurator extends ContextAwareBase implements Configurator {

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        ConsoleAppender<ILoggingEvent> stderr = console(
                context,
                "STDERR",
                "System.err",
                "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{30} - %msg%n");
        AsyncLineAppender asyncAccess = new AsyncLineAppender();
        asyncAccess.setContext(context);
        asyncAccess.setName("ACCESS");
        asyncAccess.setQueueSize(8192);
        asyncAccess.start();

        Logger accessLogger = context.getLogger("meridian.access");
        accessLogger.setAdditive(false);
        accessLogger.setLevel(level("MERIDIAN_ACCESS_LOG_LEVEL"));
        accessLogger.addAppender(asyncAccess);
        context.getLogger("io.netty").setLevel(Level.WARN);
        context.getLogger("io.vertx").setLevel(Level.WARN);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(level("MERIDIAN_LOG_LEVEL"));
        root.addAppender(stderr);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    private static ConsoleAppender<ILoggingEvent> console(
            LoggerContext context, String name, String target, String pattern) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(pattern);
        encoder.start();
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName(name);
        appender.setTarget(target);
        appender.setEncoder(encoder);
        appender.start();
        return appender;
    }

    private static Level level(String variable) {
        String value = System.getenv(variable);
        return value == null || value.isBlank() ? Level.INFO : Level.toLevel(value.trim(), Level.INFO);
    }
}
