package dev.meridian.bench;

import java.util.Arrays;
import picocli.CommandLine;

/**
 * The benchmark jar's entry point.
 *
 * <pre>
 * java -jar meridian-bench.jar load [options]         load benchmark: direct vs gateway vs nginx ({@link LoadBenchmark})
 * java -jar meridian-bench.jar chaos [options]        chaos benchmark: one deployment fails under load ({@link ChaosBenchmark})
 * java -jar meridian-bench.jar requestlog [options]   request-log writes and reads ({@link RequestLogBenchmark})
 * java -jar meridian-bench.jar jmh [JMH options]      codec and SSE micro-benchmarks (org.openjdk.jmh.Main)
 * java -jar meridian-bench.jar jfr-summary FILE.jfr   top frames, allocation sites and GC of a JFR recording
 * </pre>
 */
public final class BenchMain {

    private BenchMain() {}

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "help" : args[0];
        String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
        switch (command) {
            case "load" -> System.exit(new CommandLine(new LoadBenchmark()).execute(rest));
            case "chaos" -> System.exit(new CommandLine(new ChaosBenchmark()).execute(rest));
            case "requestlog" -> System.exit(new CommandLine(new RequestLogBenchmark()).execute(rest));
            case "jmh" -> org.openjdk.jmh.Main.main(rest);
            case "jfr-summary" -> {
                if (rest.length < 1) {
                    usage();
                    System.exit(2);
                }
                System.out.println(JfrSummary.summarise(java.nio.file.Path.of(rest[0]), 25));
            }
            default -> {
                usage();
                System.exit(command.equals("help") || command.equals("--help") ? 0 : 2);
            }
        }
    }

    private static void usage() {
        System.err.println("""
                usage: java -jar meridian-bench.jar load [options]        (load --help for the options)
                       java -jar meridian-bench.jar chaos [options]       (chaos --help for the options)
                       java -jar meridian-bench.jar requestlog [options]  (requestlog --help for the options)
                       java -jar meridian-bench.jar jmh [JMH options]     (jmh -l lists the benchmarks)
                       java -jar meridian-bench.jar jfr-summary FILE.jfr""");
    }
}
