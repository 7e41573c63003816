package dev.meridian.server.pipeline;

/**
 * When one request reached each point of its path ({@code System.nanoTime()}, 0 when not reached). The upstream
 * times are those of the attempt whose answer the caller got; the caller times are the writer's.
 * Confined to the request's event loop.
 */
public final class Timings {

    private final long start;
    private long upstreamSent;
    private long upstreamHead;
    private long upstreamAnswer;
    private long callerFirstByte;
    private long firstToken;
    private long end;

    Timings(long start) {
        this.start = start;
    }

    public long start() {
        return start;
    }

    /** The serving attempt's request sent, response head received, and answer in hand (a stream's first bytes). */
    public void upstream(long sent, long head, long answer) {
        upstreamSent = sent;
        upstreamHead = head;
        upstreamAnswer = answer;
    }

    public long upstreamSent() {
        return upstreamSent;
    }

    public long upstreamHead() {
        return upstreamHead;
    }

    public long upstreamAnswer() {
        return upstreamAnswer;
    }

    /** Marks the first byte written to the caller, the first time only. */
    public void callerFirstByte(long now) {
        if (callerFirstByte == 0) {
            callerFirstByte = now;
        }
    }

    public long callerFirstByte() {
        return callerFirstByte;
    }

    /** Marks the first content of a stream written to the caller, the first time only. */
    public void firstToken(long now) {
        if (firstToken == 0) {
            firstToken = now;
        }
    }

    public long firstToken() {
        return firstToken;
    }

    void end(long now) {
        end = now;
    }

    public long end() {
        return end;
    }
}
