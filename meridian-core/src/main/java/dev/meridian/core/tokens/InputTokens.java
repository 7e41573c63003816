package dev.meridian.core.tokens;

import dev.meridian.core.model.CanonicalRequest;
import dev.meridian.core.model.ChatRequest;
import dev.meridian.core.model.ContentPart;
import dev.meridian.core.model.EmbeddingRequest;
import dev.meridian.core.model.Message;
import dev.meridian.core.model.TokenCountRequest;
import dev.meridian.core.model.Tool;

/**
 * The input tokens of a request, counted from the request itself when the provider did not report them. Chat
 * follows OpenAI's published accounting: 3 tokens per message plus its role, name and text, 3 more for the
 * answer's priming; tool calls count their name and arguments, tool definitions their name, description and
 * JSON schema, and each image {@value #IMAGE_TOKENS} tokens (OpenAI's low-detail size; a high-detail image costs
 * more, which this undercounts). Embeddings count each input text. The first {@value #COUNTED_CHARS} characters are
 * tokenized; the rest are counted at their tokens per character, which bounds the work a large request costs (it
 * runs on an event loop, at the end of a cut stream) whatever its size.
 */
public final class InputTokens {

    static final int PER_MESSAGE = 3;
    static final int PRIMING = 3;
    static final int IMAGE_TOKENS = 85;
    static final int COUNTED_CHARS = 256 * 1024;

    private InputTokens() {}

    /** The request's input tokens for {@code model}, the provider's name for the model. */
    public static long count(CanonicalRequest request, String model) {
        Budget budget = new Budget(model);
        if (request instanceof ChatRequest chat) {
            return chat(chat, budget);
        }
        if (request instanceof TokenCountRequest count) {
            return chat(count.chat(), budget);
        }
        long tokens = 0;
        for (String text : ((EmbeddingRequest) request).inputs()) {
            tokens += budget.count(text);
        }
        return tokens;
    }

    /** Tokenizes up to {@link #COUNTED_CHARS} characters, then extrapolates at the ratio seen so far. */
    private static final class Budget {
        private final String model;
        private long chars;
        private long tokens;

        Budget(String model) {
            this.model = model;
        }

        long count(String text) {
            if (text == null || text.isEmpty()) {
                return 0;
            }
            if (chars + text.length() <= COUNTED_CHARS) {
                int n = TokenCounter.count(text, model);
                chars += text.length();
                tokens += n;
                return n;
            }
            double perChar = chars == 0 ? 0.25 : (double) tokens / chars;
            return Math.round(text.length() * perChar);
        }
    }

    private static long chat(ChatRequest chat, Budget budget) {
        long tokens = PRIMING;
        for (Message m : chat.messages()) {
            tokens += PER_MESSAGE + budget.count(m.role().name().toLowerCase(java.util.Locale.ROOT));
            if (m.name() != null) {
                tokens += 1 + budget.count(m.name());
            }
            for (ContentPart part : m.content()) {
                tokens += part(part, budget);
            }
        }
        if (chat.tools() != null) {
            for (Tool t : chat.tools()) {
                tokens += budget.count(t.name()) + budget.count(t.description());
                if (t.parameters() != null) {
                    tokens += budget.count(t.parameters().toString());
                }
            }
        }
        return tokens;
    }

    private static long part(ContentPart part, Budget budget) {
        if (part instanceof ContentPart.Text t) {
            return budget.count(t.text());
        }
        if (part instanceof ContentPart.ToolCall call) {
            return budget.count(call.name()) + budget.count(call.arguments());
        }
        if (part instanceof ContentPart.Thinking thinking) {
            return budget.count(thinking.text());
        }
        if (part instanceof ContentPart.Image) {
            return IMAGE_TOKENS;
        }
        return 0;
    }
}
