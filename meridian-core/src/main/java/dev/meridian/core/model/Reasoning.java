package dev.meridian.core.model;

/**
 * How much the model should think before answering. Either an OpenAI-style {@code effort}
 * (minimal, low, medium, high) or an explicit token {@code budget} (Anthropic {@code budget_tokens},
 * Gemini {@code thinkingBudget}), or both; null fields are unset.
 */
public record Reasoning(String effort, Integer budgetTokens) {

    /**
     * The token budget to use for providers that take one: the explicit budget, else the effort's
     * default (minimal 512, low 1024, medium 2048, high 4096; the table LiteLLM users know), else null.
     */
    public Integer budgetOrDefault() {
        if (budgetTokens != null) {
            return budgetTokens;
        }
        if (effort == null) {
            return null;
        }
        return switch (effort) {
            case "minimal" -> 512;
            case "low" -> 1024;
            case "medium" -> 2048;
            case "high" -> 4096;
            default -> null;
        };
    }
}
