package dev.meridian.server.pipeline;

import dev.meridian.core.model.ChatResponse;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;

/**
 * What the PII policy did to one request, for the parts of the gateway that keep or replay it: the request log keeps
 * its body and completion through {@link #redacted}, and a cache hit is replayed through {@link #restored}.
 *
 * @param redactor what every kept text goes through (masking with the request's own placeholders)
 * @param restorer what a stored (masked) answer goes through before this caller gets it
 */
public record PiiHandling(UnaryOperator<String> redactor, UnaryOperator<ChatResponse> restorer) {

    /** No PII was found or handled: everything is kept and replayed as it is. */
    public static final PiiHandling NONE = new PiiHandling(UnaryOperator.identity(), UnaryOperator.identity());

    /** Whether the policy found data to mask or block in the request. */
    public boolean found() {
        return this != NONE;
    }

    /** {@code text} as it may be kept; null stays null. */
    public String redacted(String text) {
        return text == null || this == NONE ? text : redactor.apply(text);
    }

    /** The caller's {@code body} as it may be kept; null stays null. */
    public byte[] redacted(byte[] body) {
        return body == null || this == NONE
                ? body
                : redactor.apply(new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    }

    /** A stored answer as this caller gets it. */
    public ChatResponse restored(ChatResponse answer) {
        return restorer.apply(answer);
    }
}
