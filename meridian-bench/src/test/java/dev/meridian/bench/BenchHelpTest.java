package dev.meridian.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class BenchHelpTest {

    /**
     * picocli formats each description with {@code String.format}: a bare {@code %} ("10-25 % more") made it print
     * a warning per option on every {@code --help} and show the text unformatted.
     */
    @ParameterizedTest
    @ValueSource(strings = {"load", "chaos", "requestlog"})
    void everyBenchmarksHelpRendersWithoutAFormatWarning(String name) throws Exception {
        Callable<Integer> command = switch (name) {
            case "load" -> new LoadBenchmark();
            case "chaos" -> new ChaosBenchmark();
            default -> new RequestLogBenchmark();
        };
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream saved = System.err;
        String usage;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            usage = new CommandLine(command).getUsageMessage(CommandLine.Help.Ansi.OFF);
        } finally {
            System.setErr(saved);
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(usage).doesNotContain("%n");
    }
}
