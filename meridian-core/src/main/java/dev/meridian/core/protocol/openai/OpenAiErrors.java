package dev.meridian.core.protocol.openai;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.json.Json;
import dev.meridian.core.provider.UpstreamErrors;
import java.io.IOException;

/**
 * OpenAI's error body, {@code {"error":{"message","type","param","code"}}}, in both directions: rendering
 * the gateway's errors for callers, and reading errors from OpenAI-protocol providers (including the
 * shapes OpenAI-compatible servers use instead: a string {@code error}, FastAPI's {@code detail}, a bare
 * {@code message}).
 */
public final class OpenAiErrors {

    private OpenAiErrors() {}

    public static byte[] encode(GatewayException e) {
        return OpenAiJson.write(g -> writeError(g, e));
    }

    static void writeError(JsonGenerator g, GatewayException e) throws IOException {
        g.writeStartObject();
        g.writeObjectFieldStart("error");
        g.writeStringField("message", e.getMessage());
        g.writeStringField("type", e.code().openAiType());
        if (e.param() == null) {
            g.writeNullField("param");
        } else {
            g.writeStringField("param", e.param());
        }
        // The provider's own code only where the caller's request is at fault and the gateway has no stable code
        // for it (e.g. decimal_above_max_value); a provider's "invalid_api_key" behind a 502 would tell the caller
        // their own key is wrong.
        boolean callersFault = e.code() == dev.meridian.core.error.ErrorCode.UPSTREAM_INVALID_REQUEST;
        g.writeStringField(
                "code",
                callersFault && e.providerCode() != null
                        ? e.providerCode()
                        : e.code().openAiCode());
        g.writeEndObject();
        g.writeEndObject();
    }

    /** Maps an OpenAI-protocol provider's non-2xx answer to the gateway's error. */
    public static GatewayException decode(String provider, int status, String retryAfter, byte[] body) {
        String message = null;
        String code = null;
        String param = null;
        try {
            JsonNode root = Json.parse(body);
            JsonNode error = root == null ? null : root.get("error");
            if (error != null && error.isObject()) {
                message = Json.text(error, "message");
                code = Json.text(error, "code");
                if (code == null) {
                    code = Json.text(error, "type");
                }
                param = Json.text(error, "param");
            } else if (error != null && error.isTextual()) {
                message = error.textValue();
            } else if (root != null && root.hasNonNull("detail")) {
                JsonNode detail = root.get("detail");
                message = detail.isTextual() ? detail.textValue() : detail.toString();
            } else if (root != null && root.hasNonNull("message")) {
                message = root.get("message").asText();
            }
        } catch (IOException | RuntimeException notJson) {
            message = snippet(body);
        }
        GatewayException e = UpstreamErrors.fromStatus(provider, status, retryAfter, message, code);
        if (param == null) {
            return e;
        }
        return GatewayException.builder(e.code(), e.getMessage())
                .status(e.status())
                .param(param)
                .providerCode(e.providerCode())
                .provider(provider)
                .retryAfter(e.retryAfter())
                .build();
    }

    static String snippet(byte[] body) {
        String s = new String(body, 0, Math.min(body.length, 300), java.nio.charset.StandardCharsets.UTF_8).strip();
        return s.isEmpty() ? null : s;
    }
}
