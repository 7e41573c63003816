package dev.meridian.simulator.engine;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * One server-sent event: an optional {@code event:} name and one {@code data:} line.
 *
 * @param event the event name (Anthropic names every event; OpenAI and Gemini name none)
 * @param data the data line, never containing a line break
 */
public record SseEvent(Optional<String> event, String data) {

    public SseEvent {
        requireNonNull(event, "event");
        requireNonNull(data, "data");
    }

    public static SseEvent data(String data) {
        return new SseEvent(Optional.empty(), data);
    }

    public static SseEvent named(String event, String data) {
        return new SseEvent(Optional.of(event), data);
    }

    /** The same event carrying other data. */
    public SseEvent withData(String newData) {
        return new SseEvent(event, newData);
    }

    /** The event's bytes, ending with the blank line that terminates it. */
    public byte[] encode(Framing framing) {
        String eol = framing.lineEnd;
        StringBuilder out = new StringBuilder(data.length() + 32);
        event.ifPresent(name -> out.append("event: ").append(name).append(eol));
        out.append("data: ").append(data).append(eol).append(eol);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Line endings of a provider's event stream. */
    public enum Framing {
        /** {@code \n}: OpenAI and Anthropic. */
        LF("\n"),
        /** {@code \r\n}: Gemini ({@code data: {...}\r\n\r\n}). */
        CRLF("\r\n");

        private final String lineEnd;

        Framing(String lineEnd) {
            this.lineEnd = lineEnd;
        }
    }
}
