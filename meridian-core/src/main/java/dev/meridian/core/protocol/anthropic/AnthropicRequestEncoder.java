package dev.meridian.core.protocol.anthropic;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.json.Json;
import dev.meridian.core.model.ChatRequest;
import dev.meridian.core.model.Param;
import dev.meridian.core.model.Reasoning;
import dev.meridian.core.model.ResponseFormat;
import dev.meridian.core.model.Tool;
import dev.meridian.core.model.ToolChoice;
import dev.meridian.core.pricing.PriceCatalogue;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Encodes a canonical chat request as an Anthropic Messages request body
 * (https://platform.claude.com/docs/en/api/messages). The field-by-field table, and why each rule is what it
 * is, is in docs/providers/anthropic.md. In short:
 * <ul>
 *   <li>{@code max_tokens} is required by Anthropic: the caller's value, else the model's own output limit from
 *       the {@link PriceCatalogue}, so an answer is never cut short by a limit the caller did not set; for a model
 *       the catalogue does not know, {@value #DEFAULT_MAX_TOKENS}, or the thinking budget plus
 *       {@value #DEFAULT_MAX_TOKENS} when thinking is on (thinking counts toward {@code max_tokens});</li>
 *   <li>reasoning (an explicit budget, else {@link Reasoning#budgetOrDefault()} of the effort) becomes
 *       {@code thinking: {type: enabled, budget_tokens}}; the budget must be at least
 *       {@value #MIN_THINKING_BUDGET} and below {@code max_tokens}
 *       (https://platform.claude.com/docs/en/build-with-claude/extended-thinking);</li>
 *   <li>values Anthropic cannot take are refused with a 400 naming the caller's field, never clamped:
 *       temperature above 1, n above 1, a JSON mode without a schema;</li>
 *   <li>{@code response_format} json_schema becomes {@code output_config.format}
 *       (https://platform.claude.com/docs/en/build-with-claude/structured-outputs, generally available, no
 *       beta header);</li>
 *   <li>tools, {@code tool_choice} and {@code parallel_tool_calls} become Anthropic's {@code tools} and
 *       {@code tool_choice} (https://platform.claude.com/docs/en/agents-and-tools/tool-use/implement-tool-use).</li>
 * </ul>
 */
public final class AnthropicRequestEncoder {

    /**
     * The parameters this encoder translates; pass them to
     * {@link dev.meridian.core.provider.SupportedParams#apply} before {@link #encode}. Seed, penalties,
     * logit bias, logprobs and OpenAI {@code metadata} have no Anthropic counterpart.
     */
    public static final Set<Param> SUPPORTED_PARAMS = Collections.unmodifiableSet(EnumSet.of(
            Param.MAX_TOKENS,
            Param.TEMPERATURE,
            Param.TOP_P,
            Param.TOP_K,
            Param.N,
            Param.STOP,
            Param.TOOLS,
            Param.TOOL_CHOICE,
            Param.PARALLEL_TOOL_CALLS,
            Param.RESPONSE_FORMAT,
            Param.REASONING,
            Param.USER));

    static final int DEFAULT_MAX_TOKENS = 4096;
    static final int MIN_THINKING_BUDGET = 1024;
    private static final double MAX_TEMPERATURE = 1.0;

    private AnthropicRequestEncoder() {}

    /**
     * @param request a request already passed through {@code SupportedParams.apply} with
     *                {@link #SUPPORTED_PARAMS}
     * @param model   Anthropic's name for the model
     * @return the request body; the caller may add provider-level fields before serialising it
     * @throws GatewayException {@code INVALID_REQUEST} naming the caller's field for a value Anthropic cannot take
     * @throws IllegalArgumentException when the request still holds unsupported parameters or unknown fields
     */
    public static ObjectNode encode(ChatRequest request, String model) {
        if (!SUPPORTED_PARAMS.containsAll(request.params())
                || !request.unknown().isEmpty()) {
            throw new IllegalArgumentException("apply SupportedParams before encoding: " + request.params() + " "
                    + request.unknown().keySet());
        }
        ObjectNode body = Json.object().put("model", model);
        Integer budget = thinkingBudget(request);
        body.put("max_tokens", maxTokens(request, model, budget));
        AnthropicMessageEncoder.Encoded conversation = AnthropicMessageEncoder.encode(request.messages());
        if (!conversation.system().isEmpty()) {
            body.set("system", conversation.system());
        }
        body.set("messages", conversation.messages());
        sampling(request, body);
        tools(request, body);
        if (budget != null) {
            body.putObject("thinking").put("type", "enabled").put("budget_tokens", budget);
        }
        outputFormat(request.responseFormat(), body);
        if (request.user() != null) {
            body.putObject("metadata").put("user_id", request.user());
        }
        if (request.stream()) {
            body.put("stream", true);
        }
        return body;
    }

    private static Integer thinkingBudget(ChatRequest r) {
        Integer budget = r.reasoning() == null ? null : r.reasoning().budgetOrDefault();
        if (budget != null && budget < MIN_THINKING_BUDGET) {
            String field = budgetField(r);
            String given = r.reasoning().budgetTokens() != null
                    ? String.valueOf(budget)
                    : "'" + r.reasoning().effort() + "' (a budget of " + budget + " tokens)";
            throw GatewayException.invalid(
                    field,
                    "Invalid '" + field + "': " + given + " is below Anthropic's" + " minimum thinking budget of "
                            + MIN_THINKING_BUDGET + " tokens.");
        }
        return budget;
    }

    private static int maxTokens(ChatRequest r, String model, Integer budget) {
        Integer max = r.maxOutputTokens();
        if (max == null) {
            int limit = PriceCatalogue.bundled().maxOutput(model, 0);
            if (limit > 0 && (budget == null || budget < limit)) {
                return limit;
            }
            return budget == null ? DEFAULT_MAX_TOKENS : budget + DEFAULT_MAX_TOKENS;
        }
        if (budget != null && budget >= max) {
            String field = budgetField(r);
            throw GatewayException.invalid(
                    field,
                    "Invalid '" + field + "': a thinking budget of " + budget
                            + " tokens must be less than max_tokens (" + max + "); Anthropic counts thinking toward"
                            + " max_tokens.");
        }
        return max;
    }

    private static String budgetField(ChatRequest r) {
        return r.reasoning().budgetTokens() != null ? "thinking.budget_tokens" : "reasoning_effort";
    }

    private static void sampling(ChatRequest r, ObjectNode body) {
        if (r.n() != null && r.n() > 1) {
            throw GatewayException.invalid(
                    "n",
                    "Invalid 'n': Anthropic returns one choice per request, so n must" + " be 1, not " + r.n() + ".");
        }
        if (!r.stop().isEmpty()) {
            ArrayNode stops = body.putArray("stop_sequences");
            r.stop().forEach(stops::add);
        }
        if (r.temperature() != null) {
            if (r.temperature() > MAX_TEMPERATURE) {
                throw GatewayException.invalid(
                        "temperature",
                        "Invalid 'temperature': " + r.temperature()
                                + " is above 1; Anthropic's temperature ranges from 0 to 1.");
            }
            body.put("temperature", r.temperature());
        }
        if (r.topP() != null) {
            body.put("top_p", r.topP());
        }
        if (r.topK() != null) {
            body.put("top_k", r.topK());
        }
    }

    private static void tools(ChatRequest r, ObjectNode body) {
        if (!r.tools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            for (Tool t : r.tools()) {
                ObjectNode tool = tools.addObject().put("name", t.name());
                if (t.description() != null) {
                    tool.put("description", t.description());
                }
                // Anthropic requires a schema; a function without parameters takes an empty object.
                tool.set(
                        "input_schema",
                        t.parameters() != null
                                ? t.parameters()
                                : Json.object().put("type", "object").set("properties", Json.object()));
                if (Boolean.TRUE.equals(t.strict())) {
                    tool.put("strict", true);
                }
                if (t.cacheControl() != null) {
                    tool.set("cache_control", t.cacheControl());
                }
            }
        }
        ObjectNode choice = toolChoice(r);
        if (choice != null) {
            body.set("tool_choice", choice);
        }
    }

    private static ObjectNode toolChoice(ChatRequest r) {
        ToolChoice choice = r.toolChoice();
        if (r.tools().isEmpty()) {
            if (choice != null
                    && (choice.mode() == ToolChoice.Mode.REQUIRED || choice.mode() == ToolChoice.Mode.FUNCTION)) {
                throw GatewayException.invalid(
                        "tool_choice",
                        "Invalid 'tool_choice': it requires a tool call, but" + " no 'tools' are given.");
            }
            // Without tools, 'auto', 'none' and parallel_tool_calls all mean what leaving them out means.
            return null;
        }
        boolean oneCallAtMost = Boolean.FALSE.equals(r.parallelToolCalls());
        if (choice == null && !oneCallAtMost) {
            return null;
        }
        ObjectNode out = Json.object();
        switch (choice == null ? ToolChoice.Mode.AUTO : choice.mode()) {
            case NONE -> {
                return out.put("type", "none");
            }
            case REQUIRED -> out.put("type", "any");
            case FUNCTION -> out.put("type", "tool").put("name", choice.name());
            default -> out.put("type", "auto");
        }
        if (oneCallAtMost) {
            out.put("disable_parallel_tool_use", true);
        }
        return out;
    }

    private static void outputFormat(ResponseFormat format, ObjectNode body) {
        if (format == null || format.type() == ResponseFormat.Type.TEXT) {
            return;
        }
        if (format.type() == ResponseFormat.Type.JSON_OBJECT) {
            throw GatewayException.invalid(
                    "response_format.type",
                    "Invalid 'response_format.type': Anthropic has"
                            + " no JSON mode without a schema. Send {\"type\": \"json_schema\", \"json_schema\": {...}}.");
        }
        body.putObject("output_config")
                .putObject("format")
                .put("type", "json_schema")
                .set("schema", format.schema());
    }
}
