package dev.meridian.bench.jmh;

import dev.meridian.core.budget.BudgetPeriod;
import dev.meridian.core.budget.Money;
import dev.meridian.core.budget.SpendCounter;
import dev.meridian.core.model.ChatRequest;
import dev.meridian.core.model.ContentPart;
import dev.meridian.core.model.Message;
import dev.meridian.core.model.Usage;
import dev.meridian.core.protocol.openai.OpenAiRequestDecoder;
import dev.meridian.core.routing.ModelPrice;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The CPU one request's budget checks cost (issue 11, items 3 and 10), the work of the server's {@code BudgetHook}
 * for a caller with four budgets (tenant, team, user, key): count the input tokens of the already decoded request,
 * price its maximum, reserve on four counters, remember the call, then at its end forget it and settle the four.
 * The canonical request is decoded outside the measurement: the pipeline decodes it anyway.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class BudgetCheckBenchmark {

    /** {@code small}: one short user message; {@code tools}: the multi-turn tool conversation fixture (~5 KB). */
    @Param({"small", "tools"})
    public String request;

    private final ModelPrice price = new ModelPrice(0.15, 0.6, 0.075);
    private final Usage usage = new Usage(40, 10, 0, 0, 0);
    private final Map<Object, long[]> held = new ConcurrentHashMap<>();
    private SpendCounter[] counters;
    private ChatRequest chat;

    @Setup
    public void setUp() {
        byte[] body = request.equals("small")
                ? "{\"model\":\"gpt\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"
                        .getBytes(StandardCharsets.UTF_8)
                : Fixtures.compactJson(Fixtures.TOOL_CONVERSATION);
        chat = OpenAiRequestDecoder.decodeChat(body);
        bodyBytes = body.length;
        counters = new SpendCounter[4];
        for (int i = 0; i < counters.length; i++) {
            counters[i] = new SpendCounter(BudgetPeriod.MONTH, ZoneId.of("UTC"), Long.MAX_VALUE / 2, 0, Instant.now());
        }
    }

    private long bodyBytes;

    @Benchmark
    public long reserveAndSettle() {
        // The hook's input bound: the body's bytes plus 1,600 per image (nothing is tokenized).
        long images = 0;
        for (Message m : chat.messages()) {
            for (ContentPart part : m.content()) {
                if (part instanceof ContentPart.Image) {
                    images++;
                }
            }
        }
        long output = chat.maxOutputTokens() != null ? chat.maxOutputTokens() : 16_384;
        long bound = bodyBytes + images * 1_600;
        long amount = Money.ceilNanos((bound * Math.max(price.inputPerMillion(), price.cacheWritePerMillion())
                        + output * Math.max(price.outputPerMillion(), price.reasoningPerMillion()))
                / 1_000_000.0);
        long now = System.currentTimeMillis();
        for (SpendCounter c : counters) {
            if (!c.tryReserve(amount, now)) {
                return -1;
            }
        }
        Object call = new Object();
        held.put(call, new long[] {amount});
        long[] h = held.remove(call);
        long cost = Money.roundNanos(price.cost(usage));
        for (SpendCounter c : counters) {
            c.settle(h[0], cost, now);
        }
        return amount;
    }
}
