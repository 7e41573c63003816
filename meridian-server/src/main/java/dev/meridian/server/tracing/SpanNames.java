package dev.meridian.server.tracing;

import dev.meridian.core.error.GatewayException;
import dev.meridian.server.config.ProviderType;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import java.util.Locale;

/**
 * The attribute keys the gateway's spans carry: OpenTelemetry's semantic conventions where one fits (HTTP, GenAI),
 * {@code meridian.*} for the rest. Never a prompt, an answer, a key or a caller's header.
 */
final class SpanNames {

    static final AttributeKey<String> HTTP_METHOD = AttributeKey.stringKey("http.request.method");
    static final AttributeKey<String> HTTP_ROUTE = AttributeKey.stringKey("http.route");
    static final AttributeKey<Long> HTTP_STATUS = AttributeKey.longKey("http.response.status_code");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
    static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");

    static final AttributeKey<String> GEN_AI_SYSTEM = AttributeKey.stringKey("gen_ai.system");
    static final AttributeKey<String> GEN_AI_OPERATION = AttributeKey.stringKey("gen_ai.operation.name");
    static final AttributeKey<String> GEN_AI_REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");
    static final AttributeKey<String> GEN_AI_RESPONSE_MODEL = AttributeKey.stringKey("gen_ai.response.model");
    static final AttributeKey<Long> GEN_AI_INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");
    static final AttributeKey<Long> GEN_AI_OUTPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.output_tokens");

    static final AttributeKey<String> REQUEST_ID = AttributeKey.stringKey("meridian.request_id");
    static final AttributeKey<String> TENANT_ID = AttributeKey.stringKey("meridian.tenant_id");
    static final AttributeKey<String> MODEL_GROUP = AttributeKey.stringKey("meridian.model_group");
    static final AttributeKey<String> DEPLOYMENT = AttributeKey.stringKey("meridian.deployment");
    static final AttributeKey<String> PROVIDER = AttributeKey.stringKey("meridian.provider");
    static final AttributeKey<String> CACHE = AttributeKey.stringKey("meridian.cache");
    static final AttributeKey<Boolean> STREAM = AttributeKey.booleanKey("meridian.stream");
    static final AttributeKey<String> STAGE = AttributeKey.stringKey("meridian.stage");
    static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("meridian.attempt");
    static final AttributeKey<Long> ATTEMPTS = AttributeKey.longKey("meridian.attempts");
    static final AttributeKey<Boolean> HEDGE = AttributeKey.booleanKey("meridian.hedge");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("meridian.attempt.outcome");

    private SpanNames() {}

    /** {@code gen_ai.system}: the convention's names where it has one, else the provider type's own. */
    static String system(ProviderType type) {
        return switch (type) {
            case AZURE -> "az.ai.openai";
            case GEMINI -> "gcp.gemini";
            default -> type.id();
        };
    }

    /** A stage's span name: its class's, without "Stage", in snake case ({@code ReadBodyStage}: read_body). */
    static String stage(Class<?> type) {
        String name = type.getSimpleName();
        if (name.endsWith("Stage") && name.length() > "Stage".length()) {
            name = name.substring(0, name.length() - "Stage".length());
        }
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    /** Marks {@code span} as refused with {@code error}; a server-side failure (5xx) sets the error status. */
    static void refused(Span span, Throwable error) {
        if (error instanceof GatewayException e) {
            span.setAttribute(ERROR_TYPE, e.code().openAiCode());
            if (e.status() >= 500) {
                span.setStatus(StatusCode.ERROR);
            }
        } else {
            span.setAttribute(ERROR_TYPE, error.getClass().getName());
            span.setStatus(StatusCode.ERROR);
        }
    }
}
