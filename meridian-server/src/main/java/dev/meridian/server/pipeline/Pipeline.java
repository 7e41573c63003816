package dev.meridian.server.pipeline;

import io.vertx.core.Future;
import java.util.List;

/** Runs stages in order, the last one being the terminal step that produces the reply. */
public final class Pipeline {

    /**
     * How the stages are put together: {@link #PLAIN} runs them as they are; traces wrap each one (the
     * {@code tracing} package). Chosen once when the pipeline is built, so the request path never asks.
     */
    @FunctionalInterface
    public interface Assembly {
        Assembly PLAIN = Pipeline::new;

        Pipeline assemble(List<Stage> stages, Stage.Next terminal);
    }

    private final List<Stage> stages;
    private final Stage.Next terminal;

    public Pipeline(List<Stage> stages, Stage.Next terminal) {
        this.stages = List.copyOf(stages);
        this.terminal = terminal;
    }

    /** The stages, in order. */
    public List<Stage> stages() {
        return stages;
    }

    /** What runs after the last stage: the attempt loop. */
    public Stage.Next terminal() {
        return terminal;
    }

    public Future<Reply> run(RequestContext ctx) {
        return step(0, ctx);
    }

    private Future<Reply> step(int index, RequestContext ctx) {
        if (index == stages.size()) {
            return terminal.run(ctx);
        }
        try {
            return stages.get(index).apply(ctx, next -> step(index + 1, next));
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }
}
