package dev.meridian.core.protocol.openai;

import static dev.meridian.core.json.Fields.mistyped;
import static dev.meridian.core.json.Fields.optionalBoolean;
import static dev.meridian.core.json.Fields.optionalInt;
import static dev.meridian.core.json.Fields.optionalLong;
import static dev.meridian.core.json.Fields.optionalNumber;
import static dev.meridian.core.json.Fields.optionalObject;
import static dev.meridian.core.json.Fields.optionalString;
import static dev.meridian.core.json.Fields.requiredString;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.model.ChatRequest;
import dev.meridian.core.model.Message;
import dev.meridian.core.model.Param;
import dev.meridian.core.model.Role;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Decodes an OpenAI legacy completions request ({@code POST /v1/completions}) into a canonical chat request: the
 * prompt becomes one user message, and the sampling fields the two APIs share keep their meaning. What a chat
 * model cannot honour is refused with a 400 naming the field, never dropped: several prompts or token-id prompts,
 * {@code suffix}, {@code echo}, {@code logprobs}, and a {@code best_of} above {@code n}. Fields it does not know
 * are kept as the request's unknown fields, for the provider to refuse or drop by its configuration, as chat's are.
 */
final class OpenAiCompletionDecoder {

    /** The legacy API's own default output limit, which chat models do not share: honoured when none is given. */
    static final int DEFAULT_MAX_TOKENS = 16;

    private static final Set<String> KNOWN = Set.of(
            "model",
            "prompt",
            "stream",
            "stream_options",
            "max_tokens",
            "temperature",
            "top_p",
            "n",
            "stop",
            "seed",
            "presence_penalty",
            "frequency_penalty",
            "logit_bias",
            "user",
            "suffix",
            "echo",
            "logprobs",
            "best_of");

    private OpenAiCompletionDecoder() {}

    /**
     * The canonical form of a completions body.
     *
     * @throws GatewayException 400 naming the field ({@code param}), or {@code invalid_json}
     */
    static ChatRequest decode(byte[] body) {
        JsonNode r = OpenAiRequestDecoder.parse(body);
        String model = requiredString(r, "model", "model");
        String prompt = prompt(r);
        boolean stream = Boolean.TRUE.equals(optionalBoolean(r, "stream", "stream"));
        boolean includeUsage = false;
        JsonNode streamOptions = optionalObject(r, "stream_options", "stream_options");
        if (streamOptions != null) {
            if (!stream) {
                throw GatewayException.invalid(
                        "stream_options", "The 'stream_options' parameter is only allowed when 'stream' is enabled.");
            }
            includeUsage = Boolean.TRUE.equals(
                    optionalBoolean(streamOptions, "include_usage", "stream_options.include_usage"));
        }
        EnumSet<Param> params = EnumSet.of(Param.MAX_TOKENS);
        Integer maxTokens = optionalInt(r, "max_tokens", "max_tokens", 1, Integer.MAX_VALUE);
        Double temperature = mark(params, Param.TEMPERATURE, optionalNumber(r, "temperature", "temperature", 0, 2));
        Double topP = mark(params, Param.TOP_P, optionalNumber(r, "top_p", "top_p", 0, 1));
        Integer n = mark(params, Param.N, optionalInt(r, "n", "n", 1, 128));
        List<String> stop = mark(params, Param.STOP, OpenAiRequestDecoder.stop(r));
        Long seed = mark(params, Param.SEED, optionalLong(r, "seed", "seed"));
        Double presence =
                mark(params, Param.PRESENCE_PENALTY, optionalNumber(r, "presence_penalty", "presence_penalty", -2, 2));
        Double frequency = mark(
                params, Param.FREQUENCY_PENALTY, optionalNumber(r, "frequency_penalty", "frequency_penalty", -2, 2));
        JsonNode logitBias = mark(params, Param.LOGIT_BIAS, optionalObject(r, "logit_bias", "logit_bias"));
        String user = mark(params, Param.USER, optionalString(r, "user", "user"));
        refuseUntranslatable(r, n == null ? 1 : n);
        return new ChatRequest(
                model,
                List.of(Message.of(Role.USER, prompt)),
                stream,
                includeUsage,
                maxTokens == null ? DEFAULT_MAX_TOKENS : maxTokens,
                temperature,
                topP,
                null,
                n,
                stop,
                seed,
                presence,
                frequency,
                logitBias,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                user,
                null,
                params,
                OpenAiRequestDecoder.unknownFields(r, KNOWN));
    }

    /** One prompt, given as a string or as an array of one string. */
    private static String prompt(JsonNode r) {
        JsonNode p = r.get("prompt");
        if (p == null || p.isNull()) {
            throw GatewayException.invalid("prompt", "Missing required parameter: 'prompt'.");
        }
        if (p.isArray() && p.size() == 1 && p.get(0).isTextual()) {
            p = p.get(0);
        } else if (p.isArray()
                && !p.isEmpty()
                && (p.get(0).isIntegralNumber() || p.get(0).isArray())) {
            throw refused(
                    "prompt",
                    "Invalid 'prompt': token-id prompts cannot be translated, since token ids belong to one "
                            + "tokenizer; send the prompt as a string.");
        } else if (p.isArray() && p.size() > 1) {
            throw refused(
                    "prompt",
                    "Invalid 'prompt': several prompts in one request are not supported; send one prompt (a string) "
                            + "per request.");
        }
        if (!p.isTextual()) {
            throw mistyped("prompt", "a string or an array of one string", p);
        }
        if (p.textValue().isEmpty()) {
            throw GatewayException.invalid("prompt", "Invalid 'prompt': the prompt must not be empty.");
        }
        return p.textValue();
    }

    /** The legacy fields a chat model has no way to honour, refused when they would change the answer. */
    private static void refuseUntranslatable(JsonNode r, int n) {
        String suffix = optionalString(r, "suffix", "suffix");
        if (suffix != null && !suffix.isEmpty()) {
            throw refused(
                    "suffix",
                    "Parameter 'suffix' (insertion between a prompt and a suffix) cannot be honoured by the chat "
                            + "models behind this gateway; remove it.");
        }
        if (Boolean.TRUE.equals(optionalBoolean(r, "echo", "echo"))) {
            throw refused(
                    "echo",
                    "Parameter 'echo' is not supported by this gateway; the prompt you sent is yours to prepend.");
        }
        if (optionalInt(r, "logprobs", "logprobs", 0, 5) != null) {
            throw refused(
                    "logprobs",
                    "Parameter 'logprobs' cannot be honoured: the legacy log-probability format is not available "
                            + "from the chat models behind this gateway; remove it.");
        }
        Integer bestOf = optionalInt(r, "best_of", "best_of", 1, 20);
        if (bestOf != null && bestOf < n) {
            throw GatewayException.invalid(
                    "best_of", "Invalid 'best_of': it must be at least 'n' (" + n + "), got " + bestOf + ".");
        }
        if (bestOf != null && bestOf > n) {
            throw refused(
                    "best_of",
                    "Parameter 'best_of' above 'n' (choosing the most likely of several candidates) cannot be "
                            + "honoured by the chat models behind this gateway; ask for 'n' completions instead.");
        }
    }

    private static GatewayException refused(String param, String message) {
        return GatewayException.builder(ErrorCode.UNSUPPORTED_PARAMETER, message)
                .param(param)
                .build();
    }

    private static <T> T mark(Set<Param> params, Param param, T value) {
        if (value != null) {
            params.add(param);
        }
        return value;
    }
}
