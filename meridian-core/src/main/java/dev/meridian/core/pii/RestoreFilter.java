package dev.meridian.core.pii;

import dev.meridian.core.model.StreamEvent;
import dev.meridian.core.relay.StreamFilter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Restores a request's masked values in its answer stream. A placeholder may arrive split over any number of
 * events, so each text, reasoning and tool-call-argument stream holds back a tail that could still become a
 * placeholder ({@code [EMA}) until the next event completes or rules it out; what is released has every complete
 * placeholder replaced. A choice's held tails are let go when that choice finishes, when another of its streams
 * starts (a tool call after text), and at the end. Tool-call arguments are JSON, so values are escaped there.
 * Runs last among the filters, so that what the cache assembles is still masked.
 */
public final class RestoreFilter implements StreamFilter {

    /** One stream of deltas: kind (t text, r reasoning, a arguments), choice, tool-call index. */
    private record Lane(char kind, int choice, int index) {}

    private final PiiVault vault;
    private final Map<Lane, StringBuilder> held = new LinkedHashMap<>();

    public RestoreFilter(PiiVault vault) {
        this.vault = vault;
    }

    @Override
    public void onEvent(StreamEvent event, Consumer<StreamEvent> next) {
        if (event instanceof StreamEvent.TextDelta d) {
            Lane lane = new Lane('t', d.choice(), 0);
            String out = pass(lane, d.text(), next);
            if (!out.isEmpty()) {
                next.accept(new StreamEvent.TextDelta(d.choice(), out));
            }
        } else if (event instanceof StreamEvent.ReasoningDelta d) {
            Lane lane = new Lane('r', d.choice(), 0);
            String out = pass(lane, d.text(), next);
            if (!out.isEmpty()) {
                next.accept(new StreamEvent.ReasoningDelta(d.choice(), out));
            }
        } else if (event instanceof StreamEvent.ToolCallDelta d) {
            Lane lane = new Lane('a', d.choice(), d.index());
            String out = pass(lane, d.arguments() == null ? "" : d.arguments(), next);
            if (!out.isEmpty() || d.id() != null || d.name() != null || d.thoughtSignature() != null) {
                next.accept(new StreamEvent.ToolCallDelta(
                        d.choice(), d.index(), d.id(), d.name(), out, d.thoughtSignature()));
            }
        } else if (event instanceof StreamEvent.Finished f) {
            flush(f.choice(), null, next);
            next.accept(event);
        } else {
            next.accept(event);
        }
    }

    @Override
    public void onEnd(Consumer<StreamEvent> next) {
        flush(-1, null, next);
    }

    /** Adds {@code text} to the lane; returns what may go now, restored. Other lanes of the choice are let go. */
    private String pass(Lane lane, String text, Consumer<StreamEvent> next) {
        flush(lane.choice(), lane, next);
        StringBuilder buffer = held.get(lane);
        String all = buffer == null || buffer.length() == 0
                ? text
                : buffer.append(text).toString();
        int keep = all.lastIndexOf('[');
        if (keep >= 0 && (all.indexOf(']', keep) >= 0 || !vault.couldBecomePlaceholder(all.substring(keep)))) {
            keep = -1;
        }
        String release = keep < 0 ? all : all.substring(0, keep);
        if (keep >= 0) {
            if (buffer == null) {
                buffer = new StringBuilder();
                held.put(lane, buffer);
            }
            buffer.setLength(0);
            buffer.append(all, keep, all.length());
        } else if (buffer != null) {
            buffer.setLength(0);
        }
        return vault.restore(release, lane.kind() == 'a');
    }

    /** Lets go the held tails of {@code choice} (every choice when -1), except {@code except}'s. */
    private void flush(int choice, Lane except, Consumer<StreamEvent> next) {
        if (held.isEmpty()) {
            return;
        }
        for (Map.Entry<Lane, StringBuilder> e : held.entrySet()) {
            Lane lane = e.getKey();
            StringBuilder tail = e.getValue();
            if (tail.length() == 0 || lane.equals(except) || choice >= 0 && lane.choice() != choice) {
                continue;
            }
            String text = tail.toString();
            tail.setLength(0);
            switch (lane.kind()) {
                case 't' -> next.accept(new StreamEvent.TextDelta(lane.choice(), text));
                case 'r' -> next.accept(new StreamEvent.ReasoningDelta(lane.choice(), text));
                default ->
                    next.accept(new StreamEvent.ToolCallDelta(lane.choice(), lane.index(), null, null, text, null));
            }
        }
    }
}
