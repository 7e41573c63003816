package dev.meridian.server.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.testkit.Poll;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * SIGHUP is taken from the JVM before the gateway starts (the JVM would stop it); a signal that comes before the
 * gateway knows what to reload is kept, not lost and not fatal.
 */
class HangUpTest {

    private final AtomicInteger reloads = new AtomicInteger();

    @Test
    void aSignalWhileTheGatewayStarts_isKept_andReloadsOnceItServes() {
        HangUp hangUp = new HangUp();

        hangUp.signalled();
        hangUp.signalled();
        assertThat(reloads).as("nothing to reload yet").hasValue(0);

        hangUp.serving(reloads::incrementAndGet);

        Poll.until(() -> reloads.get() == 1, "the kept signal reloads, once");
    }

    @Test
    void onceServing_everySignalReloads() {
        HangUp hangUp = new HangUp();
        hangUp.serving(reloads::incrementAndGet);

        hangUp.signalled();
        Poll.until(() -> reloads.get() == 1, "the first signal reloads");
        hangUp.signalled();
        Poll.until(() -> reloads.get() == 2, "the second signal reloads");
    }

    @Test
    void startedWithoutAFile_aKeptSignalAndALaterOneAreLogged_andNothingReloads() {
        ch.qos.logback.classic.Logger logger =
                (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(HangUp.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged =
                new ch.qos.logback.core.read.ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        try {
            HangUp hangUp = new HangUp();
            hangUp.signalled();

            hangUp.serving((Runnable) null);
            hangUp.signalled();

            assertThat(logged.list)
                    .extracting(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
                    .containsExactly(
                            "SIGHUP: the gateway started without a configuration file; nothing to reload",
                            "SIGHUP: the gateway started without a configuration file; nothing to reload");
        } finally {
            logger.detachAppender(logged);
        }
    }
}
