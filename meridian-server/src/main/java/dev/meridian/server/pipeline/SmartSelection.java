package dev.meridian.server.pipeline;

import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.model.ChatRequest;
import dev.meridian.core.model.Message;
import dev.meridian.core.model.Operation;
import dev.meridian.core.model.Role;
import dev.meridian.core.routing.ModelPrice;
import dev.meridian.core.routing.QualityTier;
import dev.meridian.core.routing.SmartCandidates;
import dev.meridian.core.routing.SmartChoice;
import dev.meridian.core.routing.TaskClassifier;
import dev.meridian.core.routing.TaskType;
import dev.meridian.server.routing.ModelGroup;
import dev.meridian.server.routing.RouteTable;
import dev.meridian.server.routing.RoutingMetrics;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Smart model selection for {@code auto} and smart groups: the task type (from {@code x-meridian-task} or the
 * prompt, by {@link TaskClassifier}), the quality tier (from {@code x-meridian-quality} or the default), the
 * candidate groups of that cell that are configured, cheapest first for the request's estimated tokens. The
 * choice goes into the plan (and so the response headers) and metrics.
 */
final class SmartSelection {

    private final RouteTable table;
    private final RoutingMetrics metrics;

    SmartSelection(RouteTable table, RoutingMetrics metrics) {
        this.table = table;
        this.metrics = metrics;
    }

    /**
     * The candidate groups of a smart group for this request, cheapest first: the task type from the
     * {@code x-meridian-task} header or the prompt, the tier from {@code x-meridian-quality} or the default.
     */
    Choice choose(RequestContext ctx, ModelGroup smart) {
        if (ctx.operation() != Operation.CHAT) {
            throw GatewayException.builder(
                            ErrorCode.INVALID_REQUEST,
                            "The model `" + smart.name() + "` chooses among chat models; name an embeddings model.")
                    .param("model")
                    .build();
        }
        TaskType task = header(
                ctx,
                "x-meridian-task",
                TaskType::parse,
                "translation, summarization, " + "code_generation, reasoning, chat");
        boolean inferred = task == null;
        if (inferred) {
            task = classify(ctx);
        }
        QualityTier tier = header(ctx, "x-meridian-quality", QualityTier::parse, "low, medium, high");
        if (tier == null) {
            tier = table.defaultTier();
        }
        SmartCandidates candidates = smart.candidates();
        List<ModelGroup> configured = new ArrayList<>();
        for (String name : candidates.candidates(task, tier)) {
            ModelGroup g = table.find(name);
            if (g != null && !g.smart() && !g.deployments().isEmpty()) {
                configured.add(g);
            }
        }
        if (configured.isEmpty()) {
            throw GatewayException.builder(
                            ErrorCode.MODEL_NOT_FOUND,
                            "The model `" + smart.name()
                                    + "` has no configured candidate for task " + task.wireName() + " at tier "
                                    + tier.wireName()
                                    + " (candidates: " + String.join(", ", candidates.candidates(task, tier))
                                    + "); configure routing.smart.candidates.")
                    .param("model")
                    .build();
        }
        long input = ctx.body().length / 4;
        Integer max = chat(ctx).maxOutputTokens();
        long output = max != null ? max : table.assumedOutputTokens();
        Map<String, ModelPrice> seedPrices = SmartCandidates.seedPrices();
        configured.sort(Comparator.comparingDouble(g -> {
            ModelPrice price = g.cheapestPrice(input, output);
            if (price == null) {
                price = seedPrices.get(g.name());
            }
            return price == null ? Double.POSITIVE_INFINITY : price.cost(input, 0, output);
        }));
        List<String> names = new ArrayList<>(configured.size());
        configured.forEach(g -> names.add(g.name()));
        metrics.smartSelection(task.wireName(), tier.wireName(), names.get(0));
        return new Choice(names, new SmartChoice(task.wireName(), inferred, tier.wireName(), names.get(0)));
    }

    /** The candidate groups, cheapest first, and what was chosen. */
    record Choice(List<String> groups, SmartChoice summary) {}

    private static ChatRequest chat(RequestContext ctx) {
        return (ChatRequest) ctx.inbound().canonical();
    }

    private static TaskType classify(RequestContext ctx) {
        StringBuilder system = new StringBuilder();
        String lastUser = "";
        for (Message m : chat(ctx).messages()) {
            if (m.role() == Role.SYSTEM || m.role() == Role.DEVELOPER) {
                system.append(m.text()).append('\n');
            } else if (m.role() == Role.USER) {
                lastUser = m.text();
            }
        }
        return TaskClassifier.classify(system.toString(), lastUser);
    }

    private static <T> T header(
            RequestContext ctx, String name, java.util.function.Function<String, Optional<T>> parse, String allowed) {
        String value = ctx.caller().request().getHeader(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        return parse.apply(value)
                .orElseThrow(() -> GatewayException.builder(
                                ErrorCode.INVALID_REQUEST,
                                "Header " + name + ": '" + value + "' is not one of " + allowed + ".")
                        .param(name)
                        .build());
    }
}
