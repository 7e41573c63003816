package dev.meridian.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AsyncLineAppenderTest {

    private final LoggerContext context = new LoggerContext();
    private final Logger logger = context.getLogger("test.access");

    /** A sink whose first write blocks until released, as a stdout nobody reads would. */
    private static final class BlockedSink extends OutputStream {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final ByteArrayOutputStream written = new ByteArrayOutputStream();

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            written.write(b, off, len);
        }

        synchronized String text() {
            return written.toString(StandardCharsets.UTF_8);
        }
    }

    private AsyncLineAppender appender(OutputStream sink, int queueSize) {
        AsyncLineAppender appender = new AsyncLineAppender(sink);
        appender.setContext(context);
        appender.setName("test");
        appender.setQueueSize(queueSize);
        appender.start();
        return appender;
    }

    private LoggingEvent event(Object line) {
        return new LoggingEvent(Logger.FQCN, logger, Level.INFO, "{}", null, new Object[] {line});
    }

    @Test
    void append_queueFullBehindBlockedSink_dropsAndCountsWithoutBlocking() throws Exception {
        BlockedSink sink = new BlockedSink();
        AsyncLineAppender appender = appender(sink, 4);
        appender.doAppend(event("first"));
        assertThat(sink.entered.await(5, TimeUnit.SECONDS))
                .as("the writer is stuck in the sink")
                .isTrue();

        long start = System.nanoTime();
        for (int i = 0; i < 14; i++) {
            appender.doAppend(event("line " + i));
        }
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(tookMillis).as("appending never waits for the sink").isLessThan(1_000);
        assertThat(appender.dropped()).isEqualTo(10);

        sink.release.countDown();
        appender.stop();
        assertThat(sink.text()).isEqualTo("first\nline 0\nline 1\nline 2\nline 3\n");
    }

    @Test
    void append_formatsOnTheWriterThread_oneLinePerEvent() throws Exception {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        AsyncLineAppender appender = appender(sink, 16);
        String[] formattedOn = new String[1];
        Object line = new Object() {
            @Override
            public String toString() {
                formattedOn[0] = Thread.currentThread().getName();
                return "{\"a\":\"é\"}";
            }
        };
        appender.doAppend(event(line));
        appender.doAppend(event("second"));
        appender.stop();

        assertThat(sink.toString(StandardCharsets.UTF_8)).isEqualTo("{\"a\":\"é\"}\nsecond\n");
        assertThat(formattedOn[0]).isNotEqualTo(Thread.currentThread().getName());
        assertThat(appender.dropped()).isZero();
    }

    @Test
    void aLineWriter_writesItsOwnBytes_onTheWriterThread_andOtherMessagesAreFormatted() throws Exception {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        AsyncLineAppender appender = appender(sink, 16);
        String[] writtenOn = new String[1];
        LineWriter line = new LineWriter() {
            @Override
            public void writeLine(OutputStream out) throws java.io.IOException {
                writtenOn[0] = Thread.currentThread().getName();
                out.write("{\"a\":\"é\"}".getBytes(StandardCharsets.UTF_8));
            }

            @Override
            public String toString() {
                throw new AssertionError("formatted as a String although it writes itself");
            }
        };
        appender.doAppend(event(line));
        appender.doAppend(new LoggingEvent(Logger.FQCN, logger, Level.INFO, "count {}", null, new Object[] {3}));
        appender.stop();

        assertThat(sink.toString(StandardCharsets.UTF_8)).isEqualTo("{\"a\":\"é\"}\ncount 3\n");
        assertThat(writtenOn[0]).startsWith("meridian-log-");
    }

    @Test
    void linesThatFlushWhatTheyWriteTo_stillReachTheSinkInOneWritePerBatch() throws Exception {
        // A JsonGenerator's close flushes its target: each access line did, and each became a system call.
        BlockedSink sink = new BlockedSink();
        int[] writes = {0};
        OutputStream counting = new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                writes[0]++;
                sink.write(b, off, len);
            }
        };
        AsyncLineAppender appender = appender(counting, 1024);
        appender.doAppend(event("first"));
        assertThat(sink.entered.await(5, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < 200; i++) {
            int n = i;
            appender.doAppend(event(new LineWriter() {
                @Override
                public void writeLine(OutputStream out) throws java.io.IOException {
                    out.write(("line " + n).getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    out.close();
                }
            }));
        }
        sink.release.countDown();
        appender.stop();

        assertThat(sink.text()).startsWith("first\nline 0\nline 1\n").endsWith("line 199\n");
        assertThat(writes[0])
                .as("the first line's batch, then one for the 200 queued behind it")
                .isEqualTo(2);
    }
}
