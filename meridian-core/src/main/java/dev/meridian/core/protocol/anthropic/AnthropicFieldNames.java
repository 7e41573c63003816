package dev.meridian.core.protocol.anthropic;

import dev.meridian.core.error.GatewayException;
import java.util.Map;

/**
 * Says a provider's refusal of a translated Messages request in the caller's terms: the gateway's parameters are named
 * after OpenAI's fields ({@code parallel_tool_calls}, {@code user}), which a caller of the Messages API never sent.
 * The table maps each to the Anthropic field it came from. Pure.
 */
final class AnthropicFieldNames {

    private static final Map<String, String> FROM_GATEWAY = Map.of(
            "parallel_tool_calls", "tool_choice.disable_parallel_tool_use",
            "user", "metadata.user_id",
            "reasoning_effort", "thinking",
            "stop", "stop_sequences",
            "response_format", "output_config.format",
            "response_format.type", "output_config.format.type");

    private AnthropicFieldNames() {}

    /** {@code e} with its field named as the caller sent it; {@code e} itself when it names none of the table. */
    static GatewayException named(GatewayException e) {
        String field = e.param() == null ? null : FROM_GATEWAY.get(e.param());
        if (field == null) {
            return e;
        }
        return GatewayException.builder(e.code(), e.getMessage().replace("'" + e.param() + "'", "'" + field + "'"))
                .status(e.status())
                .param(field)
                .providerCode(e.providerCode())
                .provider(e.provider())
                .retryAfter(e.retryAfter())
                .requestSent(e.requestSent())
                .cut(e.cut())
                .build();
    }
}
