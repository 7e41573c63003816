package dev.meridian.core.pii;

import dev.meridian.core.model.ChatRequest;
import dev.meridian.core.model.ContentPart;
import dev.meridian.core.model.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Applies a {@link PiiPolicy} to a chat request: finds personal data in every message's text and in the
 * arguments of earlier tool calls, and either names the classes that block the request or replaces each value to
 * mask by its placeholder. Pure; one instance per request.
 */
public final class RequestMasker {

    /**
     * What the policy made of a request.
     *
     * @param request the request to send (the same instance when nothing was masked)
     * @param blocked the classes found whose action is block, sorted; empty when the request may go
     * @param found   how many values of each class were found, whatever their action
     * @param vault   the placeholders given out, for restoring the answer
     */
    public record Result(ChatRequest request, List<String> blocked, Map<String, Integer> found, PiiVault vault) {

        public boolean masked() {
            return !vault.isEmpty();
        }
    }

    private final PiiPolicy policy;
    private final PiiVault vault;
    private final boolean redactAll;
    private final long deadline;
    private final Map<String, Integer> found = new TreeMap<>();
    private final TreeSet<String> blocked = new TreeSet<>();

    private RequestMasker(PiiPolicy policy, PiiVault vault, boolean redactAll) {
        this.policy = policy;
        this.vault = vault;
        this.redactAll = redactAll;
        this.deadline = policy.scanner().deadlineFromNow();
    }

    /**
     * Applies {@code policy} to {@code request}.
     *
     * @throws CustomPatterns.Timeout when the tenant's patterns ran out of their time bound
     */
    public static Result apply(PiiPolicy policy, ChatRequest request) {
        RequestMasker m = new RequestMasker(policy, new PiiVault(), false);
        List<Message> messages = new ArrayList<>(request.messages().size());
        boolean changed = false;
        for (Message message : request.messages()) {
            Message masked = m.message(message);
            changed |= masked != message;
            messages.add(masked);
        }
        ChatRequest out = changed && m.blocked.isEmpty() ? request.withMessages(messages) : request;
        return new Result(out, List.copyOf(m.blocked), Map.copyOf(m.found), m.vault);
    }

    /**
     * {@code text} with every value whose class is not allowed replaced by its placeholder in {@code vault}: what a
     * log or a stored body keeps (a blocked request's values included).
     */
    public static String redact(PiiPolicy policy, PiiVault vault, String text) {
        RequestMasker m = new RequestMasker(policy, vault, true);
        return m.text(text);
    }

    /** {@code text} with every value to mask replaced, or the same instance. */
    private String text(String text) {
        List<Finding> findings = policy.scanner().scan(text, deadline);
        if (findings.isEmpty()) {
            return text;
        }
        StringBuilder out = null;
        int copied = 0;
        for (Finding f : findings) {
            found.merge(f.type(), 1, Integer::sum);
            PiiAction action = policy.action(f.type());
            if (action == PiiAction.BLOCK) {
                blocked.add(f.type());
            }
            if (action == PiiAction.MASK || redactAll && action == PiiAction.BLOCK) {
                if (out == null) {
                    out = new StringBuilder(text.length());
                }
                out.append(text, copied, f.start());
                out.append(vault.placeholder(f.type(), text.substring(f.start(), f.end())));
                copied = f.end();
            }
        }
        return out == null ? text : out.append(text, copied, text.length()).toString();
    }

    private Message message(Message message) {
        List<ContentPart> parts = null;
        for (int i = 0; i < message.content().size(); i++) {
            ContentPart part = message.content().get(i);
            ContentPart masked = part(part);
            if (masked != part && parts == null) {
                parts = new ArrayList<>(message.content().subList(0, i));
            }
            if (parts != null) {
                parts.add(masked);
            }
        }
        return parts == null ? message : new Message(message.role(), parts, message.name(), message.toolCallId());
    }

    private ContentPart part(ContentPart part) {
        if (part instanceof ContentPart.Text t) {
            String masked = text(t.text());
            return masked == t.text() ? part : new ContentPart.Text(masked, t.cacheControl());
        }
        if (part instanceof ContentPart.ToolCall c) {
            String masked = text(c.arguments());
            return masked == c.arguments()
                    ? part
                    : new ContentPart.ToolCall(c.id(), c.name(), masked, c.thoughtSignature());
        }
        return part;
    }
}
