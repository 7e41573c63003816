package dev.meridian.core.relay;

import dev.meridian.core.model.StreamEvent;
import dev.meridian.core.model.Usage;
import dev.meridian.core.tokens.DeliveredText;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Usage accounting of one stream, the first filter of every chain: the usage and model the provider reported,
 * whether content has started (for time to first token), and the text delivered (to count output tokens when the
 * provider reports none). On a pass-through stream, which has no canonical
 * events, the translator reports what its scanner reads through {@link #usage(Usage)}, {@link #model(String)}
 * and {@link #contentStarted()}. Not thread-safe.
 */
public final class UsageMeter implements StreamFilter {

    private Usage usage;
    private String model;
    private boolean contentStarted;
    private final DeliveredText delivered = new DeliveredText();
    private Function<Usage, Double> pricing;

    @Override
    public void onEvent(StreamEvent event, Consumer<StreamEvent> next) {
        if (event instanceof StreamEvent.Started s) {
            model(s.model());
        } else if (event instanceof StreamEvent.UsageReported u) {
            usage(u.usage());
        } else {
            contentStarted = true;
            if (event instanceof StreamEvent.TextDelta t) {
                delivered.append(t.text());
            } else if (event instanceof StreamEvent.ReasoningDelta r) {
                delivered.append(r.text());
            } else if (event instanceof StreamEvent.ToolCallDelta call) {
                delivered.append(call.arguments());
            }
        }
        next.accept(event);
    }

    /** Sets what usage costs at the serving deployment, so that a usage chunk can say it; null: unknown. */
    public void pricing(Function<Usage, Double> price) {
        pricing = price;
    }

    /** What the usage reported so far cost, or null when there is none or no pricing was set. */
    public Double cost() {
        return pricing == null || usage == null ? null : pricing.apply(usage);
    }

    /** The text that went to the caller, for counting output tokens a provider did not report. */
    public DeliveredText delivered() {
        return delivered;
    }

    /** Records the usage reported so far (cumulative: it replaces what was recorded). */
    public void usage(Usage reported) {
        usage = reported;
    }

    /** Records the model the provider named (the latest naming wins). */
    public void model(String named) {
        if (named != null) {
            model = named;
        }
    }

    /** Marks that content (not the start event) has gone to the caller. */
    public void markContent() {
        contentStarted = true;
    }

    /** The usage the provider reported, or null. */
    public Usage usage() {
        return usage;
    }

    /** The model the provider named, or null. */
    public String model() {
        return model;
    }

    /** True once the first content event has been produced. */
    public boolean contentStarted() {
        return contentStarted;
    }
}
