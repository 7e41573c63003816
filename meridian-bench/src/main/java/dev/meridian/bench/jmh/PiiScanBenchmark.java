package dev.meridian.bench.jmh;

import dev.meridian.core.pii.Finding;
import dev.meridian.core.pii.PiiScanner;
import java.util.List;
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
 * {@link PiiScanner#scan} with the built-in detectors on a 4 KB prompt (issue 14: at most 30 µs): {@code prose}, an
 * English support conversation with an e-mail, a CN mobile, a card and an API key in it; {@code clean}, the same
 * prose without them; {@code logs}, a pasted server log dense with numbers, dates, IPv4 and IPv6 addresses.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class PiiScanBenchmark {

    private static final String PROSE = "Hello team, the customer wrote in again about the invoice from last week. "
            + "They say the amount on page 2 does not match the order total of 1,284.50 and asked us to check the "
            + "shipping fee, the tax line and the discount code SPRING-24 that was applied at checkout. Please "
            + "summarise what happened, draft a polite reply that explains the difference, and list the next steps "
            + "for the billing team. Keep it short: three paragraphs at most, no jargon, and mention order #88213. ";

    private static final String PII = " Reach me at jane.doe@corp.example or 13812345678; card 4111 1111 1111 1111;"
            + " our key is sk-proj-abcdefghijklmnopqrstuvwx. ";

    private static final String LOG = "2026-12-04T20:15:03.412Z INFO  [vert.x-eventloop-thread-1] request 7f3a9c "
            + "from 10.20.30.40:51522 to 2001:db8:85a3::8a2e:370:7334 took 12.5 ms status 200 bytes 1532 retries 0 "
            + "upstream 172.16.0.9:443 model gpt-4o-mini tokens 812/233 cost 0.000417 ";

    @Param({"prose", "clean", "logs"})
    public String text;

    private String prompt;

    @Setup
    public void setUp() {
        StringBuilder sb = new StringBuilder(4200);
        String unit = text.equals("logs") ? LOG : PROSE;
        while (sb.length() < 4096) {
            sb.append(unit);
            if (text.equals("prose") && sb.length() < 1000) {
                sb.append(PII);
            }
        }
        prompt = sb.substring(0, 4096);
        if (text.equals("prose") && PiiScanner.BUILT_IN.scan(prompt).size() < 4) {
            throw new IllegalStateException("the prose prompt should hold four findings");
        }
    }

    @Benchmark
    public List<Finding> scan() {
        return PiiScanner.BUILT_IN.scan(prompt);
    }
}
