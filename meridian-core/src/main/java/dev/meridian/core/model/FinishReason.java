package dev.meridian.core.model;

/** Why generation stopped, in the gateway's terms (OpenAI's vocabulary). */
public enum FinishReason {
    /** Natural end of the answer or a stop sequence. */
    STOP("stop"),
    /** The output token limit was reached. */
    LENGTH("length"),
    /** The model called one or more tools. */
    TOOL_CALLS("tool_calls"),
    /** The provider withheld or cut the answer for safety or policy reasons. */
    CONTENT_FILTER("content_filter");

    private final String openAiName;

    FinishReason(String openAiName) {
        this.openAiName = openAiName;
    }

    public String openAiName() {
        return openAiName;
    }

    public static FinishReason fromOpenAi(String name) {
        return switch (name) {
            case "stop" -> STOP;
            case "length" -> LENGTH;
            case "tool_calls", "function_call" -> TOOL_CALLS;
            case "content_filter" -> CONTENT_FILTER;
            default -> null;
        };
    }
}
