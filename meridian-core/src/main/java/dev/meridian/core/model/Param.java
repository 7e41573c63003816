package dev.meridian.core.model;

/**
 * The optional request parameters a provider may or may not be able to honour. A request records which
 * of them the caller set ({@link ChatRequest#params()}); each provider declares which it translates, and
 * anything else is refused with a 400 naming the caller's field, or dropped when the provider is
 * configured to drop unsupported parameters. Nothing is dropped silently.
 */
public enum Param {
    MAX_TOKENS("max_tokens"),
    TEMPERATURE("temperature"),
    TOP_P("top_p"),
    TOP_K("top_k"),
    N("n"),
    STOP("stop"),
    SEED("seed"),
    PRESENCE_PENALTY("presence_penalty"),
    FREQUENCY_PENALTY("frequency_penalty"),
    LOGIT_BIAS("logit_bias"),
    LOGPROBS("logprobs"),
    TOP_LOGPROBS("top_logprobs"),
    TOOLS("tools"),
    TOOL_CHOICE("tool_choice"),
    PARALLEL_TOOL_CALLS("parallel_tool_calls"),
    RESPONSE_FORMAT("response_format"),
    REASONING("reasoning_effort"),
    USER("user"),
    METADATA("metadata");

    private final String openAiName;

    Param(String openAiName) {
        this.openAiName = openAiName;
    }

    /** The field's name in the OpenAI chat completions request, used in error messages. */
    public String openAiName() {
        return openAiName;
    }
}
