package dev.meridian.simulator;

import dev.meridian.simulator.engine.Directives;
import dev.meridian.simulator.engine.FaultSource;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The faults waiting to be applied, in the order they were queued. Each request takes the first
 * matching fault (which then has one use fewer); its directives override those written in the
 * request's own text. Thread-safe; costs one volatile read per request while empty.
 */
public final class FaultQueue implements FaultSource {

    private final List<Slot> slots = new ArrayList<>();
    private volatile boolean empty = true;

    /** Appends faults to the queue. */
    public synchronized void enqueue(Fault... faults) {
        for (Fault fault : faults) {
            slots.add(new Slot(fault));
        }
        empty = slots.isEmpty();
    }

    /** Drops every queued fault. */
    public synchronized void clear() {
        slots.clear();
        empty = true;
    }

    /** The queued faults, each with the number of uses it has left. */
    public synchronized List<Fault> pending() {
        List<Fault> out = new ArrayList<>(slots.size());
        for (Slot slot : slots) {
            out.add(slot.fault.times(slot.remaining));
        }
        return out;
    }

    @Override
    public Directives resolve(String path, String model, Directives inline) {
        if (empty) {
            return inline;
        }
        synchronized (this) {
            Iterator<Slot> it = slots.iterator();
            while (it.hasNext()) {
                Slot slot = it.next();
                if (slot.fault.matches(path, model)) {
                    if (slot.remaining != Fault.FOREVER && --slot.remaining == 0) {
                        it.remove();
                        empty = slots.isEmpty();
                    }
                    return inline.overriddenBy(slot.fault.directives());
                }
            }
            return inline;
        }
    }

    private static final class Slot {
        final Fault fault;
        int remaining;

        Slot(Fault fault) {
            this.fault = fault;
            this.remaining = fault.times();
        }
    }
}
