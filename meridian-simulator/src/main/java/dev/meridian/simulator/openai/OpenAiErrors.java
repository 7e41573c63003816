package dev.meridian.simulator.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.simulator.engine.Directives;
import dev.meridian.simulator.engine.Json;
import dev.meridian.simulator.engine.ProviderError;
import dev.meridian.simulator.engine.SimResponse;
import java.util.Map;

/**
 * OpenAI's error body {@code {"error": {"message", "type", "param", "code"}}} with the real types
 * and codes, and Azure's gateway-level variant {@code {"error": {"code", "message"}}} for the
 * statuses Azure's front door answers itself (401, 404 deployment, 429).
 *
 * <p>Sources: https://platform.openai.com/docs/guides/error-codes ,
 * https://learn.microsoft.com/en-us/azure/ai-foundry/openai/reference (and the bodies the services
 * return, as quoted in public SDK issues).
 */
final class OpenAiErrors {

    /** Which service's error conventions to follow. */
    enum Flavor {
        OPENAI,
        AZURE
    }

    /** The context window the context-length refusal quotes. */
    private static final int CONTEXT_WINDOW = 128000;

    private final Flavor flavor;

    OpenAiErrors(Flavor flavor) {
        this.flavor = flavor;
    }

    SimResponse error(int status, String message, String type, String param, String code) {
        return error(status, message, type, param, code, Directives.NONE);
    }

    SimResponse invalidRequest(String message, String param, String code) {
        return error(400, message, "invalid_request_error", param, code);
    }

    SimResponse missingKey() {
        if (flavor == Flavor.AZURE) {
            return azure(
                    401,
                    "401",
                    "Access denied due to missing subscription key. Make sure to include "
                            + "subscription key when making requests to an API.",
                    Directives.NONE);
        }
        return error(
                401,
                "You didn't provide an API key. You need to provide your API key in an "
                        + "Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the "
                        + "password field (with blank username) if you're accessing the API from your browser and are "
                        + "prompted for a username and password. You can obtain an API key from "
                        + "https://platform.openai.com/account/api-keys.",
                "invalid_request_error",
                null,
                null);
    }

    SimResponse wrongKey(String presented) {
        if (flavor == Flavor.AZURE) {
            return azure(
                    401,
                    "401",
                    "Access denied due to invalid subscription key or wrong API endpoint. "
                            + "Make sure to provide a valid key for an active subscription and use a correct regional API "
                            + "endpoint for your resource.",
                    Directives.NONE);
        }
        return error(
                401,
                "Incorrect API key provided: " + mask(presented) + ". You can find your API key "
                        + "at https://platform.openai.com/account/api-keys.",
                "invalid_request_error",
                null,
                "invalid_api_key");
    }

    SimResponse modelNotFound(String model) {
        if (flavor == Flavor.AZURE) {
            return deploymentNotFound();
        }
        return error(
                404,
                "The model `" + model + "` does not exist or you do not have access to it.",
                "invalid_request_error",
                null,
                "model_not_found");
    }

    SimResponse deploymentNotFound() {
        return azure(
                404,
                "DeploymentNotFound",
                "The API deployment for this resource does not exist. If "
                        + "you created the deployment within the last 5 minutes, please wait a moment and try again.",
                Directives.NONE);
    }

    SimResponse unknownRoute(String method, String path) {
        if (flavor == Flavor.AZURE) {
            return azure(404, "404", "Resource not found", Directives.NONE);
        }
        return error(404, "Invalid URL (" + method + " " + path + ")", "invalid_request_error", null, null);
    }

    /** The error a {@code status=} directive asks for, worded as the service words that status. */
    SimResponse injected(int status, String model, Directives directives) {
        String retry = directives.retryAfterSeconds().isPresent()
                ? Integer.toString(directives.retryAfterSeconds().getAsInt())
                : "1";
        if (flavor == Flavor.AZURE && status == 429) {
            return azure(
                    429,
                    "429",
                    "Requests to the ChatCompletions_Create Operation under Azure OpenAI API "
                            + "have exceeded call rate limit of your current OpenAI S0 pricing tier. Please retry after "
                            + retry + " seconds. Please go here: https://aka.ms/oai/quotaincrease if you would like to "
                            + "further increase the default rate limit.",
                    directives);
        }
        if (flavor == Flavor.AZURE && status == 401) {
            return wrongKey("");
        }
        return switch (status) {
            case 400 -> error(400, "Simulated bad request.", "invalid_request_error", null, null, directives);
            case 401 ->
                error(
                        401,
                        "Incorrect API key provided: sk-sim***. You can find your API key at "
                                + "https://platform.openai.com/account/api-keys.",
                        "invalid_request_error",
                        null,
                        "invalid_api_key",
                        directives);
            case 404 ->
                error(
                        404,
                        "The model `" + model + "` does not exist or you do not have access to it.",
                        "invalid_request_error",
                        null,
                        "model_not_found",
                        directives);
            case 429 ->
                error(
                        429,
                        "Rate limit reached for " + model + " in organization org-simulator on "
                                + "requests per min (RPM): Limit 1, Used 1, Requested 1. Please try again in " + retry
                                + "s. Visit https://platform.openai.com/account/rate-limits to learn more.",
                        "requests",
                        null,
                        "rate_limit_exceeded",
                        directives);
            case 500 ->
                error(
                        500,
                        "The server had an error while processing your request. Sorry about that!",
                        "server_error",
                        null,
                        null,
                        directives);
            case 503 ->
                error(
                        503,
                        "The engine is currently overloaded, please try again later.",
                        "server_error",
                        null,
                        null,
                        directives);
            default ->
                error(
                        status,
                        "Simulated error with status " + status + ".",
                        status >= 500 ? "server_error" : "invalid_request_error",
                        null,
                        null,
                        directives);
        };
    }

    /**
     * The refusal an {@code error=} directive asks for. Context window: OpenAI's 400
     * {@code context_length_exceeded} (Azure sends the same body). Content policy: OpenAI's chat 400
     * {@code invalid_prompt} "flagged as potentially violating our usage policy"; Azure's 400
     * {@code content_filter} with {@code innererror.code: ResponsibleAIPolicyViolation}. Bodies as quoted in
     * openai/openai-python#331, chathub-dev/chathub#126 and alan-turing-institute/t0-1#69.
     */
    SimResponse refused(ProviderError kind, int promptTokens, Directives directives) {
        if (kind == ProviderError.CONTEXT_LENGTH) {
            return error(
                    400,
                    "This model's maximum context length is " + CONTEXT_WINDOW + " tokens. However, your "
                            + "messages resulted in " + (CONTEXT_WINDOW + promptTokens)
                            + " tokens. Please reduce the length of "
                            + "the messages.",
                    "invalid_request_error",
                    "messages",
                    "context_length_exceeded",
                    directives);
        }
        if (flavor == Flavor.AZURE) {
            ObjectNode error = Json.object();
            error.put(
                    "message",
                    "The response was filtered due to the prompt triggering Azure OpenAI's content "
                            + "management policy. Please modify your prompt and retry. To learn more about our content filtering "
                            + "policies please read our documentation: https://go.microsoft.com/fwlink/?linkid=2198766");
            error.putNull("type");
            error.put("param", "prompt").put("code", "content_filter").put("status", 400);
            ObjectNode inner = error.putObject("innererror").put("code", "ResponsibleAIPolicyViolation");
            ObjectNode results = inner.putObject("content_filter_result");
            results.putObject("hate").put("filtered", true).put("severity", "high");
            results.putObject("jailbreak").put("filtered", false).put("detected", false);
            results.putObject("self_harm").put("filtered", false).put("severity", "safe");
            results.putObject("sexual").put("filtered", false).put("severity", "safe");
            results.putObject("violence").put("filtered", false).put("severity", "safe");
            ObjectNode body = Json.object();
            body.set("error", error);
            return new SimResponse.Body(400, Map.of(), Json.bytes(body), directives);
        }
        return error(
                400,
                "Invalid prompt: your prompt was flagged as potentially violating our usage policy. "
                        + "Please try again with a different prompt: "
                        + "https://platform.openai.com/docs/guides/reasoning#advice-on-prompting",
                "invalid_request_error",
                null,
                "invalid_prompt",
                directives);
    }

    private SimResponse error(
            int status, String message, String type, String param, String code, Directives directives) {
        ObjectNode error = Json.object();
        error.put("message", message).put("type", type).put("param", param).put("code", code);
        ObjectNode body = Json.object();
        body.set("error", error);
        return new SimResponse.Body(status, Map.of(), Json.bytes(body), directives);
    }

    private static SimResponse azure(int status, String code, String message, Directives directives) {
        ObjectNode body = Json.object();
        body.putObject("error").put("code", code).put("message", message);
        return new SimResponse.Body(status, Map.of(), Json.bytes(body), directives);
    }

    /** {@code sk-abc***wxyz}, as OpenAI quotes a wrong key. */
    private static String mask(String key) {
        if (key.length() <= 8) {
            return "***";
        }
        return key.substring(0, 3) + "*".repeat(Math.min(40, key.length() - 7)) + key.substring(key.length() - 4);
    }
}
