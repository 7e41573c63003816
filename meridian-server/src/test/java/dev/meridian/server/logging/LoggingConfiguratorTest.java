package dev.meridian.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.Test;

/** The logging every gateway start sets up, whichever thread configures it. */
class LoggingConfiguratorTest {

    @Test
    void configure_applicationLogsToStderr_accessLogAlone() {
        LoggerContext context = new LoggerContext();
        LoggingConfigurator configurator = new LoggingConfigurator();
        configurator.setContext(context);

        assertThat(configurator.configure(context)).isEqualTo(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        ConsoleAppender<?> stderr = (ConsoleAppender<?>) root.getAppender("STDERR");
        assertThat(stderr.getTarget()).isEqualTo("System.err");
        assertThat(((PatternLayoutEncoder) stderr.getEncoder()).getPattern())
                .isEqualTo("%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{30} - %msg%n");
        Logger access = context.getLogger("meridian.access");
        assertThat(access.isAdditive()).isFalse();
        assertThat(access.getAppender("ACCESS")).isInstanceOf(AsyncLineAppender.class);
        assertThat(context.getLogger("io.netty").getLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("io.vertx").getLevel()).isEqualTo(Level.WARN);
        // MERIDIAN_LOG_LEVEL and MERIDIAN_ACCESS_LOG_LEVEL are not set where the tests run.
        if (System.getenv("MERIDIAN_LOG_LEVEL") == null) {
            assertThat(root.getLevel()).isEqualTo(Level.INFO);
        }
        if (System.getenv("MERIDIAN_ACCESS_LOG_LEVEL") == null) {
            assertThat(access.getLevel()).isEqualTo(Level.INFO);
        }
        context.stop();
    }
}
