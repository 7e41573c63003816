package dev.meridian.bench.jmh;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Makes JMH report input bytes per second (and events per second) next to operations per second. */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class ByteCounter {

    /** Input bytes consumed; JMH reports it as bytes/s. */
    public long bytes;
    /** Events handed out; JMH reports it as events/s. */
    public long events;

    @Setup(Level.Iteration)
    public void reset() {
        bytes = 0;
        events = 0;
    }
}
